/**
 * What the real process's terminal can do, decided once in main.ts: whether progress may be
 * drawn (a person at a terminal whose width is known — with width 0 listr2 wraps every
 * character onto its own line) and whether stdout may be coloured (NO_COLOR / FORCE_COLOR).
 */

interface Stream {
  isTTY?: boolean;
  columns?: number;
}

export interface TerminalInfo {
  isTTY: boolean;
  color: boolean;
}

export function detectTerminal(
  streams: { stdin: Stream; stdout: Stream; stderr: Stream },
  env: Record<string, string | undefined>,
): TerminalInfo {
  const isTTY = Boolean(streams.stderr.isTTY && streams.stdin.isTTY && (streams.stderr.columns ?? 0) > 0);
  // https://no-color.org: any non-empty NO_COLOR turns colour off; FORCE_COLOR=0 too, FORCE_COLOR=1.. forces it on.
  let color = Boolean(streams.stdout.isTTY) && env.TERM !== 'dumb';
  if (env.FORCE_COLOR !== undefined) color = env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR) color = false;
  return { isTTY, color };
}
