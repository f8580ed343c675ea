/**
 * One change as it appears inside the plan JSON's top-level `changes` array: the text of
 * `JSON.stringify(changeToJson(change), null, 2)` indented by four, for every change of a plan
 * of 50,000 users. The common change (table, key, action, server, after, before, provenance,
 * rows of plain cells) is written straight from the RowChange, with no JSON object in between;
 * anything else goes through changeToJson. A test checks both give the same bytes.
 */
import { qualified } from '../../model/dc-schema.js';
import type { RowChange } from '../../model/plan.js';
import { changeToJson, jsonValue } from './canonical.js';

/** `value` pretty-printed as a field of a change: its lines indented by six (it is three levels deep). */
function nested(value: unknown): string {
  const wrapped = JSON.stringify([[[value]]], null, 2);
  return wrapped.slice(NESTED_HEAD, wrapped.length - NESTED_TAIL);
}
const NESTED_HEAD = '[\n  [\n    [\n      '.length;
const NESTED_TAIL = '\n    ]\n  ]\n]'.length;

/** A change as the element of `[[change]]`: JSON.stringify indents it by four already. */
function element(value: unknown): string {
  const wrapped = JSON.stringify([[value]], null, 2);
  return wrapped.slice(ELEMENT_HEAD, wrapped.length - ELEMENT_TAIL);
}
const ELEMENT_HEAD = '[\n  [\n'.length;
const ELEMENT_TAIL = '\n  ]\n]'.length;

/** A row whose cells JSON.stringify writes exactly as jsonRow would: strings, numbers, booleans, null. */
function plainRow(row: unknown): row is Record<string, unknown> {
  if (row === null || typeof row !== 'object' || Object.getPrototypeOf(row) !== Object.prototype) return false;
  for (const key in row) {
    const v = (row as Record<string, unknown>)[key];
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return false;
  }
  return true;
}

/** Provenance JSON.stringify writes as jsonValue would: plain objects of plain values, undefined fields left out by both. */
function plainProvenance(list: unknown): boolean {
  if (!Array.isArray(list)) return false;
  for (const item of list) {
    if (item === null || typeof item !== 'object' || Object.getPrototypeOf(item) !== Object.prototype) return false;
    for (const key in item) {
      const v = (item as Record<string, unknown>)[key];
      if (v !== null && v !== undefined && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return false;
    }
  }
  return true;
}

const FIELD = ',\n      ';

/** The common change written directly, or undefined for anything else. */
function directText(change: RowChange): string | undefined {
  let provenance: unknown;
  for (const field in change) {
    if (field === 'provenance') provenance = change.provenance;
    else if (field !== 'table' && field !== 'key' && field !== 'action' && field !== 'server' && field !== 'after' && field !== 'before') {
      if ((change as unknown as Record<string, unknown>)[field] !== undefined) return undefined;
    }
  }
  if (Object.getPrototypeOf(change) !== Object.prototype || typeof change.action !== 'string' || typeof change.table !== 'string') return undefined;
  if (!plainRow(change.key)) return undefined;
  let text = `    {\n      "table": ${JSON.stringify(qualified(change.table))}${FIELD}"key": ${nested(change.key)}${FIELD}"action": ${JSON.stringify(change.action)}`;
  if (change.server !== undefined) {
    if (typeof change.server !== 'string') return undefined;
    text += `${FIELD}"server": ${JSON.stringify(change.server)}`;
  }
  if (change.after) {
    if (!plainRow(change.after)) return undefined;
    text += `${FIELD}"after": ${nested(change.after)}`;
  }
  if (change.before) {
    if (!plainRow(change.before)) return undefined;
    text += `${FIELD}"before": ${nested(change.before)}`;
  }
  if (provenance !== undefined) {
    text += `${FIELD}"provenance": ${nested(plainProvenance(provenance) ? provenance : jsonValue(provenance))}`;
  }
  return `${text}\n    }`;
}

/** One change inside the top-level `changes` array (indented two levels). */
export function changeText(change: RowChange): string {
  return directText(change) ?? element(changeToJson(change));
}
