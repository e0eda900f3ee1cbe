/**
 * The state of one workflow run inside the replayer. Each part is owned by an object that alone
 * changes it: the clock (`run-clock.ts`), the commands and their matching (`decision-matcher.ts`),
 * ids (`id-scheme.ts`), signals (`signal-box.ts`), conditions (`condition-waiters.ts`), patches
 * (`patch-book.ts`) and markers (`marker-log.ts`); the runtime itself holds the run-level state
 * (what the start event said, the batch being applied, how the run closes) and changes it only
 * through its methods. Event application lives in `apply-event.ts`; each command kind in a file of
 * its own (`activity-command.ts`, `timer-command.ts`, ...).
 */
import seedrandom from 'seedrandom';
import { CancelledFailure, DeterminismViolationError, type DataConverter, type Logger } from '@swf-flow/common';
import { CancellationScope } from './cancellation-scope.js';
import { failRun } from './closing.js';
import { Command, type CommandSpec } from './command.js';
import { ConditionWaiters } from './condition-waiters.js';
import { DecisionMatcher } from './decision-matcher.js';
import { IdScheme } from './id-scheme.js';
import { MarkerLog } from './marker-log.js';
import { PatchBook } from './patch-book.js';
import { RunClock } from './run-clock.js';
import { FROZEN_CLOCK_LIMIT } from './seal/clock.js';
import { EscapeBook } from './seal/escapes.js';
import { SignalBox, type SignalHandler } from './signal-box.js';
import { captureSite, sourceLocation } from './source-location.js';
import { ownFrame, storage } from './storage.js';

export type { SignalHandler } from './signal-box.js';

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

/** The batch of events the executor applies next (see {@link WorkflowRuntime.beginBatch}). */
export interface Batch {
  /** The time of its last event (epoch ms): what the code's clock reads. */
  now: number;
  /** It ends at a DecisionTaskStarted. */
  taskStarted: boolean;
  /** The history shows how that decision task ended: the code re-runs what was decided already. */
  replaying: boolean;
  /** The DecisionTaskStarted id that commands issued now belong to. */
  activation: number;
}

/** The execution's ids. */
export interface RuntimeExecution {
  workflowId: string;
  runId: string;
}

/** One run's replay state. */
export class WorkflowRuntime {
  /** What the code started or awaited that the workflow API does not drive (see `seal/escapes.ts`). */
  readonly escapes = new EscapeBook(() => this.describe());
  /** The replayed clock. */
  readonly clock = new RunClock();
  /** The seeded PRNG behind Math.random(), crypto.randomUUID() and uuid4(). */
  readonly random: () => number;
  /** The scope workflow code runs in unless it opened another. */
  readonly rootScope: CancellationScope = new CancellationScope({ cancellable: true }, true);
  /** The commands the code issued and their matching against the history. */
  readonly commands: DecisionMatcher;
  /** The deterministic ids of commands. */
  readonly ids = new IdScheme();
  /** Signal handlers and buffered signals. */
  readonly signals = new SignalBox();
  /** Waiting `condition()` calls. */
  readonly conditions = new ConditionWaiters();
  /** Recorded and taken patches. */
  readonly patches = new PatchBook();
  /** Recorded markers read ahead by `sideEffect()`. */
  readonly markers = new MarkerLog();

  /** The async-context frame of code running in the root scope: one object for every batch, not one per call. */
  private readonly rootFrame = ownFrame({ runtime: this, scope: this.rootScope });
  private usedRandom = false;
  private startedInfo: StartedInfo | undefined;
  private lastApplied = 0;
  private replayingNow = false;
  private activationId = 0;
  private news = false;
  private cancelAsked = false;
  private context: string | undefined;
  private closingDecided: Closing | undefined;
  private closedRecorded: Closing | undefined;
  private failureOfTask: Error | undefined;
  private sitesOfAll = false;
  private sitesOfNew = true;

