/**
 * CPU profiles of a benchmark's phases, taken from inside the process with the inspector (the
 * same samples as `node --cpu-prof`, but only while the phase runs: no start-up, no warm-up).
 * Open a written `.cpuprofile` in Chrome DevTools (Performance) or summarize it with
 * `npx tsx bench/profile-summary.ts FILE`.
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A profiler that records the phases it is asked to, or does nothing without a directory. */
export interface PhaseProfiler {
  /** Runs `fn`, profiling it into `DIR/<name>.cpuprofile` when a directory was given. */
  phase<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Disconnects the inspector session. */
  close(): void;
}

/**
 * A {@link PhaseProfiler} writing to `dir` (none: phases run unprofiled), sampling every
 * `intervalUs` microseconds.
 */
export async function phaseProfiler(dir: string | undefined, intervalUs = 200): Promise<PhaseProfiler> {
  if (dir === undefined) return { phase: (_name, fn) => fn(), close: () => {} };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  return {
    async phase(name, fn) {
      await session.post('Profiler.start');
      try {
        return await fn();
      } finally {
        const { profile } = await session.post('Profiler.stop');
        const path = join(dir, `${name}.cpuprofile`);
        writeFileSync(path, JSON.stringify(profile));
        console.error(`profile of ${name}: ${path}`);
      }
    },
    close: () => session.disconnect(),
  };
}
