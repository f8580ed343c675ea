/**
 * Preloaded into every benchmark stage (`node --import ./bench/stages/probe.mjs …`): when the
 * process exits, it writes that process's own peak RSS and CPU time to $BENCH_PROBE_FILE. So the
 * CLI itself (`dist/cli/main.js plan …`) is measured exactly as a user runs it, with no wrapper
 * process and no dependence on `/usr/bin/time`.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  process.on('exit', (code) => {
    const r = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ code, maxRssKB: r.maxRSS, userMs: Math.round(r.userCPUTime / 1000), systemMs: Math.round(r.systemCPUTime / 1000) }));
  });
}
