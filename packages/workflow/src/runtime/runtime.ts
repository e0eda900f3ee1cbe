/**
 * The state of one workflow run inside the replayer: the deterministic clock and PRNG, the
 * commands not yet recorded, the map from recorded event ids to commands, signal handlers,
 * condition waiters and how the run closes. Event application lives in `apply-event.ts`;
 * operations (activities, timers, children, ...) in `commands.ts` and the `api/` folder.
 */
import seedrandom from 'seedrandom';
import {
  ApplicationFailure,
  CancelledFailure,
  DeterminismViolationError,
  NonDeterminismError,
  toSwfSeconds,
  type DataConverter,
  type Decision,
  type HistoryEvent,
  type Logger,
} from '@swf-flow/common';
import { CancellationScope } from './cancellation-scope.js';
import { FROZEN_CLOCK_LIMIT } from './seal/clock.js';
import { EscapeBook } from './seal/escapes.js';
import { Command, CommandBook, type CommandHandlers, type CommandKind } from './command.js';
import { captureSite, errorLocation, lastLocation, sourceLocation } from './source-location.js';
import { storage } from './storage.js';
import { sameTarget } from './targets.js';

/** A signal handler. */
export type SignalHandler = (...args: any[]) => void | Promise<void>;

/** What the run's `WorkflowExecutionStarted` event said, plus the execution's ids. */
export interface StartedInfo {
  workflowId: string;
  runId: string;
  workflowType: { name: string; version: string };
  taskList: string;
  input?: string;
  args: unknown[];
  startTime: Date;
  parent?: { workflowId: string; runId: string };
  parentInitiatedEventId?: number;
  continuedExecutionRunId?: string;
  executionStartToCloseTimeout?: string;
  taskStartToCloseTimeout?: string;
  childPolicy?: string;
  taskPriority?: string;
  tagList: string[];
  lambdaRole?: string;
}

/** How the run closes, once the code (or the history) decided it. */
export interface Closing {
  status: 'COMPLETED' | 'FAILED' | 'CANCELED' | 'CONTINUED_AS_NEW' | 'TERMINATED' | 'TIMED_OUT';
  result?: unknown;
  failure?: Error;
}

/** One run's replay state. */
export class WorkflowRuntime {
  /** Milliseconds since the epoch: the time of the decision task being replayed. */
  now = 0;
  /** What the code started or awaited that the workflow API does not drive (see `seal/escapes.ts`). */
  readonly escapes = new EscapeBook(() => this.describe());
  /** Reads of the frozen clock since {@link now} last changed (see {@link clockRead}). */
  clockReads = 0;
  /**
   * The time of the run's first DecisionTaskStarted (epoch ms): `performance.now()` in workflow
   * code counts from it. `undefined` until that event is applied.
   */
  clockOrigin: number | undefined;
  /** The id of the last event applied. */
  lastEventId = 0;
  /** True while applying batches that are not the newest. */
  replaying = false;
  /** The DecisionTaskStarted event id of the activation that commands issued now belong to. */
  activation = 0;
  /** The seeded PRNG behind Math.random(), crypto.randomUUID() and uuid4(). */
  readonly random: () => number;
  /** Whether the code drew from {@link random} (its values depend on the run id). */
  randomUsed = false;
  readonly rootScope: CancellationScope = new CancellationScope({ cancellable: true }, true);
  cancelRequested = false;
  started: StartedInfo | undefined;
  readonly book = new CommandBook();
  /** Recorded decision event id (ActivityTaskScheduled, TimerStarted, ...) to its command. */
  readonly byEventId = new Map<number, Command>();
  readonly signalHandlers = new Map<string, SignalHandler>();
  readonly signalBuffer: { name: string; args: unknown[] }[] = [];
  readonly conditions = new Set<{ fn: () => boolean; resolve: () => void }>();
  executionContext: string | undefined;
  /** Set when the workflow function (or a signal handler) decided how the run closes. */
  closing: Closing | undefined;
  /** Set when the history records that the run closed. */
  closed: Closing | undefined;
  /**
   * Set when the decision task must fail instead of the run (the first such error wins), e.g. an
   * uncaught DeterminismViolationError: the executor rejects with it, the worker leaves the task
   * unanswered, and a deployment of fixed code continues the run. See {@link failTask}.
   */
  taskFailure: Error | undefined;
  /** Non-patch MarkerRecorded / RecordMarkerFailed events in history order (lookahead for sideEffect). */
  readonly recordedMarkers: HistoryEvent[] = [];
  /** How many sideEffect() functions ran for real (their value was not in the history). */
  freshSideEffects = 0;
  /** How many non-patch marker commands the code issued. */
  markerSeq = 0;
  /** Patch ids recorded by the decision task completed for a DecisionTaskStarted id. */
  readonly patchesByActivation = new Map<number, Set<string>>();
  readonly sentPatches = new Set<string>();
  readonly patchCommands = new Map<string, Command>();
  /**
   * The DecisionTaskCompleted whose decision events are being matched, with the events SWF recorded
   * while that task was held by its decider (its window): they are applied once the matching ends.
   */
  openCompletion:
    | { eventId: number; startedEventId: number; sawFailure: boolean; sawClose: boolean; window: HistoryEvent[] }
    | undefined;
  /** Set when an applied event brings the code something new to react to (see `apply-event.ts`). */
  newInfo = false;
  /**
   * Set when the executor was not told the execution's ids: the placeholder workflowId then stands
   * for the unknown real one when a recorded target workflowId is compared with the code's.
   */
  placeholderWorkflowId: string | undefined;
  private readonly counters = new Map<string, number>();
  /** Where the most recent commands were issued (newest last), for close decisions' locations. */
  private readonly recentSites: Error[] = [];
  private readonly usedIds = new Set<string>();

