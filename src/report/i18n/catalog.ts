/**
 * The message catalogs (one per language) and the formats of dates and numbers. Renderers take a
 * `Translator` and hold no prose of their own. Locales are fixed per language (never the
 * machine's), so the same input gives the same report everywhere.
 */
import { de } from './de.js';
import { en, type MessageKey } from './en.js';

export type Lang = 'de' | 'en';
export const LANGS: readonly Lang[] = ['de', 'en'];
export const DEFAULT_LANG: Lang = 'de';
export type { MessageKey };

export const CATALOGS: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { de, en };

const NUMBER_LOCALE: Record<Lang, string> = { de: 'de-DE', en: 'en-GB' };

export type Params = Readonly<Record<string, string | number>>;

export interface Translator {
  lang: Lang;
  /** The message for `key` with `{name}` placeholders filled (numbers formatted). */
  t(key: MessageKey, params?: Params): string;
  /** The message for `key`, or its `.one` form when `n` is 1. */
  plural(key: MessageKey, n: number, params?: Params): string;
  /** True when the catalog has `key` (for keys built from data, e.g. a diagnostic code). */
  has(key: string): key is MessageKey;
  num(n: number): string;
  /** `30.11.2026 15:05 MEZ` (de) or `30 Nov 2026, 15:05 CET` (en): in the given time zone (default: Europe/Berlin, the customers' zone), always naming it. */
  date(d: Date): string;
}

/** Parses `--lang` / `language:`; undefined for anything else. */
export function parseLang(value: string | undefined): Lang | undefined {
  const v = value?.trim().toLowerCase();
  return v === 'de' || v === 'en' ? v : undefined;
}

export function fill(template: string, params: Params, num: (n: number) => string): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    return v === undefined ? m : typeof v === 'number' ? num(v) : v;
  });
}

/** The zone report dates are shown in unless one is given: estos customers are in Germany, Austria and Switzerland. */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

export function translator(lang: Lang, options: { timeZone?: string } = {}): Translator {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const catalog = CATALOGS[lang];
  const numberFormat = new Intl.NumberFormat(NUMBER_LOCALE[lang], { maximumFractionDigits: 2 });
  const num = (n: number) => numberFormat.format(n);
  const dateParts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
    timeZone,
  });
  // The zone's short name in the report's language (MEZ/MESZ, CET/CEST, UTC): a time never stands without its zone.
  const zoneName = new Intl.DateTimeFormat(NUMBER_LOCALE[lang], { timeZone, timeZoneName: 'short' });
  const t = (key: MessageKey, params: Params = {}) => fill(catalog[key], params, num);
  return {
    lang,
    t,
    plural: (key, n, params = {}) => {
      const one = `${key}.one`;
      return n === 1 && one in catalog ? fill(catalog[one as MessageKey], { n, ...params }, num) : t(key, { n, ...params });
    },
    has: (key: string): key is MessageKey => key in catalog,
    num,
    date: (d: Date) => {
      if (Number.isNaN(d.getTime())) return '';
      const part = (type: Intl.DateTimeFormatPartTypes) => Number(dateParts.formatToParts(d).find((p) => p.type === type)?.value ?? '0');
      const [day, month, year, hour, minute] = [part('day'), part('month'), part('year'), part('hour') % 24, part('minute')];
      const two = (n: number) => String(n).padStart(2, '0');
      return fill(catalog['date.pattern'], {
        d: String(day),
        dd: two(day),
        mm: two(month),
        mon: catalog[`month.${month}` as MessageKey] ?? String(month),
        yyyy: String(year),
        HH: two(hour),
        MM: two(minute),
        zone: zoneName.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? timeZone,
      }, num);
    },
  };
}

/** A date written in an export or plan (ISO text) in the report's format; the text as it is when it is no date. */
export function formatIsoDate(tr: Translator, iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return iso;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : tr.date(d);
}
