/** Issue 20: host names by RFC 1123, server names by a documented pattern, one check each. */
import { describe, expect, it } from 'vitest';
import { hostNameMessage, hostNameProblem, hostOrIpProblem, SERVER_NAME_PATTERN } from '../../src/io/host-name.js';

describe('hostNameProblem', () => {
  it.each(['dc-ucs-01.alpen-handel.de', 'localhost', 'dc1', 'DC-01.Corp.Example', 'a.b.c.', '10.0.0.5', 'x'.repeat(63) + '.de'])('accepts %s', (name) => {
    expect(hostNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['dc-1.x\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Evil]', 'holds a carriage return (CR) at position 7'],
    ['x\n@ IN A 6.6.6.6', 'holds a line break (LF) at position 2'],
    ['dc 1.corp', 'holds a space at position 3'],
    ['dc"1.corp', 'holds """ at position 3'],
    ['<script>', 'holds "<" at position 1'],
    ['dc\u00001', 'holds U+0000 at position 3'],
    ['dc..corp', 'has an empty label (two dots in a row, or a dot at the start)'],
    ['-dc.corp', 'has the label "-dc", which starts or ends with a hyphen'],
    ['x'.repeat(64) + '.de', 'has a label of 64 characters (at most 63)'],
    [('a'.repeat(60) + '.').repeat(5), 'is 305 characters long, a host name at most 253'],
  ])('refuses %j', (name, problem) => {
    expect(hostNameProblem(name)).toBe(problem);
  });

  it('suggests the host name inside a URL or with an underscore', () => {
    expect(hostNameMessage('https://dc-1.corp:7222/', hostNameProblem('https://dc-1.corp:7222/')!)).toMatch(/did you mean dc-1\.corp\?/);
    expect(hostNameMessage('dc_1.corp', hostNameProblem('dc_1.corp')!)).toMatch(/did you mean dc-1\.corp\?/);
  });

  it('takes IP addresses where a host may be one', () => {
    expect(hostOrIpProblem('::1')).toBeUndefined();
    expect(hostOrIpProblem('redis 1')).toBe('holds a space at position 6');
  });

  it.each([['dc-ah-ber-01', true], ['ucs_1.old', true], ['dc 1', false], ['-x', false], ['a\u202Eb', false], ['x'.repeat(64), false]])('server name %j: %s', (name, ok) => {
    expect(SERVER_NAME_PATTERN.test(name)).toBe(ok);
  });
});
