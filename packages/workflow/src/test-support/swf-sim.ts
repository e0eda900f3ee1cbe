/**
 * A model of what Amazon SWF records for one execution, driven by a seeded random choice among
 * the moves SWF allows at each point: decision tasks scheduled, started, completed or timed out;
 * activities, timers, children, external requests and Lambda tasks settled in any order; signals
 * and a cancel request at any time, also while a decider holds a task (they land in its window);
 * decisions refused (`...Failed`), a close refused with `UNHANDLED_DECISION`, an activity no
 * worker started cancelled at once among the task's decisions.
 *
 * This file holds the moves and the decision task's life; the history and state SWF keeps are in
 * `swf-sim-record.ts`, how open things settle in `swf-sim-settle.ts`, how a task's decisions are
 * recorded in `swf-sim-decisions.ts`, and the decider in `swf-sim-deciders.ts`: the replayer by
 * every path the product has (whole, paged, cached), which must agree and never fail, as the
 * workflow is unchanged. What they decide is what the model records.
 */
import type { Decision, HistoryEvent } from '@swf-flow/common';
import { DeciderPaths } from './swf-sim-deciders.js';
import { applyDecision } from './swf-sim-decisions.js';
import { SimRecord } from './swf-sim-record.js';
import { settle } from './swf-sim-settle.js';
import type { Attrs, SimOptions, SimRun, SimStart } from './swf-sim-types.js';

export type { SimOptions, SimRun, SimStart, SimTask } from './swf-sim-types.js';
export { SIM_EXECUTION } from './swf-sim-types.js';

/** The parent of a run modelled as a child (`asChild`). */
const PARENT = { workflowId: 'parent-1', runId: 'parent-run-1' };

/** One simulated execution. */
export class SwfSim {
  /** The history recorded so far. */
  readonly events: HistoryEvent[];
  /** The run's ids. */
  readonly execution: { workflowId: string; runId: string };
  private readonly r: SimRecord;
  private readonly paths: DeciderPaths;
  /** The task at work times out rather than completes. */
  private timesOut = false;
  private previousStarted = 0;
  private decided: Decision[] = [];
  private cancelRequested = false;
  private signalsSent = 0;
  private tasks = 0;
  /** The parent closed (`asChild`): no more parent signals; its child policy was applied. */
  private parentClosed = false;

  constructor(
    private readonly options: SimOptions,
    readonly seed: number,
    private readonly start?: SimStart,
  ) {
    this.r = new SimRecord(seed, start);
    this.events = this.r.events;
    this.execution = this.r.execution;
    this.paths = new DeciderPaths(options, this.r, seed);
  }

  /** Runs the execution to its close (or the move limit); throws what a decider path threw or disagreed on. */
  async run(): Promise<SimRun> {
    const { options } = this;
    // A successor starts as its predecessor's ContinueAsNewWorkflowExecution decision asked.
    const c = this.start?.attributes;
    const input: unknown = c ? c.input : JSON.stringify(options.input ?? []);
    this.r.add('WorkflowExecutionStarted', {
      workflowType: { name: options.type, version: c?.workflowTypeVersion ?? '1.0' },
      taskList: c?.taskList ?? { name: 'main' },
      childPolicy: c?.childPolicy ?? 'TERMINATE',
      executionStartToCloseTimeout: c?.executionStartToCloseTimeout ?? '3600',
      taskStartToCloseTimeout: c?.taskStartToCloseTimeout ?? '10',
      ...(input === undefined ? {} : { input }),
      ...(c?.tagList ? { tagList: c.tagList } : {}),
      ...(c?.taskPriority !== undefined ? { taskPriority: c.taskPriority } : {}),
      ...(c?.lambdaRole !== undefined ? { lambdaRole: c.lambdaRole } : {}),
      ...(this.start ? { continuedExecutionRunId: this.start.previousRunId } : {}),
      ...(options.asChild
        ? { parentWorkflowExecution: PARENT, parentInitiatedEventId: 7, childPolicy: options.asChild }
        : {}),
    });
    if (options.signals?.length && this.r.chance(0.2)) this.signal();
    this.r.needDecision();
    for (let move = 0; move < (options.maxMoves ?? 300) && this.r.closed === 'OPEN'; move++) {
      const moves = this.moves();
      if (moves.length === 0) break;
      await this.r.pick(moves)();
    }
    this.paths.dispose();
    return {
      events: this.r.events,
      status: this.r.closed,
      tasks: this.tasks,
      execution: this.execution,
      ...(this.r.successor ? { successor: this.r.successor } : {}),
    };
  }

