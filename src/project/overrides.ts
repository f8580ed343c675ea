/**
 * `overrides:` (docs/decide.md): corrects imported values without touching the customer's
 * export. Applied between import and mapping, to the imported exports in memory; each entry is
 * checked like the export's own value would be (type, format; a secret is never a field), a
 * source, entity, key or field that matches nothing is an error naming the closest one, and each
 * applied entry is a note (PROJECT_OVERRIDE_APPLIED) and the value's provenance.
 */
import { diag, type Diagnostic } from '../model/index.js';
import { closestName } from '../model/index.js';
import type { EnterpriseExport } from '../model/index.js';
import { formatProjectPath, type Project, type ProjectCode, type ProjectOverride } from './schema.js';
import { option } from './decide-option.js';
import { ENTITY_KINDS, fieldByName, type FieldType } from './override-fields.js';

export interface AppliedOverride {
  index: number;
  entry: ProjectOverride;
  /** The export's source and the entity's canonical key and field. */
  source: string;
  key: string;
  field: string;
  /** The DataCenter table and key of the row the entity becomes (absent: settings, licences). */
  row?: { table: string; key: Record<string, string | number> };
  /** Where the entry sits in the project file. */
  file?: string;
  line?: number;
  column?: number;
}

const lc = (s: string): string => s.toLowerCase();

/** The value as the export would hold it, or why it cannot be. */
function checkValue(type: FieldType, value: string | number | boolean, settingType?: string): { ok: true; value: unknown } | { ok: false; why: string } {
  const text = String(value);
  switch (type) {
    case 'bool':
      if (typeof value === 'boolean') return { ok: true, value };
      if (/^(1|true)$/i.test(text)) return { ok: true, value: true };
      if (/^(0|false)$/i.test(text)) return { ok: true, value: false };
      return { ok: false, why: 'expected true or false (or 1/0)' };
    case 'digits':
      return /^\d*$/.test(text) ? { ok: true, value: text } : { ok: false, why: 'expected digits only' };
    case 'int':
      return /^\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, why: 'expected a whole number' };
    case 'sipUri':
      return /^sip:[^@\s]+@[^@\s]+$/i.test(text) ? { ok: true, value: text.toLowerCase() } : { ok: false, why: 'expected a SIP URI (sip:name@domain)' };
    case 'lineKind':
      return ['TAPI', 'ECSTA', 'SIP'].includes(text.toUpperCase()) ? { ok: true, value: text.toUpperCase() } : { ok: false, why: 'expected TAPI, ECSTA or SIP' };
    case 'setting':
      if (settingType === 'int') return /^-?\d+$/.test(text.trim()) ? { ok: true, value: String(Number(text)) } : { ok: false, why: 'the setting is typed int: expected a whole number' };
      if (settingType === 'bool') {
        if (typeof value === 'boolean' || /^(1|0|true|false)$/i.test(text)) return { ok: true, value: value === true || /^(1|true)$/i.test(text) ? '1' : '0' };
        return { ok: false, why: 'the setting is typed bool: expected true or false' };
      }
      return { ok: true, value: text };
    default:
      return typeof value === 'string' ? { ok: true, value } : { ok: true, value: text };
  }
}

