/**
 * `renderFinding(d, lang)`: a finding in the customer's language, from `code` + `params` (the
 * catalogs `findings-de.ts`, `findings-en.ts`). Its English `message` stays the consultant's log.
 */
import type { Diagnostic } from '../../model/index.js';
import type { Lang } from './catalog.js';
import { findingsDe } from './findings-de.js';
import { findingsEn } from './findings-en.js';
import { renderWith, type FindingCatalog } from './findings-render.js';

export const FINDING_CATALOGS: Readonly<Record<Lang, FindingCatalog>> = { de: findingsDe, en: findingsEn };

/** The finding's sentence in `lang`; the generic sentence of its severity when it lacks a value the sentence needs. */
export function renderFinding(d: Pick<Diagnostic, 'code' | 'severity' | 'source' | 'params'>, lang: Lang): string {
  return renderWith(FINDING_CATALOGS[lang], d);
}

/** `… and 12 more findings of this kind` in `lang`. */
export function moreFindings(n: number, lang: Lang): string {
  return FINDING_CATALOGS[lang].more(n);
}
