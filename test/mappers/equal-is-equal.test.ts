/**
 * Issue 18, "equal is equal": values compare by their type before anything is called a conflict,
 * and a suggested value never drops an element any source has.
 */
import { describe, expect, it } from 'vitest';
import { mapToDataCenter } from '../../src/mappers/index.js';
import { canonicalValue, sameTypedValue, suggestedValue } from '../../src/model/setting-catalog.js';
import { openSettingDecisions } from '../../src/cli/init/project-template.js';
import { exp, find, project, setting } from './build.js';

const TWO = {
  sources: ['a', 'b'],
  servers: [
    { name: 'dc-01', fqdn: 'dc-01.x', replaces: ['ucs-a'] },
    { name: 'dc-02', fqdn: 'dc-02.x', replaces: ['ucs-b'] },
  ],
};

const withSettings = (source: string, ...s: ReturnType<typeof setting>[]) => {
  const e = exp(source);
  e.settings.push(...s);
  return e;
};

const conflicts = (key: string, type: Parameters<typeof setting>[2], a: string, b: string) => {
  const r = mapToDataCenter({ project: project(TWO), exports: [withSettings('ucs-a', setting(key, a, type)), withSettings('ucs-b', setting(key, b, type))] });
  return find(r.diagnostics, 'MAP_GLOBAL_SETTING_CONFLICT').filter((d) => d.severity === 'error');
};

describe('equal is equal', () => {
  it.each([
    ['mail.smtpPort', 'int', '25', '025'],
    ['mail.smtpPort', 'int', '25', ' 25'],
    ['contentsharing.enabled', 'bool', 'true', '1'],
    ['contentsharing.enabled', 'bool', '0', 'false'],
    ['usermanager.presenceDomains', 'list', 'corp.example;partner.example', 'partner.example;corp.example'],
    ['contentsharing.blockedExtensions', 'list', 'exe;bat', 'BAT; exe'],
  ] as const)('%s %s: "%s" and "%s" are one value, no conflict', (key, type, a, b) => {
    expect(conflicts(key, type, a, b)).toEqual([]);
  });

  it.each([
    ['mail.smtpPort', 'int', '25', '587'],
    ['contentsharing.enabled', 'bool', '1', '0'],
    ['usermanager.presenceDomains', 'list', 'corp.example', 'corp.example;partner.example'],
    ['mail.sender', 'text', 'pbx@corp.example', 'PBX@corp.example'],
  ] as const)('%s %s: "%s" and "%s" still conflict', (key, type, a, b) => {
    expect(conflicts(key, type, a, b)).toHaveLength(1);
  });

  it('keeps the order of a list whose order may matter (not in the unordered set)', () => {
    expect(sameTypedValue('rights.global.order', 'list', 'a;b', 'b;a')).toBe(false);
    expect(canonicalValue('usermanager.presenceDomains', 'list', 'B.example;a.example;a.example')).toBe('a.example;b.example');
  });

  it('suggests a list holding every element any source has, the first source’s order first', () => {
    expect(suggestedValue('usermanager.presenceDomains', 'list', ['corp.example;b.example', 'c.example;corp.example', 'B.example'])).toBe('corp.example;b.example;c.example');
  });

  it('init suggests the union of a disagreeing list, and no TODO for a reordered one', () => {
    const key = 'usermanager.presenceDomains';
    const reordered = openSettingDecisions([withSettings('ucs-a', setting(key, 'a.example;b.example', 'list')), withSettings('ucs-b', setting(key, 'b.example;a.example', 'list'))]);
    expect(reordered.filter((d) => d.key === key)).toEqual([]);
    const differing = openSettingDecisions([withSettings('ucs-a', setting(key, 'a.example;b.example', 'list')), withSettings('ucs-b', setting(key, 'c.example;a.example', 'list'))]);
    expect(differing.find((d) => d.key === key)?.suggestion).toBe('a.example;b.example;c.example');
    const ports = openSettingDecisions([withSettings('ucs-a', setting('mail.smtpPort', '25', 'int')), withSettings('ucs-b', setting('mail.smtpPort', '025', 'int'))]);
    expect(ports.filter((d) => d.key === 'mail.smtpPort')).toEqual([]);
  });
});

describe('the decision offered for a list conflict', () => {
  it('first offers every element any source has', () => {
    const key = 'usermanager.presenceDomains';
    const r = mapToDataCenter({ project: project(TWO), exports: [withSettings('ucs-a', setting(key, 'a.example;b.example', 'list')), withSettings('ucs-b', setting(key, 'c.example;a.example', 'list'))] });
    const [d] = find(r.diagnostics, 'MAP_GLOBAL_SETTING_CONFLICT');
    expect(d?.decide?.[0]).toMatchObject({ path: 'settings.global["usermanager.presenceDomains"]', value: 'a.example;b.example;c.example' });
  });
});