  private moves(): (() => Promise<void> | void)[] {
    const out: (() => Promise<void> | void)[] = [];
    if (this.r.scheduledDt !== 0 && this.r.startedDt === 0)
      out.push(
        () => this.startTask(),
        () => this.startTask(),
      );
    if (this.r.startedDt !== 0) {
      if (this.timesOut) out.push(() => this.timeOutTask());
      else
        out.push(
          () => this.completeTask(),
          () => this.completeTask(),
        );
    }
    for (const o of this.r.open.values()) out.push(() => settle(this.r, o));
    const signals = this.options.signals ?? [];
    if (signals.length > 0 && this.signalsSent < (this.options.maxSignals ?? 4) && this.r.chance(0.3))
      out.push(() => this.signal());
    if (this.options.cancel && (!this.cancelRequested || this.r.chance(0.1)) && this.r.chance(0.1))
      out.push(() => {
        this.cancelRequested = true;
        // A child's parent requests its cancellation with a decision (the event names it); others with the API.
        this.r.add('WorkflowExecutionCancelRequested', this.fromParent() ?? {});
        this.r.needDecision();
      });
    // The parent of a child run closes; SWF applies the child policy the run was started with.
    if (this.options.asChild && !this.parentClosed && this.r.chance(0.03))
      out.push(() => {
        this.parentClosed = true;
        if (this.options.asChild === 'TERMINATE') {
          this.r.add('WorkflowExecutionTerminated', { childPolicy: 'TERMINATE', cause: 'CHILD_POLICY_APPLIED' });
          this.r.closed = 'TERMINATED';
        } else if (this.options.asChild === 'REQUEST_CANCEL') {
          this.cancelRequested = true;
          this.r.add('WorkflowExecutionCancelRequested', { cause: 'CHILD_POLICY_APPLIED' });
          this.r.needDecision();
        }
      });
    // A scheduled decision task nobody started in time (its scheduleToStartTimeout, since 2023).
    if (this.r.scheduledDt !== 0 && this.r.startedDt === 0 && this.r.chance(0.05))
      out.push(() => {
        const scheduled = this.r.scheduledDt;
        this.r.scheduledDt = 0;
        this.r.add('DecisionTaskTimedOut', {
          scheduledEventId: scheduled,
          startedEventId: 0,
          timeoutType: 'SCHEDULE_TO_START',
        });
        this.r.needDecision();
      });
    // The run ends from outside: terminated, or its start-to-close timeout.
    if (this.r.chance(0.005))
      out.push(() => {
        const terminated = this.r.chance(0.5);
        if (terminated)
          this.r.add('WorkflowExecutionTerminated', { childPolicy: 'TERMINATE', cause: 'OPERATOR_INITIATED' });
        else this.r.add('WorkflowExecutionTimedOut', { timeoutType: 'START_TO_CLOSE', childPolicy: 'TERMINATE' });
        this.r.closed = terminated ? 'TERMINATED' : 'TIMED_OUT';
      });
    return out;
  }

  /** The attributes naming the parent's decision, for an event a child run's open parent caused (half of them). */
  private fromParent(): Attrs | undefined {
    if (!this.options.asChild || this.parentClosed || this.r.chance(0.5)) return undefined;
    // The initiating event is in the parent's history: its id means nothing here.
    return { externalWorkflowExecution: PARENT, externalInitiatedEventId: 5 + Math.floor(this.r.rng() * 40) };
  }