/** Applies the project's overrides to `exports` (in place). */
export function applyOverrides(project: Project, exports: readonly EnterpriseExport[]): { diagnostics: Diagnostic[]; applied: AppliedOverride[] } {
  const diagnostics: Diagnostic[] = [];
  const applied: AppliedOverride[] = [];
  const file = project.positions?.file;
  (project.overrides ?? []).forEach((entry, index) => {
    const base = `overrides[${index}]`;
    const at = (field?: string) => {
      const path = field === undefined ? base : `${base}.${field}`;
      const pos = project.positions?.at.get(path) ?? project.positions?.at.get(base);
      return { ...(file === undefined ? {} : { file }), ...(pos === undefined ? {} : { line: pos.line, column: pos.column }), path: formatProjectPath(['overrides', index, ...(field === undefined ? [] : [field])]) };
    };
    const unknown = (field: 'source' | 'entity' | 'key' | 'field', what: string, candidates: readonly string[]) => {
      const near = closestName(String(entry[field]), candidates);
      diagnostics.push(
        diag<ProjectCode>('PROJECT_OVERRIDE_UNKNOWN', 'error', `${at(field).path}: ${what}${near === undefined ? '' : ` (did you mean ${near}?)`}; the override corrects nothing`, {
          ...at(field),
          subject: at(field).path,
          params: { field, value: String(entry[field]), ...(near === undefined ? {} : { suggestion: near }) },
          hint: near === undefined ? `known: ${candidates.slice(0, 10).join(', ')}${candidates.length > 10 ? ', …' : ''}` : `write ${near}`,
          ...(near === undefined ? {} : { decide: [option(`write ${near}`, ['overrides', index, field], near)] }),
        }),
      );
    };
    const exp = exports.find((e) => lc(e.source) === lc(entry.source));
    if (exp === undefined) return unknown('source', `no export of this run is from source "${entry.source}"`, exports.map((e) => e.source));
    const kind = ENTITY_KINDS[entry.entity] ?? Object.entries(ENTITY_KINDS).find(([k]) => lc(k) === lc(entry.entity) || (lc(entry.entity) === 'license' && k === 'licence'))?.[1];
    if (kind === undefined) return unknown('entity', `"${entry.entity}" is no entity of the export contract`, Object.keys(ENTITY_KINDS));
    const items = kind.items(exp);
    const key = String(entry.key);
    const found = items.filter((i) => lc(i.key) === lc(key));
    if (found.length === 0) return unknown('key', `${exp.source} has no ${kind.word} "${key}"`, items.map((i) => i.key));
    if (found.length > 1) {
      diagnostics.push(diag<ProjectCode>('PROJECT_OVERRIDE_INVALID', 'error', `${at('key').path}: ${exp.source} has ${found.length} ${kind.word}s "${key}"; the override cannot say which one`, { ...at('key'), params: { key } }));
      return;
    }
    const target = found[0]!;
    const field = fieldByName(kind, entry.field);
    if (field === undefined) {
      const secret = /password|^key$/i.test(entry.field) || (entry.entity === 'setting' && lc(entry.field) === 'value');
      if (secret) {
        diagnostics.push(diag<ProjectCode>('PROJECT_OVERRIDE_INVALID', 'error', `${at('field').path}: ${kind.word} field "${entry.field}" holds a secret; a secret is never written in the project file`, { ...at('field'), params: { field: entry.field } }));
        return;
      }
      return unknown('field', `a ${kind.word} has no field "${entry.field}"`, Object.keys(kind.fields));
    }
    const settingType = entry.entity === 'setting' ? String(target.item['type']) : undefined;
    const checked = checkValue(kind.fields[field]!, entry.value, settingType);
    if (!checked.ok) {
      diagnostics.push(
        diag<ProjectCode>('PROJECT_OVERRIDE_INVALID', 'error', `${at('value').path}: ${JSON.stringify(entry.value)} does not fit ${kind.word} field ${field}: ${checked.why}`, {
          ...at('value'),
          params: { field, value: String(entry.value) },
          hint: 'write the value as the export would hold it',
        }),
      );
      return;
    }
    const before = target.item[field];
    target.item[field] = checked.value;
    const where = at('value');
    const shown = (v: unknown) => JSON.stringify(typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v));
    diagnostics.push(
      diag<ProjectCode>('PROJECT_OVERRIDE_APPLIED', 'info', `${kind.word} ${target.key} of ${exp.source}: ${field} ${shown(before)} → ${shown(checked.value)}, decided by ${base}${where.line === undefined ? '' : ` (${file}:${where.line})`}${entry.reason === undefined ? '' : `: ${entry.reason}`}`, {
        ...where,
        source: exp.source,
        subject: `${entry.entity}:${target.key}`,
        params: { source: exp.source, entity: entry.entity, key: target.key, field, before: shown(before), after: shown(checked.value) },
      }),
    );
    applied.push({
      index,
      entry,
      source: exp.source,
      key: target.key,
      field,
      ...(kind.table === undefined ? {} : { row: { table: kind.table.name, key: kind.table.key(target.key) } }),
      ...(file === undefined ? {} : { file }),
      ...(where.line === undefined ? {} : { line: where.line }),
      ...(where.column === undefined ? {} : { column: where.column }),
    });
  });
  return { diagnostics, applied };
}