  constructor(
    readonly converter: DataConverter,
    readonly logger: Logger,
    readonly execution: { workflowId: string; runId: string },
  ) {
    const prng = seedrandom(execution.runId);
    this.random = (): number => {
      this.randomUsed = true;
      return prng();
    };
  }

  /** What `performance.now()` returns in workflow code: ms since the first DecisionTaskStarted. */
  performanceNow(): number {
    return this.clockOrigin === undefined ? 0 : this.now - this.clockOrigin;
  }

  /** Sets the replayed time of the decision task now applied (and restarts the busy-wait count). */
  setNow(ms: number): void {
    this.now = ms;
    this.clockReads = 0;
  }

  /** The name of the workflow (type and ids) for error messages. */
  describe(): string {
    const t = this.started?.workflowType;
    return `workflow ${t ? `${t.name} ${t.version}` : '(type unknown)'} (workflowId ${this.execution.workflowId}, runId ${this.execution.runId})`;
  }

  /**
   * Counts a read of the clock (`Date.now()`, `new Date()`, `performance.now()`, ...). The clock is
   * frozen within a decision task, so code that waits for it to advance spins forever: past
   * FROZEN_CLOCK_LIMIT reads in one decision task, the read throws a DeterminismViolationError that
   * also fails the task (even if the code catches it).
   */
  clockRead(): void {
    if (++this.clockReads <= FROZEN_CLOCK_LIMIT) return;
    const err = new DeterminismViolationError(
      `${this.describe()} read the clock ${FROZEN_CLOCK_LIMIT} times in one decision task: time is frozen while workflow code runs ` +
        "(Date.now(), new Date() and performance.now() give the decision task's time), so a loop waiting for it to advance never ends; " +
        'wait with sleep(duration) or condition(fn, timeout) from @swf-flow/workflow instead',
    );
    this.failTask(err);
    throw err;
  }

  /** Runs `fn` as workflow code of this run (in the root scope unless given). */
  run<T>(fn: () => T, scope: CancellationScope = this.rootScope): T {
    return storage.run({ runtime: this, scope }, fn);
  }

  /** A deterministic id of our scheme (`activity-3`), skipping ids the history already used. */
  nextId(prefix: string): string {
    let n = this.counters.get(prefix) ?? 0;
    let id: string;
    do {
      n++;
      id = `${prefix}-${n}`;
    } while (this.usedIds.has(`${prefix}|${id}`));
    this.counters.set(prefix, n);
    return id;
  }

  /** Notes an id recorded by the history so that our scheme does not reuse it. */
  useId(prefix: string, id: string | undefined): void {
    if (id) this.usedIds.add(`${prefix}|${id}`);
  }

  /**
   * Issues a command: it is sent with the next decisions unless the history already recorded it.
   * `origin` is the command this one follows from (see {@link Command.origin}).
   */
  issue(
    kind: CommandKind,
    decision: Decision,
    key: string,
    label: string,
    handlers: CommandHandlers,
    origin?: Command,
  ): Command {
    const site = captureSite();
    const cmd = new Command(kind, decision, key, label, site, this.activation, handlers);
    cmd.origin = origin;
    this.book.add(cmd);
    if (kind === 'marker') this.markerSeq++;
    this.recentSites.push(site);
    if (this.recentSites.length > 16) this.recentSites.shift();
    return cmd;
  }