  /**
   * @param placeholderWorkflowId set when the executor was not told the execution's ids: the
   * placeholder workflowId then stands for the unknown real one when a recorded target workflowId
   * is compared with the code's.
   */
  constructor(
    readonly converter: DataConverter,
    readonly logger: Logger,
    readonly execution: RuntimeExecution,
    private readonly placeholderWorkflowId?: string,
  ) {
    // Seeded on the first draw: most runs never draw, and seeding (ARC4's key schedule and the 256
    // outputs it discards) allocates ~8 KB and costs more than the rest of a short run's setup.
    let prng: (() => number) | undefined;
    this.random = (): number => {
      this.usedRandom = true;
      return (prng ??= seedrandom(execution.runId))();
    };
    this.commands = new DecisionMatcher(placeholderWorkflowId, () => this.advice());
  }

  /** What the run's WorkflowExecutionStarted said (`undefined` before it is applied). */
  get started(): StartedInfo | undefined {
    return this.startedInfo;
  }

  /** The id of the last event applied. */
  get lastEventId(): number {
    return this.lastApplied;
  }

  /** True while applying batches that are not the newest. */
  get replaying(): boolean {
    return this.replayingNow;
  }

  /** The DecisionTaskStarted event id of the activation that commands issued now belong to. */
  get activation(): number {
    return this.activationId;
  }

  /** Whether an event of the current batch brought the code something new to react to. */
  get newInfo(): boolean {
    return this.news;
  }

  /** True once the history recorded WorkflowExecutionCancelRequested. */
  get cancelRequested(): boolean {
    return this.cancelAsked;
  }

  /** The state published with `setExecutionState()`. */
  get executionContext(): string | undefined {
    return this.context;
  }

  /** Set when the workflow function (or a signal handler) decided how the run closes. */
  get closing(): Closing | undefined {
    return this.closingDecided;
  }

  /** Set when the history records that the run closed. */
  get closed(): Closing | undefined {
    return this.closedRecorded;
  }

  /**
   * Set when the decision task must fail instead of the run (the first such error wins), e.g. an
   * uncaught DeterminismViolationError: the executor rejects with it, the worker leaves the task
   * unanswered, and a deployment of fixed code continues the run. See {@link failTask}.
   */
  get taskFailure(): Error | undefined {
    return this.failureOfTask;
  }

  /** The name of the workflow (type and ids) for error messages. */
  describe(): string {
    const t = this.startedInfo?.workflowType;
    return `workflow ${t ? `${t.name} ${t.version}` : '(type unknown)'} (workflowId ${this.execution.workflowId}, runId ${this.execution.runId})`;
  }

  /** The executor starts applying a batch of events. */
  beginBatch(batch: Batch): void {
    this.clock.advance(batch.now, batch.taskStarted);
    this.replayingNow = batch.replaying;
    this.activationId = batch.activation;
    this.news = false;
  }

  /**
   * An event is being applied. Held events (a decision window, events recorded among a task's
   * decisions) are applied after later ones: the count only grows.
   */
  noteEvent(eventId: number): void {
    if (eventId > this.lastApplied) this.lastApplied = eventId;
  }

  /** The event being applied brings the code something new to react to. */
  noteNews(): void {
    this.news = true;
  }

  /** The history's WorkflowExecutionStarted was applied. */
  start(info: StartedInfo): void {
    this.startedInfo = info;
  }

  /** Publishes the execution state (`setExecutionState()`). */
  setExecutionContext(payload: string | undefined): void {
    this.context = payload;
  }

  /** The code decided how the run closes (its close command is issued with it). */
  decideClose(closing: Closing | undefined): void {
    this.closingDecided = closing;
  }

  /** The history recorded how the run closed. */
  recordClosed(closing: Closing): void {
    this.closedRecorded = closing;
  }

  /**
   * Counts a read of the clock (`Date.now()`, `new Date()`, `performance.now()`, ...). The clock is
   * frozen within a decision task, so code that waits for it to advance spins forever: past
   * FROZEN_CLOCK_LIMIT reads in one decision task, the read throws a DeterminismViolationError that
   * also fails the task (even if the code catches it).
   */
  clockRead(): void {
    if (this.clock.countRead()) return;
    const err = new DeterminismViolationError(
      `${this.describe()} read the clock ${FROZEN_CLOCK_LIMIT} times in one decision task: time is frozen while workflow code runs ` +
        "(Date.now(), new Date() and performance.now() give the decision task's time), so a loop waiting for it to advance never ends; " +
        'wait with sleep(duration) or condition(fn, timeout) from @swf-flow/workflow instead',
      { location: sourceLocation(captureSite()) },
    );
    this.failTask(err);
    throw err;
  }

