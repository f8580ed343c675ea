/** Markdown plan cells as a CommonMark viewer shows them (walkthrough findings). */
import { describe, expect, it } from 'vitest';
import { diag } from '../../src/model/diagnostics.js';
import { planChanges, renderPlanMarkdown } from '../../src/plan/index.js';
import { model, options, setting } from './fixtures.js';

/** What CommonMark shows for table-cell text: backslash escapes of punctuation resolved, code spans literal. */
function shown(cellText: string): string {
  return cellText
    .split(/((?<!\\)`[^`]*(?<!\\)`)/)
    .map((part, i) => (i % 2 === 1 ? part.slice(1, -1) : part.replace(/\\([!-/:-@[-`{-~])/g, '$1')))
    .join('');
}

/** The cells of the table row whose first cells start with `first`. */
function row(markdown: string, first: string): string[] {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${first} |`));
  expect(line, `a row starting with ${first}`).toBeDefined();
  return (line as string).slice(2, -2).split(/ (?<!\\)\| /);
}

describe('markdown plan cells', () => {
  const desired = model({ Setting: [setting('contentSharing.path', '\\\\ah-fs01\\procall$\\content')] });
  const diagnostics = [
    diag('MAP_HOME_SERVER_MISSING', 'warning', '1 user has no home server', { hint: 'a MediaServer on its own machine needs a home server' }),
  ];
  const md = renderPlanMarkdown(planChanges(desired, model({}), options({ meta: { diagnostics } })));

  it('a UNC value shows as written (backslashes escaped in the cell)', () => {
    const cells = row(md, 'add');
    expect(shown(cells[3] as string)).toContain('Value="\\\\ah-fs01\\procall$\\content"');
  });

  it('message and hint of a diagnostic are separate cells, not one run-on sentence', () => {
    expect(md).toContain('| Severity | Code | Message | Hint | Where |');
    const cells = row(md, 'warning');
    expect(cells[2]).toBe('1 user has no home server');
    expect(cells[3]).toBe('a MediaServer on its own machine needs a home server');
  });

  // A message is text, whatever it holds (issue 20: one escaper): backticks and backslashes show as written.
  it('a message with backticks and backslashes shows as written', () => {
    const withCode = renderPlanMarkdown(
      planChanges(model({}), model({}), options({ meta: { diagnostics: [diag('MAP_X', 'info', 'share `\\\\fs\\a` is \\\\fs\\a')] } })),
    );
    expect(shown(row(withCode, 'info')[2] as string)).toBe('share `\\\\fs\\a` is \\\\fs\\a');
  });
});
