/** `WorkflowHandle`: one execution's result, signals, cancellation, termination, description and history. */
import {
  DescribeWorkflowExecutionCommand,
  RequestCancelWorkflowExecutionCommand,
  SignalWorkflowExecutionCommand,
  TerminateWorkflowExecutionCommand,
  type DescribeWorkflowExecutionCommandOutput,
  type SWFClient,
} from '@aws-sdk/client-swf';
import {
  ValidationError,
  classifySwfError,
  encodeArgs,
  parseDuration,
  type DataConverter,
  type Duration,
  type HistoryEvent,
  isRunCloseEvent,
  MAX_NAME_LENGTH,
  MAX_REASON_LENGTH,
  shownValue,
} from '@swf-flow/common';
import { type RunOutcome, outcomeOf } from './close-event.js';
import { followHistory } from './follow-history.js';
import { historyEvents, lastEvent } from './history-reader.js';
import { findLatestRunId } from './list.js';
import { checkOptionKeys, checkPayload } from './validate.js';
import { delay, pollDelays } from './wait.js';

/** A signal by name, or a signal definition (`defineSignal` gives one). */
export type SignalRef<Args extends unknown[] = unknown[]> = string | { readonly name: string; readonly __args?: Args };

/** Options of {@link WorkflowHandle.result}. */
export interface ResultOptions {
  /** Follow continue-as-new to the newest run. @default true */
  followRuns?: boolean;
  /** Give up (reject with a ValidationError) after this long. @default no limit */
  timeout?: Duration;
  /** Stop waiting when it aborts. */
  signal?: AbortSignal;
  /** Longest wait between two checks of the history (at least 10 ms). @default '1s' */
  maxPollInterval?: Duration;
}

/** Options of {@link WorkflowHandle.followHistory}. */
export interface FollowHistoryOptions {
  /** Stop following (the iteration ends) when it aborts. */
  signal?: AbortSignal;
  /** Longest wait between two checks for new events (at least 10 ms). @default '1s' */
  maxPollInterval?: Duration;
  /** Called once the events so far have all been yielded, before waiting for new ones (not called for a closed run). */
  onCaughtUp?: () => void;
}

const RESULT_KEYS = ['followRuns', 'timeout', 'signal', 'maxPollInterval'] as const satisfies ReadonlyArray<
  keyof ResultOptions
>;
const FOLLOW_KEYS = ['signal', 'maxPollInterval', 'onCaughtUp'] as const satisfies ReadonlyArray<
  keyof FollowHistoryOptions
>;
const TERMINATE_KEYS = ['details', 'childPolicy'] as const;
const CHILD_POLICIES: readonly unknown[] = ['TERMINATE', 'REQUEST_CANCEL', 'ABANDON'];

/** Checks an optional `signal` option: an `AbortSignal` (a wrong value failed inside the wait). */
function checkAbortSignal(signal: unknown): void {
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw new ValidationError(`signal must be an AbortSignal (from an AbortController); got ${shownValue(signal)}`);
}

/**
 * Checks a signal name: SWF bounds its length only (the API model's `SignalName`, 1 to 256
 * characters, as `defineSignal` and the local service do), not the name rule of task lists and
 * types, so `order:cancel` is a signal name.
 */
function checkSignalName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH)
    throw new ValidationError(
      `signal name must be a string of 1 to ${MAX_NAME_LENGTH} characters (a name, or a defineSignal() definition); got ${shownValue(name)}`,
    );
  return name;
}

/** The shortest `maxPollInterval`: each check is a request, and 0 sent one per turn of the event loop. */
const MIN_POLL_INTERVAL_MS = 10;

/** Reads a `maxPollInterval` option (default 1 s), refusing one so short that the checks would never pause. */
function pollIntervalMs(value: Duration | undefined): number {
  const ms = parseDuration(value ?? '1s', 'maxPollInterval');
  if (ms < MIN_POLL_INTERVAL_MS)
    throw new ValidationError(
      `maxPollInterval must be at least ${MIN_POLL_INTERVAL_MS} ms (each check is a request to the service); got ${shownValue(value)}`,
    );
  return ms;
}

/** What a handle needs from its client. */
export interface HandleContext {
  swf: SWFClient;
  domain: string;
  dataConverter: DataConverter;
}

/**
 * A workflow execution: wait for its result, signal, cancel, terminate, describe it, read its
 * history or its published state. Get one from `WorkflowClient.start` or `getHandle`.
 */