  /** The sender of a signal: the parent, a child of this run (with its initiating event there), or the API. */
  private sender(): Attrs {
    const parent = this.fromParent();
    if (parent) return parent;
    const kids = [...this.r.open.values()].filter((o) => o.kind === 'child');
    if (kids.length === 0 || this.r.chance(0.5)) return {};
    const kid = this.r.pick(kids);
    const started = (this.r.events[kid.startedId - 1] as Attrs).childWorkflowExecutionStartedEventAttributes as Attrs;
    return {
      externalWorkflowExecution: started.workflowExecution,
      externalInitiatedEventId: 3 + Math.floor(this.r.rng() * 20),
    };
  }

  private signal(): void {
    const s = this.r.pick(this.options.signals ?? []);
    this.signalsSent++;
    // A signal without arguments may come without input (the API's input is optional).
    const input = s.args.length === 0 && this.r.chance(0.5) ? {} : { input: JSON.stringify(s.args) };
    this.r.add('WorkflowExecutionSignaled', { signalName: s.name, ...input, ...this.sender() });
    this.r.needDecision();
  }

  private async startTask(): Promise<void> {
    const scheduled = this.r.scheduledDt;
    this.r.scheduledDt = 0;
    this.r.startedDt = this.r.add('DecisionTaskStarted', { scheduledEventId: scheduled, identity: 'sim' });
    this.timesOut = this.r.chance(0.08);
    this.decided = await this.paths.decide(this.previousStarted, !this.timesOut);
  }

  private timeOutTask(): void {
    const started = this.r.startedDt;
    this.r.startedDt = 0;
    const scheduled = Number((this.r.events[started - 1] as Attrs).decisionTaskStartedEventAttributes.scheduledEventId);
    this.r.add('DecisionTaskTimedOut', {
      scheduledEventId: scheduled,
      startedEventId: started,
      timeoutType: 'START_TO_CLOSE',
    });
    this.r.needDecision();
    if (this.r.chance(0.5)) this.paths.evict(); // the worker that held it may be gone
  }

  private completeTask(): void {
    const started = this.r.startedDt;
    this.r.startedDt = 0;
    this.previousStarted = started;
    this.tasks++;
    const scheduled = Number((this.r.events[started - 1] as Attrs).decisionTaskStartedEventAttributes.scheduledEventId);
    const completed = this.r.add('DecisionTaskCompleted', { scheduledEventId: scheduled, startedEventId: started });
    let failed = false;
    let skipRest = false;
    for (const d of this.decided) {
      if (skipRest) break;
      const refused = applyDecision(this.r, this.options, d, completed);
      if (refused) {
        failed = true;
        if (this.r.chance(0.3)) this.r.needDecision(); // at once, among the decisions
        skipRest = this.r.chance(0.3); // SWF may not apply what follows a refused decision
      }
    }
    this.decided = [];
    if (failed || this.r.needDecisionLater) this.r.needDecision();
    this.r.needDecisionLater = false;
  }
}

/**
 * Runs an execution and follows it through continue-as-new: each successor starts as the
 * ContinueAsNewWorkflowExecution decision asked (its input, version, task list, timeouts, tags;
 * `continuedExecutionRunId` naming the run before), with run id `run-<n>` (so `Math.random()`
 * draws another sequence), after its predecessor's close. `onSim` sees each run's model before it runs.
 */
export async function runChain(options: SimOptions, seed: number, onSim?: (sim: SwfSim) => void): Promise<SimRun[]> {
  const runs: SimRun[] = [];
  let start: SimStart | undefined;
  do {
    const sim = new SwfSim(options, seed, start);
    onSim?.(sim);
    const run = await sim.run();
    runs.push(run);
    start = run.successor;
  } while (start && runs.length < (options.maxRuns ?? 3));
  return runs;
}
