/**
 * The open decisions a workshop cannot read from a project path alone (walk 7): an `overrides[n]`
 * entry says what it overrides (the user's AD account name), a `locations.X` choice shows each
 * source's definition, a server's `lineGroups` names the contested line group and the other new
 * server that could manage it. Built from the project and the exports (open-decisions.ts,
 * report-data.ts), never from a finding's message.
 */
import { txt, type Cell } from './document.js';
import type { MessageKey, Translator } from './i18n/index.js';
import type { OpenItem } from './open-decisions.js';

/** What an override changes, in words: „AD-Kontoname des Benutzers dörte.schüßler“. */
function overrideWhat(tr: Translator, o: NonNullable<OpenItem['override']>): string {
  const fieldKey = `openDecisions.field.${o.entity}.${o.field}`;
  const field = tr.has(fieldKey) ? tr.t(fieldKey) : tr.t('openDecisions.field.other', { field: o.field });
  const entityKey = `openDecisions.override.${o.entity}`;
  return tr.t((tr.has(entityKey) ? entityKey : 'openDecisions.override.other') as MessageKey, { field, key: o.key, source: o.source });
}

/** The „what is to be decided“ text of the kinds this file words; undefined for the others. */
export function openWhatWords(tr: Translator, x: OpenItem): string | undefined {
  if (x.kind === 'override' && x.override) return overrideWhat(tr, x.override);
  if (x.kind === 'location') return tr.t('openDecisions.location', { name: x.what });
  if (x.kind === 'lineGroups') {
    const groups = (x.contested ?? []).map((c) => c.lineGroup);
    return groups.length > 0
      ? tr.plural('openDecisions.lineGroups', groups.length, { list: groups.map((g) => tr.t('openDecisions.quoted', { name: g })).join(', '), server: x.server ?? '' })
      : tr.t('openDecisions.serverField', { field: x.what, server: x.server ?? '' });
  }
  return undefined;
}

/** The „what the old servers hold“ cell of the kinds this file words; undefined for the others. */
export function openSourceWords(tr: Translator, x: OpenItem): Cell | undefined {
  const out: Cell = [];
  const br = () => {
    if (out.length > 0) out.push(txt('', 'br'));
  };
  if (x.kind === 'override' && x.override) {
    out.push(txt(tr.t('openDecisions.overrideSource', { source: x.override.source })));
    if (x.proposed !== undefined) {
      br();
      out.push(txt(tr.t('openDecisions.proposed')), txt(x.proposed, 'path'));
    }
    return out;
  }
  if (x.kind === 'location') {
    for (const l of x.locations ?? []) {
      br();
      out.push(txt(`${l.source}: `), txt(tr.plural('openDecisions.locationDef', l.rules, { number: l.number, from: l.extFrom, to: l.extTo }), 'path'));
    }
    if (x.proposed !== undefined) {
      br();
      out.push(txt(tr.t('openDecisions.proposedFrom', { source: x.proposed })));
    }
    return out.length > 0 ? out : undefined;
  }
  if (x.kind === 'lineGroups') {
    for (const c of x.contested ?? []) {
      br();
      out.push(txt(tr.t('openDecisions.contested', { name: c.lineGroup, server: x.server ?? '', list: c.others.join(', ') })));
    }
    if (x.replaces && x.replaces.length > 0) {
      br();
      out.push(txt(tr.t('openDecisions.replaces', { list: x.replaces.join(', ') })));
    }
    return out.length > 0 ? out : undefined;
  }
  return undefined;
}
