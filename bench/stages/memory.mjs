/**
 * Where the memory of `plan --out plan.json` goes (run with --expose-gc): the real pipeline
 * (dist/pipeline.js, no target) with a step runner that collects garbage after each step and
 * records what is still held, then the plan rendered as text and as one JSON string, the way
 * the whole-string renderers would. Prints one JSON line: heap and RSS after each step, in MB.
 *
 *   node --expose-gc bench/stages/memory.mjs <project-file>
 */
import { runPipeline } from '../../dist/pipeline.js';
import { renderPlanJson } from '../../dist/writers/plan/render-json.js';
import { renderPlanText } from '../../dist/writers/plan/render-text.js';

const gc = globalThis.gc;
if (typeof gc !== 'function') throw new Error('run with node --expose-gc');
const MB = 1048576;
const steps = [];
const mark = (name, extra = {}) => {
  gc();
  const m = process.memoryUsage();
  steps.push({ step: name, heapMB: Math.round(m.heapUsed / MB), externalMB: Math.round((m.external + m.arrayBuffers) / MB), rssMB: Math.round(m.rss / MB), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), ...extra });
};

mark('modules loaded');
const result = await runPipeline({
  projectFile: process.argv[2],
  env: {},
  noTarget: true,
  toolVersion: 'bench',
  step: async (title, fn) => {
    const r = await fn(() => {});
    mark(`after ${title}`);
    return r;
  },
});
if (!result.plan) throw new Error(`no plan: ${result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ')}`);
const text = renderPlanText(result.plan, { color: false });
mark('+ plan text string', { chars: text.length });
const json = renderPlanJson(result.plan);
mark('+ plan JSON as one string', { chars: json.length });
process.stdout.write(`${JSON.stringify({ steps, changes: result.plan.changes.length })}\n`);
