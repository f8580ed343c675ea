/**
 * Which format an output gets: `--format` when given (`md` = `markdown`), else the extension
 * of `--out` (`.json`, `.md`, `.txt`, `.html`, `.sql`), else the command's default. `--json`
 * means JSON; together with another `--format` it is a usage error (exit 1), and so is a
 * `--format`/`--json` that contradicts a known extension of `--out`.
 */
import { MigrateError } from '../model/index.js';

export type OutputFormat = 'text' | 'json' | 'markdown' | 'html' | 'sql';

const BY_EXTENSION: Readonly<Record<string, OutputFormat>> = {
  '.json': 'json',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.sql': 'sql',
};

const ALIASES: Readonly<Record<string, OutputFormat>> = { md: 'markdown', txt: 'text', htm: 'html' };

/** The format an output file's name asks for, if its extension is one we know. */
export function formatOfFile(file: string): OutputFormat | undefined {
  const ext = /\.[A-Za-z]+$/.exec(file)?.[0]?.toLowerCase();
  return ext === undefined ? undefined : BY_EXTENSION[ext];
}

/** `--format` as typed → a format (`md` → `markdown`), or undefined when not given. */
export function normalizeFormat(value: string | undefined): OutputFormat | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  return ALIASES[v] ?? (v as OutputFormat);
}

const usage = (message: string, hint?: string) =>
  new MigrateError('CLI_USAGE', message, hint === undefined ? {} : { hint });

export interface FormatFlags {
  format?: string;
  json?: boolean;
  out?: string;
}

/**
 * The format of a command's output. `allowed` lists what the command can write; `fallback` is
 * used when neither `--format`, `--json` nor a known extension of `--out` decides (undefined:
 * then it is a usage error naming the extensions the command writes).
 */
export function chooseFormat(flags: FormatFlags, allowed: readonly OutputFormat[], fallback?: OutputFormat): OutputFormat {
  const given = normalizeFormat(flags.format);
  const list = allowed.join(', ');
  if (given !== undefined && !allowed.includes(given)) {
    throw usage(`--format ${flags.format} is not one of: ${list}${allowed.includes('markdown') ? ' (md = markdown)' : ''}`);
  }
  if (flags.json && given !== undefined && given !== 'json') {
    throw usage(`--json and --format ${flags.format} ask for two different formats`, 'give one of them');
  }
  if (flags.json && !allowed.includes('json')) throw usage('--json is not available here');
  const asked = flags.json ? 'json' : given;
  const byFile = flags.out === undefined ? undefined : formatOfFile(flags.out);
  // `--format md --out plan.json` would write Markdown into a .json file: refuse, never guess.
  // Markdown is text: `--format md --out notes.txt` is no contradiction.
  if (asked !== undefined && byFile !== undefined && asked !== byFile && !(byFile === 'text' && asked === 'markdown')) {
    const option = flags.json ? '--json' : `--format ${flags.format}`;
    throw usage(`${option} contradicts --out ${flags.out}: ${extensionOf(flags.out ?? '')} is for ${byFile}, not ${asked}`, `name the file for the format (e.g. ${suggestName(flags.out ?? '', asked)}), or drop ${option}`);
  }
  if (asked !== undefined) return asked;
  if (byFile !== undefined) {
    if (allowed.includes(byFile)) return byFile;
    throw usage(`${flags.out}: this command writes ${list}, not ${byFile}`, 'choose another file name, or pass --format');
  }
  // `--out x.docx` would get JSON without a word: a name whose extension is no format we write is refused.
  const ext = flags.out === undefined ? '' : extensionOf(flags.out);
  if (ext !== '' && fallback !== undefined) {
    throw usage(`${flags.out}: this command does not write ${ext} files; it writes ${list}`, `name the file ${namesFor(allowed)}, or pass --format (${list}) to write it under this name anyway`);
  }
  if (fallback !== undefined) return fallback;
  const extensions = Object.entries(BY_EXTENSION)
    .filter(([, f]) => allowed.includes(f))
    .map(([ext]) => ext)
    .join(', ');
  throw usage(`cannot tell the format of ${flags.out ?? 'the output'} from its name: use one of ${extensions}, or pass --format`);
}

/** `.json or .txt`: the extensions of the formats a command writes. */
function namesFor(allowed: readonly OutputFormat[]): string {
  const exts = allowed.map((f) => Object.entries(BY_EXTENSION).find(([, g]) => g === f)?.[0] ?? `.${f}`);
  return exts.length > 1 ? `${exts.slice(0, -1).join(', ')} or ${exts[exts.length - 1]}` : (exts[0] ?? '');
}

const extensionOf = (file: string): string => /\.[A-Za-z]+$/.exec(file)?.[0] ?? '';

/** `file` with the usual extension of `format` instead of its own. */
function suggestName(file: string, format: OutputFormat): string {
  const ext = Object.entries(BY_EXTENSION).find(([, f]) => f === format)?.[0] ?? `.${format}`;
  return file.replace(/\.[A-Za-z]+$/, '') + ext;
}

/** `--format` values a command accepts on its command line (with the `md` alias). */
export function formatChoices(allowed: readonly OutputFormat[]): string[] {
  return allowed.includes('markdown') ? [...allowed, 'md'] : [...allowed];
}
