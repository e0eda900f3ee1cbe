/** Run a set of workers together, and a logger that keeps a program's own output readable. */
import type { Logger } from '@swf-flow/common';
import type { Worker } from '@swf-flow/worker';

/** Running workers: `stop()` shuts them all down gracefully and waits for them. */
export interface RunningWorkers {
  /** Shuts every worker down (in-flight tasks finish) and resolves when all have stopped. */
  stop(): Promise<void>;
}

/**
 * Starts `worker.run()` for each worker. If one of them stops with an error, the others keep
 * running; the error is thrown by `stop()`.
 */
export function runWorkers(workers: readonly Worker[]): RunningWorkers {
  const runs = workers.map((w) => w.run());
  const settled = Promise.allSettled(runs);
  return {
    async stop(): Promise<void> {
      await Promise.all(workers.map((w) => w.shutdown()));
      const failed = (await settled).find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

/**
 * A logger for development programs: warnings and errors to stderr (prefixed), the rest only when
 * `SWF_FLOW_DEBUG` is set, so that the program's own progress lines stay readable.
 */
export const quietLogger: Logger = {
  debug: (message, meta) => {
    if (process.env.SWF_FLOW_DEBUG) console.error(`[swf-flow] debug: ${message}`, meta ?? '');
  },
  info: (message, meta) => {
    if (process.env.SWF_FLOW_DEBUG) console.error(`[swf-flow] ${message}`, meta ?? '');
  },
  warn: (message, meta) => console.error(`[swf-flow] warn: ${message}`, meta ?? ''),
  error: (message, meta) => console.error(`[swf-flow] error: ${message}`, meta ?? ''),
};
