/**
 * The Temporal side-by-side: runs `/work/shared/bench-anchors/temporal/run.sh` (Temporal's
 * TypeScript SDK `Worker.runReplayHistory` on the same `seqWorkflow(n)` history shape).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The anchor's script (override with `TEMPORAL_ANCHOR`). */
export const TEMPORAL_RUN = process.env.TEMPORAL_ANCHOR ?? '/work/shared/bench-anchors/temporal/run.sh';

/** One line of the anchor's output. */
export interface TemporalLine {
  system: string;
  N: number;
  events: number;
  firstMs: number;
  warmMedianMs: number;
  eventsPerSec: number;
  maxRssMB: number;
}

/** Whether the anchor is there to run. */
export function temporalAvailable(): boolean {
  return existsSync(TEMPORAL_RUN);
}

/**
 * Runs the anchor for these Ns (it installs `@temporalio/*` into a scratch folder on first use);
 * returns its lines by N.
 * @throws Error when the anchor is missing or fails.
 */
export function runTemporal(ns: readonly number[]): Map<number, TemporalLine> {
  if (!temporalAvailable())
    throw new Error(
      `Temporal anchor ${TEMPORAL_RUN} not found (set TEMPORAL_ANCHOR to its run.sh, or pass --no-temporal)`,
    );
  const res = spawnSync('bash', [TEMPORAL_RUN, ...ns.map(String)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (res.status !== 0) throw new Error(`Temporal anchor ${TEMPORAL_RUN} exited with ${String(res.status)}`);
  const lines = new Map<number, TemporalLine>();
  for (const text of res.stdout.split('\n').filter((l) => l.startsWith('{'))) {
    console.error(text);
    const line = JSON.parse(text) as TemporalLine;
    lines.set(line.N, line);
  }
  return lines;
}