  /** Where the code issued `cmd` (a line of user code when there is one), and how that line relates to it. */
  private locate(cmd: Command): { location?: string; note?: string } {
    const own = sourceLocation(cmd.site);
    if (own) return { location: own };
    for (let o = cmd.origin; o; o = o.origin) {
      const at = sourceLocation(o.site);
      if (at) return { location: at, note: `for the ${o.label.split(' ')[0] ?? o.kind} issued at that line` };
    }
    if (cmd.kind === 'close' && cmd.reason !== undefined) {
      const at = errorLocation(cmd.reason);
      const what = cmd.reason instanceof Error ? `${cmd.reason.name}: ${cmd.reason.message}` : String(cmd.reason);
      if (at) return { location: at, note: `the workflow ended with ${what}, thrown at that line` };
      const last = lastLocation(this.recentSites);
      if (last) return { location: last, note: `the workflow ended with ${what}, after its command at that line` };
    }
    const last = lastLocation(this.recentSites);
    if (!last) return {};
    return {
      location: last,
      note:
        cmd.kind === 'close'
          ? 'the workflow function returned after its command at that line'
          : 'issued by swf-flow after the command at that line',
    };
  }

  /** What to do about a divergence: change code carefully, or (when code cannot be the cause) what else to fix. */
  private advice(): string | undefined {
    if (this.placeholderWorkflowId !== undefined && this.randomUsed) {
      return (
        'The code used values seeded from the run id (Math.random(), uuid4(), crypto.randomUUID()) and this replay was not given the ' +
        "execution's ids, so it cannot reproduce them: pass execution: { workflowId, runId } (a fixture saved by `swf-flow history --json` " +
        'carries them; `swf-flow replay` takes --workflow-id and --run-id).'
      );
    }
    return undefined; // NonDeterminismError's own advice: guard the change with patched(id)
  }

  /** Builds the error for a divergence between code and history. */
  nonDeterminism(eventId: number, recorded: string, cmd: Command | undefined, extra?: string): NonDeterminismError {
    const where = cmd ? this.locate(cmd) : {};
    const attempted = cmd ? `${cmd.label}${where.note ? ` (${where.note})` : ''}` : 'nothing (no matching command)';
    return new NonDeterminismError({ eventId, recorded, attempted, location: where.location }, extra ?? this.advice());
  }

  /**
   * Matches a recorded decision event against the oldest pending command of its kind: the key
   * (type, name) must be equal, and so must the targeted workflowId when the code chose one.
   */
  match(
    event: HistoryEvent,
    kind: CommandKind,
    key: string | undefined,
    recorded: string,
    failed: boolean,
    target?: string,
  ): Command {
    const eventId = event.eventId ?? 0;
    const cmd = this.book.take(kind);
    if (!cmd) {
      // Report what the code did instead at this point, if anything (with its source location).
      throw this.nonDeterminism(
        eventId,
        recorded,
        this.book.firstPendingUpTo(this.openCompletion?.startedEventId ?? Number.MAX_SAFE_INTEGER),
      );
    }
    if (key !== undefined && cmd.key !== key) throw this.nonDeterminism(eventId, recorded, cmd);
    if (
      target !== undefined &&
      cmd.target !== undefined &&
      !sameTarget(cmd.target, target, this.placeholderWorkflowId)
    ) {
      throw this.nonDeterminism(
        eventId,
        recorded,
        cmd,
        `The history targets workflowId ${target}, the code ${cmd.target}: another execution would be affected. If that change is intended, guard it with patched(id) or register a new workflow version.`,
      );
    }
    this.book.recorded(cmd, eventId);
    if (failed) {
      if (this.openCompletion) this.openCompletion.sawFailure = true;
      cmd.handlers.failed?.(event);
    } else {
      if (kind === 'close' && this.openCompletion) this.openCompletion.sawClose = true;
      this.byEventId.set(eventId, cmd);
      cmd.handlers.recorded?.(event);
    }
    return cmd;
  }

