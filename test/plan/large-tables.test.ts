/**
 * Tables beyond what a function call can take as arguments: `list.push(...rows)` throws
 * "Maximum call stack size exceeded" from about 130,000 rows, which a customer beyond 100,000
 * users reaches with its lines or client contents. The planner, the markdown plan (every row, by
 * default) and the DBA's script must take such a table like any other.
 */
import { describe, expect, it } from 'vitest';
import { emptyModel } from '../../src/model/datacenter.js';
import { pushAll } from '../../src/model/arrays.js';
import { planChanges } from '../../src/plan/planner.js';
import { renderPlanMarkdown } from '../../src/plan/render/render-markdown.js';
import { renderSqlScript } from '../../src/writers/mssql/script.js';
import { member, model, options } from './fixtures.js';

const ROWS = 200_000;

describe('a table of 200,000 rows', () => {
  it('is planned and rendered as markdown, every row', () => {
    const members = Array.from({ length: ROWS }, (_, i) => member(`g${i % 40}`, `user${i}`));
    const plan = planChanges(model({ UserGroupMember: members }), emptyModel(), options());
    expect(plan.changes).toHaveLength(ROWS);
    expect(plan.summary['dc.UserGroupMember']).toMatchObject({ create: ROWS });
    const md = renderPlanMarkdown(plan);
    expect(md).toContain('user199999');
    expect(md.split('\n').filter((l) => l.startsWith('| add |')).length).toBe(ROWS);
    // The DBA's script: a statement per row.
    const sql = renderSqlScript(plan, { planDigest: 'a'.repeat(64), sourceDigest: 'b'.repeat(64), batchSize: 50_000 });
    expect(sql.match(/^INSERT INTO \[dc\]\.\[UserGroupMember\]/gm)).toHaveLength(ROWS);
  });

  it('pushAll appends what push(...rows) cannot', () => {
    const rows = Array.from({ length: ROWS }, (_, i) => i);
    expect(() => [].push(...(rows as never[]))).toThrow(RangeError);
    const target = [-1];
    expect(pushAll(target, rows)).toBe(target);
    expect(target).toHaveLength(ROWS + 1);
    expect(target[ROWS]).toBe(ROWS - 1);
  });
});
