/**
 * The engine's side of running Lambda functions: the engine starts the invocations a transaction
 * asked for once it is committed (so an outcome always finds its task stored), each with an `AbortSignal`
 * that fires when the task closes first (timed out, run closed) or the engine closes. Outcomes
 * are recorded in a transaction of their own.
 */
import { randomUUID } from 'node:crypto';
import { type Logger } from '@swf-flow/common';
import { type LambdaInvoker, type LambdaOutcome } from '../lambda/invoker.js';
import { type LambdaTaskRow } from './types.js';

/** Options of {@link LambdaDispatch}. */
export interface LambdaDispatchOptions {
  invoker: LambdaInvoker;
  /** The service's time (epoch ms). */
  now(): number;
  /** Records an outcome (in a transaction of its own). */
  record(task: LambdaTaskRow, outcome: LambdaOutcome): void;
  logger: Logger;
}

/** Runs invocations and stops them when their task closes. */
export class LambdaDispatch {
  private readonly running = new Map<string, AbortController>();
  private closed = false;

  constructor(private readonly opts: LambdaDispatchOptions) {}

  /** Stops the invocation of a task that closed, if it runs. */
  abort(runId: string, scheduledId: number): void {
    this.running.get(key(runId, scheduledId))?.abort();
  }

  /** How many invocations run now (for tests and diagnostics). */
  runningCount(): number {
    return this.running.size;
  }

  /** Stops every invocation and the invoker; outcomes that arrive later are dropped. */
  close(): void {
    this.closed = true;
    for (const c of this.running.values()) c.abort();
    this.running.clear();
    this.opts.invoker.close();
  }

  /** Starts one invocation (after the commit that stored its task, or for an open task after a restart). */
  start(task: LambdaTaskRow): void {
    const k = key(task.run_id, task.scheduled_id);
    if (this.closed || this.running.has(k)) return;
    const controller = new AbortController();
    this.running.set(k, controller);
    const invocation = {
      functionName: task.name,
      payload: task.input === null || task.input === '' ? '{}' : task.input,
      timeoutMs: Math.max(0, task.deadline - this.opts.now()),
      requestId: randomUUID(),
      signal: controller.signal,
    };
    void this.opts.invoker
      .invoke(invocation)
      .catch((err: unknown): LambdaOutcome => ({
        kind: 'failed',
        reason: 'ServiceException',
        details: err instanceof Error ? err.message : String(err),
      }))
      .then((outcome) => {
        if (this.running.get(k) === controller) this.running.delete(k);
        if (this.closed || controller.signal.aborted) return;
        try {
          this.opts.record(task, outcome);
        } catch (err) {
          // Not recorded: the task stays open and its start-to-close deadline closes it.
          this.opts.logger.error(
            `recording the outcome of Lambda task ${task.lambda_id} (${task.name}) of run ${task.run_id} failed; it will time out`,
            {
              stack: err instanceof Error ? err.stack : String(err),
            },
          );
        }
      });
  }
}

function key(runId: string, scheduledId: number): string {
  return `${runId}\u0000${scheduledId}`;
}