  /**
   * Ends the matching of a DecisionTaskCompleted's decisions (the code must not have issued more
   * for that task) and returns the events of its window, to be applied next.
   */
  finishCompletion(): HistoryEvent[] {
    const open = this.openCompletion;
    if (!open) return [];
    this.openCompletion = undefined;
    if (open.sawFailure) return open.window; // SWF may skip decisions after a failed one: re-send them
    const left = this.book.firstPendingUpTo(open.startedEventId);
    if (left) {
      throw this.nonDeterminism(
        open.eventId,
        `no further decision (the decision task completed at event ${open.eventId} recorded nothing more)`,
        left,
      );
    }
    return open.window;
  }

  /** Starts a durable timer in `scope`; resolves when it fires, rejects when the scope is cancelled. */
  sleep(ms: number, scope: CancellationScope): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (scope.failure) {
        reject(scope.failure);
        return;
      }
      const seconds = toSwfSeconds(ms, 'sleep');
      let timerId = this.nextId('timer');
      let done = false;
      let cancelCmd: Command | undefined;
      const finish = (): boolean => {
        if (done) return false;
        done = true;
        unsubscribe();
        return true;
      };
      const cmd = this.issue(
        'timer',
        { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId, startToFireTimeout: seconds } },
        '',
        `StartTimer (timerId ${timerId}, ${seconds}s)`,
        {
          recorded: (e) => {
            timerId = e.timerStartedEventAttributes?.timerId ?? timerId;
            this.useId('timer', timerId);
          },
          failed: (e) => {
            const cause = e.startTimerFailedEventAttributes?.cause ?? 'UNKNOWN';
            if (finish())
              reject(
                new ApplicationFailure(`StartTimer ${timerId} failed: ${cause}`, { type: cause, nonRetryable: true }),
              );
          },
          events: {
            TimerFired: () => {
              // Fired before a CancelTimer issued in this batch was sent: SWF would refuse it.
              if (cancelCmd?.state === 'pending') this.book.drop(cancelCmd);
              if (finish()) resolve();
            },
          },
        },
      );
      const unsubscribe = scope.onCancel((failure: CancelledFailure) => {
        if (!finish()) return;
        if (cmd.state === 'pending') this.book.drop(cmd);
        else cancelCmd = this.cancelTimer(timerId, cmd);
        reject(failure);
      });
    });
  }

  private cancelTimer(timerId: string, timer: Command): Command {
    return this.issue(
      'cancelTimer',
      { decisionType: 'CancelTimer', cancelTimerDecisionAttributes: { timerId } },
      timerId,
      `CancelTimer ${timerId}`,
      {},
      timer,
    );
  }

  /**
   * Fails the decision task, not the run: the code did something that replay cannot reproduce (an
   * uncaught DeterminismViolationError), so no decision may be sent for this task. The first error
   * wins; the executor rejects with it once the batch is applied.
   */
  failTask(err: Error): void {
    this.taskFailure ??= err;
  }

  /** Resolves the conditions that hold now; true when at least one did. */
  checkConditions(): boolean {
    let any = false;
    for (const waiter of [...this.conditions]) {
      let holds: boolean;
      try {
        holds = this.run(waiter.fn);
      } catch (err) {
        this.conditions.delete(waiter);
        this.onHandlerError(err); // a predicate that throws fails the run, like a throwing handler
        continue;
      }
      if (holds) {
        this.conditions.delete(waiter);
        waiter.resolve();
        any = true;
      }
    }
    return any;
  }

  /** Delivers a signal to its handler, or buffers it until a handler is set. */
  deliverSignal(name: string, args: unknown[]): void {
    const handler = this.signalHandlers.get(name);
    if (!handler) {
      this.signalBuffer.push({ name, args });
      return;
    }
    this.run(() => {
      try {
        const out = handler(...args);
        if (out && typeof (out as Promise<void>).then === 'function') {
          (out as Promise<void>).then(undefined, (err: unknown) => this.onHandlerError(err));
        }
      } catch (err) {
        this.onHandlerError(err);
      }
    });
  }

  /** A signal handler threw: the run fails (or continues as new) like when the workflow throws. */
  onHandlerError: (err: unknown) => void = () => undefined;

  /** The cancellation that a WorkflowExecutionCancelRequested event delivers to the root scope. */
  requestCancel(cause: string | undefined): void {
    this.cancelRequested = true;
    this.run(() =>
      this.rootScope.cancel(new CancelledFailure(`Workflow execution cancel requested${cause ? ` (${cause})` : ''}`)),
    );
  }
}
