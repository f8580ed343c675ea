/**
 * "No code reads a diagnostic's message to learn anything" (issue 23): a finding's values are
 * its `code`, `subject` and `params`; its English `message` is the consultant's log, shown as it
 * is, never parsed back. This test walks src/ with the type checker and fails on every read of
 * `.message` on a Diagnostic that inspects the text (a method call on it such as `includes`,
 * `match`, `split`, `startsWith`, or a regular expression run over it). `Error.message` (driver
 * and parser errors) is not a Diagnostic and is not looked at.
 */
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Reads that are not parsing, each with its reason. */
const ALLOWED: Record<string, string> = {
  // The project's `accept: - code: X, match: "text"` is a documented text filter the consultant writes against the log they read (migration-project.md).
  'src/model/accept-warnings.ts': 'accept: match filters on the text the consultant reads',
};

/** Methods that look into a text. */
const INSPECTING = new Set(['includes', 'match', 'matchAll', 'search', 'split', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'slice', 'substring', 'replace', 'replaceAll', 'trim', 'toLowerCase', 'toUpperCase', 'at', 'charAt', 'localeCompare']);
/** Calls that run a pattern over their argument. */
const PATTERN_RUNS = new Set(['exec', 'test']);

function program(): ts.Program {
  const configPath = path.join(ROOT, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const roots = parsed.fileNames.filter((f) => path.relative(ROOT, f).startsWith(`src${path.sep}`));
  return ts.createProgram(roots, { ...parsed.options, noEmit: true });
}

/** True when `type` is a diagnostic: it has `code`, `severity` and `message` (an Error has no severity). */
function isDiagnostic(checker: ts.TypeChecker, type: ts.Type): boolean {
  const types = type.isUnion() ? type.types : [type];
  return types.some((t) => ['code', 'severity', 'message'].every((name) => checker.getPropertyOfType(t, name) !== undefined));
}

function messageReads(p: ts.Program): { file: string; line: number; text: string }[] {
  const checker = p.getTypeChecker();
  const out: { file: string; line: number; text: string }[] = [];
  for (const sf of p.getSourceFiles()) {
    const rel = path.relative(ROOT, sf.fileName).split(path.sep).join('/');
    if (!rel.startsWith('src/') || ALLOWED[rel] !== undefined || !sf.text.includes('.message')) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && node.name.text === 'message' && isDiagnostic(checker, checker.getTypeAtLocation(node.expression))) {
        const parent = node.parent;
        const inspected = ts.isPropertyAccessExpression(parent) && parent.expression === node && INSPECTING.has(parent.name.text);
        const patterned =
          ts.isCallExpression(parent) && parent.arguments.includes(node) && ts.isPropertyAccessExpression(parent.expression) && PATTERN_RUNS.has(parent.expression.name.text);
        if (inspected || patterned) {
          const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
          out.push({ file: rel, line: line + 1, text: parent.getText().slice(0, 80) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

describe("a diagnostic's message", () => {
  const p = program();

  it('is read by no code in src/ to learn anything (use code, subject and params)', () => {
    // The decide registry (src/project/decide*.ts) included: its options come from `params` (`suggestion`, `key`, `servers`, …).
    expect(messageReads(p).map((r) => `${r.file}:${r.line} ${r.text}`)).toEqual([]);
  }, 120_000);

  it('is found when a file does parse it (the check can fail)', () => {
    const text = [
      "import type { Diagnostic } from './src/model/diagnostics.js';",
      "export const keyOf = (d: Diagnostic) => /\"(.+)\" differs/.exec(d.message)?.[1] ?? d.message.split(' ')[0];",
      'export const fine = (e: Error) => e.message.includes("x");',
    ].join('\n');
    const file = path.join(ROOT, 'probe-message-read.ts');
    const host = ts.createCompilerHost(p.getCompilerOptions());
    const read = host.readFile.bind(host);
    host.readFile = (f) => (path.resolve(f) === file ? text : read(f));
    host.fileExists = ((exists) => (f: string) => path.resolve(f) === file || exists(f))(host.fileExists.bind(host));
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (f, lang, ...rest) => (path.resolve(f) === file ? ts.createSourceFile(f, text, lang) : getSourceFile(f, lang, ...rest));
    const probe = ts.createProgram([file], p.getCompilerOptions(), host);
    const checker = probe.getTypeChecker();
    const sf = probe.getSourceFile(file)!;
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && node.name.text === 'message' && isDiagnostic(checker, checker.getTypeAtLocation(node.expression))) found.push(node.parent.getText().slice(0, 30));
      ts.forEachChild(node, visit);
    };
    visit(sf);
    expect(found).toHaveLength(2);
  }, 120_000);
});
