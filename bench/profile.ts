/**
 * CPU profiles of a benchmark's phases, taken from inside the process with the inspector (the
 * same samples as `node --cpu-prof`, but only while the phase runs: no start-up, no warm-up).
 * Open a written `.cpuprofile` in Chrome DevTools (Performance) or summarize it with
 * `npx tsx bench/profile-summary.ts FILE`.
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A profiler that records the phases it is asked to, or does nothing without a directory. */
export interface PhaseProfiler {
  /** Runs `fn`, profiling it into `DIR/<name>.cpuprofile` when a directory was given. */
  phase<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Starts profiling a phase that {@link stop} ends (for a phase another process runs). */
  start(): Promise<void>;
  /** Ends the profile {@link start} began and writes it to `DIR/<name>.cpuprofile`. */
  stop(name: string): Promise<void>;
  /** The directory profiles go to (none: nothing is profiled). */
  dir: string | undefined;
  /** Disconnects the inspector session. */
  close(): void;
}

/**
 * A {@link PhaseProfiler} writing to `dir` (created if missing; none: phases run unprofiled),
 * sampling every `intervalUs` microseconds.
 */
export async function phaseProfiler(dir: string | undefined, intervalUs = 200): Promise<PhaseProfiler> {
  if (dir === undefined)
    return { dir, phase: (_name, fn) => fn(), start: async () => {}, stop: async () => {}, close: () => {} };
  // Made before the first phase runs: a missing directory would otherwise fail only after it.
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  const start = async (): Promise<void> => {
    await session.post('Profiler.start');
  };
  const stop = async (name: string): Promise<void> => {
    const { profile } = await session.post('Profiler.stop');
    const path = join(dir, `${name}.cpuprofile`);
    writeFileSync(path, JSON.stringify(profile));
    console.error(`profile of ${name}: ${path}`);
  };
  return {
    dir,
    async phase(name, fn) {
      await start();
      try {
        return await fn();
      } finally {
        await stop(name);
      }
    },
    start,
    stop,
    close: () => session.disconnect(),
  };
}
