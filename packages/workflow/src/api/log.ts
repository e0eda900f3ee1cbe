/** `log`: a replay-aware logger for workflow code. */
import { maybeStore, storage } from '../runtime/storage.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

function write(level: Level, message: string, meta?: Record<string, unknown>): void {
  const store = maybeStore();
  if (!store || store.runtime.replaying) return;
  const rt = store.runtime;
  const line = { ...meta, workflowId: rt.execution.workflowId, runId: rt.execution.runId };
  // The logger runs outside the sandbox: real timestamps, and it may use timers.
  storage.exit(() => rt.logger[level](message, line));
}

/**
 * Logs from workflow code through the executor's logger, adding workflowId and runId. Silent while
 * the code replays decision tasks the history already answered, so each line is written once.
 *
 * @example
 * ```ts
 * log.info('charging card', { amount });
 * ```
 */
export const log: {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
} = {
  debug: (m, meta) => write('debug', m, meta),
  info: (m, meta) => write('info', m, meta),
  warn: (m, meta) => write('warn', m, meta),
  error: (m, meta) => write('error', m, meta),
};