  /** Runs `fn` as workflow code of this run (in the root scope unless given). */
  run<T>(fn: () => T, scope: CancellationScope = this.rootScope): T {
    return scope === this.rootScope ? storage.runOwn(this.rootFrame, fn) : storage.run({ runtime: this, scope }, fn);
  }

  /**
   * Whether every command records where the code issued it. Off (the normal path), only the commands
   * of a batch that is not replayed record it (the decisions this call returns, few per task);
   * capturing a stack for each of a long history's commands would cost more than the rest of its
   * replay. A NonDeterminismError raised without them is located by replaying once more with this
   * on (see `WorkflowExecutor`): replay is deterministic, so that pass reaches the same divergence.
   */
  captureAllSites(on: boolean): void {
    this.sitesOfAll = on;
  }

  /**
   * Whether the commands of a batch that is not replayed record where the code issued them (on by
   * default; see `WorkflowExecutorOptions.recordDecisionSites`). `captureAllSites(true)` wins.
   */
  captureNewSites(on: boolean): void {
    this.sitesOfNew = on;
  }

  /** Issues a command: it is sent with the next decisions unless the history already recorded it. */
  issue(spec: CommandSpec): Command {
    const site = this.sitesOfAll || (this.sitesOfNew && !this.replayingNow) ? captureSite() : undefined;
    const cmd = new Command(spec, site, this.activationId);
    this.commands.add(cmd);
    if (spec.kind === 'marker') this.markers.countIssued();
    return cmd;
  }

  /** What to do about a divergence: change code carefully, or (when code cannot be the cause) what else to fix. */
  private advice(): string | undefined {
    if (this.placeholderWorkflowId !== undefined && this.usedRandom) {
      return (
        'The code used values seeded from the run id (Math.random(), uuid4(), crypto.randomUUID()) and this replay was not given the ' +
        "execution's ids, so it cannot reproduce them: pass execution: { workflowId, runId } (a fixture saved by `swf-flow history --json` " +
        'carries them; `swf-flow replay` takes --workflow-id and --run-id).'
      );
    }
    return undefined; // NonDeterminismError's own advice: guard the change with patched(id)
  }

  /**
   * Fails the decision task, not the run: the code did something that replay cannot reproduce (an
   * uncaught DeterminismViolationError), so no decision may be sent for this task. The first error
   * wins; the executor rejects with it once the batch is applied.
   */
  failTask(err: Error): void {
    this.failureOfTask ??= err;
  }

  /** Resolves the conditions that hold now; true when at least one did. */
  checkConditions(): boolean {
    // A predicate that throws fails the run, like a throwing handler.
    return this.conditions.settle(
      (fn) => this.run(fn),
      (err) => failRun(this, err),
    );
  }

  /** Sets the handler of a signal and delivers, in order, the signals that waited for it. */
  setSignalHandler(name: string, handler: SignalHandler): void {
    for (const s of this.signals.set(name, handler)) this.deliverSignal(s.name, s.args);
  }

  /** Delivers a signal to its handler, or buffers it until a handler is set. */
  deliverSignal(name: string, args: unknown[]): void {
    const handler = this.signals.handlerOf(name);
    if (!handler) {
      this.signals.hold({ name, args });
      return;
    }
    this.run(() => {
      try {
        const out = handler(...args);
        if (out && typeof (out as Promise<void>).then === 'function') {
          (out as Promise<void>).then(undefined, (err: unknown) => failRun(this, err));
        }
      } catch (err) {
        failRun(this, err); // a signal handler threw: the run fails (or continues as new) like when the workflow throws
      }
    });
  }

  /** The cancellation that a WorkflowExecutionCancelRequested event delivers to the root scope. */
  requestCancel(cause: string | undefined): void {
    this.cancelAsked = true;
    this.run(() =>
      this.rootScope.cancel(new CancelledFailure(`Workflow execution cancel requested${cause ? ` (${cause})` : ''}`)),
    );
  }
}