export class WorkflowHandle<R = unknown> {
  constructor(
    private readonly ctx: HandleContext,
    /** The workflow id. */
    readonly workflowId: string,
    /** The run id; `undefined` for a handle on "the latest run" (resolved when needed). */
    readonly runId?: string,
  ) {}

  private async execution(): Promise<{ workflowId: string; runId: string }> {
    const runId = this.runId ?? (await findLatestRunId(this.ctx.swf, this.ctx.domain, this.workflowId));
    return { workflowId: this.workflowId, runId };
  }

  /**
   * Waits for the execution to close (checking its newest history event with bounded back-off),
   * following continue-as-new, and returns its decoded result.
   *
   * A check that cannot reach the service (a refused or reset connection, a 5xx, throttling: a
   * service restarting) is not an answer: waiting goes on, within `timeout`.
   *
   * @throws WorkflowExecutionFailedError when it failed, was canceled, terminated or timed out;
   *   `cause` is the rebuilt failure (`ApplicationFailure`, `CancelledFailure`,
   *   `TerminatedFailure`, `TimeoutFailure`).
   * @throws ValidationError when `timeout` passes first (its `cause` is the last connection error, if any).
   */
  async result(options: ResultOptions = {}): Promise<R> {
    checkOptionKeys(options, RESULT_KEYS, { kind: 'result', object: 'result options', example: "{ timeout: '30s' }" });
    if (options.followRuns !== undefined && typeof options.followRuns !== 'boolean')
      throw new ValidationError(`followRuns must be true or false; got ${shownValue(options.followRuns)}`);
    checkAbortSignal(options.signal);
    const maxPollMs = pollIntervalMs(options.maxPollInterval);
    const deadline = options.timeout === undefined ? undefined : Date.now() + parseDuration(options.timeout, 'timeout');
    let delays = pollDelays(maxPollMs);
    let unreachable: unknown;
    /** Runs one check; a transient failure (the service unreachable) counts as "not yet". */
    const check = async <T>(step: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> => {
      try {
        const value = await step();
        unreachable = undefined;
        return { ok: true, value };
      } catch (err) {
        if (classifySwfError(err) !== 'transient') throw err;
        unreachable = err;
        return { ok: false };
      }
    };
    const wait = async (execution?: { workflowId: string; runId: string }): Promise<void> => {
      const ms = delays.next().value as number;
      if (deadline !== undefined && Date.now() + ms > deadline) {
        const what = execution
          ? `workflow ${execution.workflowId} (run ${execution.runId})`
          : `workflow ${this.workflowId}`;
        const why =
          unreachable === undefined
            ? ''
            : ` (the service could not be reached at the last check: ${String(unreachable)})`;
        throw new ValidationError(
          `${what} did not close within ${String(options.timeout)}${why}`,
          unreachable === undefined ? undefined : { cause: unreachable },
        );
      }
      await delay(ms, options.signal);
    };
    let found = await check(() => this.execution());
    while (!found.ok) {
      await wait();
      found = await check(() => this.execution());
    }
    let execution = found.value;
    for (;;) {
      const current = execution;
      const checked = await check(() => lastEvent(this.ctx.swf, this.ctx.domain, current));
      const event = checked.ok ? checked.value : undefined;
      if (event && isRunCloseEvent(event)) {
        const outcome = outcomeOf(event, execution, this.ctx.dataConverter);
        if (outcome.kind === 'completed') return outcome.result as R;
        if (outcome.kind === 'failed') throw outcome.error;
        if (options.followRuns === false) {
          throw new ValidationError(
            `workflow ${execution.workflowId} continued as new run ${outcome.newRunId}; pass followRuns: true to wait for it`,
          );
        }
        execution = { workflowId: execution.workflowId, runId: outcome.newRunId };
        delays = pollDelays(maxPollMs);
        continue;
      }
      await wait(execution);
    }
  }

  /** Sends a signal; `args` are encoded as a JSON array (with the data converter). */
  async signal<Args extends unknown[]>(signal: SignalRef<Args>, ...args: Args): Promise<void> {
    const signalName = checkSignalName(typeof signal === 'string' ? signal : signal?.name);
    const input = checkPayload(encodeArgs(this.ctx.dataConverter, args), `input of signal ${signalName}`);
    await this.ctx.swf.send(
      new SignalWorkflowExecutionCommand({
        domain: this.ctx.domain,
        workflowId: this.workflowId,
        runId: this.runId,
        signalName,
        input,
      }),
    );
  }

  /** Asks the workflow to cancel itself (`RequestCancelWorkflowExecution`). */
  async cancel(): Promise<void> {
    await this.ctx.swf.send(
      new RequestCancelWorkflowExecutionCommand({
        domain: this.ctx.domain,
        workflowId: this.workflowId,
        runId: this.runId,
      }),
    );
  }

  /** Ends the execution at once, without the workflow's involvement. */
  async terminate(
    reason?: string,
    options: { details?: unknown; childPolicy?: 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON' } = {},
  ): Promise<void> {
    if (reason !== undefined && typeof reason !== 'string')
      throw new ValidationError(`terminate reason must be a string; got ${shownValue(reason)}`);
    checkOptionKeys(options, TERMINATE_KEYS, {
      kind: 'terminate',
      object: 'terminate options',
      example: "{ details: { by: 'ops' } }",
    });
    if (options.childPolicy !== undefined && !CHILD_POLICIES.includes(options.childPolicy))
      throw new ValidationError(
        `childPolicy must be TERMINATE, REQUEST_CANCEL or ABANDON; got ${shownValue(options.childPolicy)}`,
      );
    if (reason !== undefined && reason.length > MAX_REASON_LENGTH)
      throw new ValidationError(
        `terminate reason is ${reason.length} characters; SWF allows at most ${MAX_REASON_LENGTH}`,
      );
    const details = checkPayload(
      options.details === undefined ? undefined : this.ctx.dataConverter.toPayload(options.details),
      'terminate details',
    );
    await this.ctx.swf.send(
      new TerminateWorkflowExecutionCommand({
        domain: this.ctx.domain,
        workflowId: this.workflowId,
        runId: this.runId,
        reason,
        details,
        childPolicy: options.childPolicy,
      }),
    );
  }

  /** `DescribeWorkflowExecution`: status, configuration, open counts, latest activity and context. */
  async describe(): Promise<DescribeWorkflowExecutionCommandOutput> {
    return this.ctx.swf.send(
      new DescribeWorkflowExecutionCommand({ domain: this.ctx.domain, execution: await this.execution() }),
    );
  }

  /** Every event of the run, oldest first. */
  async history(): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    for await (const event of historyEvents(this.ctx.swf, this.ctx.domain, await this.execution())) events.push(event);
    return events;
  }

  /**
   * The run's events as they land: every event so far, oldest first, then new ones (checked with
   * bounded back-off, each check one small request) until the run's close event. Ends early when
   * `signal` aborts. Continue-as-new is not followed: the last event names the new run.
   *
   * @example
   * ```ts
   * for await (const event of handle.followHistory({ signal })) console.log(event.eventId, event.eventType);
   * ```
   */
  async *followHistory(options: FollowHistoryOptions = {}): AsyncGenerator<HistoryEvent> {
    checkOptionKeys(options, FOLLOW_KEYS, {
      kind: 'followHistory',
      object: 'followHistory options',
      example: "{ maxPollInterval: '1s' }",
    });
    checkAbortSignal(options.signal);
    if (options.onCaughtUp !== undefined && typeof options.onCaughtUp !== 'function')
      throw new ValidationError(`onCaughtUp must be a function; got ${shownValue(options.onCaughtUp)}`);
    const maxPollMs = pollIntervalMs(options.maxPollInterval);
    const { signal, onCaughtUp } = options;
    yield* followHistory(this.ctx.swf, this.ctx.domain, await this.execution(), {
      maxPollMs,
      ...(signal ? { signal } : {}),
      ...(onCaughtUp ? { onCaughtUp } : {}),
    });
  }

  /**
   * How the run ended, from its close event: its decoded result, the run it continued as, or the
   * failure (a `WorkflowExecutionFailedError` whose `cause` is the rebuilt failure); `undefined`
   * while it is open. Does not wait (see {@link result}) and does not follow continue-as-new.
   */
  async outcome(): Promise<RunOutcome | undefined> {
    const execution = await this.execution();
    const event = await lastEvent(this.ctx.swf, this.ctx.domain, execution);
    return event && isRunCloseEvent(event) ? outcomeOf(event, execution, this.ctx.dataConverter) : undefined;
  }

  /** The state the workflow published last (SWF's `latestExecutionContext`, decoded), if any. */
  async state<S = unknown>(): Promise<S | undefined> {
    const described = await this.describe();
    return this.ctx.dataConverter.fromPayload(described.latestExecutionContext) as S | undefined;
  }
}
