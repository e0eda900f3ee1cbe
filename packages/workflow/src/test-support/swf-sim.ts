/**
 * A model of what Amazon SWF records for one execution, driven by a seeded random choice among
 * the moves SWF allows at each point: decision tasks scheduled, started, completed or timed out;
 * activities, timers, children, external requests and Lambda tasks settled in any order; signals
 * and a cancel request at any time, also while a decider holds a task (they land in its window);
 * decisions refused (`...Failed`), a close refused with `UNHANDLED_DECISION`, an activity no
 * worker started cancelled at once among the task's decisions.
 *
 * The decider is the replayer, by every path the product has: at each `DecisionTaskStarted` the
 * history so far is replayed whole (a fresh executor: a worker's cache miss), streamed in pages
 * of a random size (the worker's full replay, `replayHistory`), and fed to a cached executor
 * that continues from its last task (the worker's cache; evicted at random). All must decide the
 * same and none may fail: the workflow is unchanged. What they decide is what the model records.
 */
import seedrandom from 'seedrandom';
import type { Decision, HistoryEvent } from '@swf-flow/common';
import { WorkflowExecutor, type ActivationResult } from '../executor.js';
import type { WorkflowsInput } from '../workflow-type.js';
import { summarize } from './run.js';

type Attrs = Record<string, any>;

/** What the model is told about the execution. */
export interface SimOptions {
  workflows: WorkflowsInput;
  /** The workflow type's name (version 1.0). */
  type: string;
  /** The run's input (a JSON array). */
  input?: unknown[];
  /** Signals the environment may send, by name, with their arguments. */
  signals?: { name: string; args: unknown[] }[];
  /** How many signals at most. @default 4 */
  maxSignals?: number;
  /** Whether the environment may request the run's cancellation. @default false */
  cancel?: boolean;
  /** The most moves. @default 300 */
  maxMoves?: number;
  /**
   * The run is a child of another execution, started with this child policy: its parent signals
   * it and may request its cancellation (events naming the parent's initiating event), and the
   * parent may close at any time, after which SWF applies the policy (TERMINATE:
   * `WorkflowExecutionTerminated`, REQUEST_CANCEL: `WorkflowExecutionCancelRequested`, both with
   * cause `CHILD_POLICY_APPLIED`; ABANDON: nothing).
   */
  asChild?: 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON';
  /** How often SWF refuses a RecordMarker decision (a marker it keeps refusing is sent again with every task). @default 0.02 */
  markerRefusal?: number;
  /** How many runs a continue-as-new chain follows at most (`runChain`). @default 3 */
  maxRuns?: number;
  /**
   * Another decider (a worker's), asked at each decision task after the replayer's paths: it must
   * decide what they decided. `answered` is false for a task that will time out (its answer is
   * refused, as SWF refuses the answer of a task that timed out).
   */
  decider?: (task: SimTask) => Promise<Decision[]>;
}

/** A decision task as a decider polls it. */
export interface SimTask {
  /** The run the task belongs to (the poll's `workflowExecution`). */
  execution: { workflowId: string; runId: string };
  /** The history up to the task's DecisionTaskStarted. */
  events: readonly HistoryEvent[];
  startedEventId: number;
  /** The DecisionTaskStarted of the last task that completed (SWF's `previousStartedEventId`); 0 if none. */
  previousStartedEventId: number;
  /** Whether SWF accepts the answer (false: the task times out). */
  answered: boolean;
}

/** The outcome of one simulated execution. */
export interface SimRun {
  events: HistoryEvent[];
  /** How the run closed (`OPEN` if it did not within the moves). */
  status: ActivationResult['status'];
  /** The decision tasks that were answered. */
  tasks: number;
  /** The run's ids. */
  execution: { workflowId: string; runId: string };
  /** The run SWF started when this one continued as new. */
  successor?: SimStart;
}

/** How a run that continues another starts: what the ContinueAsNewWorkflowExecution decision asked for. */
export interface SimStart {
  runId: string;
  /** The run that continued as new (`continuedExecutionRunId`). */
  previousRunId: string;
  /** The decision's attributes (input, version, task list, timeouts, child policy, tags, ...). */
  attributes: Attrs;
  /** The time the run starts (after its predecessor's close). */
  time: number;
}

/** The first run's ids; a successor's run id is `run-<n>`. */
export const SIM_EXECUTION = { workflowId: 'wf-1', runId: 'run-1' };
/** The parent of a run modelled as a child (`asChild`). */
const PARENT = { workflowId: 'parent-1', runId: 'parent-run-1' };

/** A decision as compared between the paths: its summary and attributes, without stack traces. */
function comparable(decisions: readonly Decision[]): unknown {
  return decisions.map((d) => JSON.parse(JSON.stringify(d, (k, v: unknown) => (k === 'details' ? undefined : v))));
}

type Open = { kind: string; eventId: number; startedId: number; id: string; cancelRequested?: number };

/** One simulated execution. */
export class SwfSim {
  readonly events: HistoryEvent[] = [];
  private readonly rng: () => number;
  private time = Date.UTC(2025, 0, 1);
  private scheduledDt = 0;
  private startedDt = 0;
  /** The task at work times out rather than completes. */
  private timesOut = false;
  private previousStarted = 0;
  private decided: Decision[] = [];
  private closed: ActivationResult['status'] = 'OPEN';
  private cancelRequested = false;
  private signalsSent = 0;
  private tasks = 0;
  private cached: WorkflowExecutor | undefined;
  private readonly open = new Map<string, Open>();
  private childSeq = 0;
  /** An event recorded among the decisions of the task being completed asks for a decision task after them. */
  private needDecisionLater = false;

  /** The run's ids. */
  readonly execution: { workflowId: string; runId: string };
  /** The child ids this run initiated (a request targeting one of them is about that child). */
  private readonly childIds = new Set<string>();
  /** The parent closed (`asChild`): no more parent signals; its child policy was applied. */
  private parentClosed = false;
  private successor: SimStart | undefined;

  constructor(
    private readonly options: SimOptions,
    readonly seed: number,
    private readonly start?: SimStart,
  ) {
    this.rng = seedrandom(`swf-sim-${seed}${start ? `-${start.runId}` : ''}`);
    this.execution = { workflowId: SIM_EXECUTION.workflowId, runId: start?.runId ?? SIM_EXECUTION.runId };
    if (start) this.time = start.time;
  }

  private chance(p: number): boolean {
    return this.rng() < p;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng() * items.length)] as T;
  }

  private add(eventType: string, attributes: Attrs = {}): number {
    const eventId = this.events.length + 1;
    const key = `${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`;
    this.time += this.chance(0.2) ? 0 : Math.floor(this.rng() * 5000);
    this.events.push({ eventId, eventType, eventTimestamp: new Date(this.time), [key]: attributes } as HistoryEvent);
    return eventId;
  }

  /** Something happened that the decider must see: a decision task is scheduled unless one is. */
  private needDecision(): void {
    if (this.scheduledDt === 0 && this.closed === 'OPEN')
      this.scheduledDt = this.add('DecisionTaskScheduled', { taskList: { name: 'main' }, startToCloseTimeout: '10' });
  }

  /** Runs the execution to its close (or the move limit); throws what a decider path threw or disagreed on. */
  async run(): Promise<SimRun> {
    const { options } = this;
    // A successor starts as its predecessor's ContinueAsNewWorkflowExecution decision asked.
    const c = this.start?.attributes;
    const input: unknown = c ? c.input : JSON.stringify(options.input ?? []);
    this.add('WorkflowExecutionStarted', {
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
    if (options.signals?.length && this.chance(0.2)) this.signal();
    this.needDecision();
    for (let move = 0; move < (options.maxMoves ?? 300) && this.closed === 'OPEN'; move++) {
      const moves = this.moves();
      if (moves.length === 0) break;
      await this.pick(moves)();
    }
    this.cached?.dispose();
    return {
      events: this.events,
      status: this.closed,
      tasks: this.tasks,
      execution: this.execution,
      ...(this.successor ? { successor: this.successor } : {}),
    };
  }

  private moves(): (() => Promise<void> | void)[] {
    const out: (() => Promise<void> | void)[] = [];
    if (this.scheduledDt !== 0 && this.startedDt === 0)
      out.push(
        () => this.startTask(),
        () => this.startTask(),
      );
    if (this.startedDt !== 0) {
      if (this.timesOut) out.push(() => this.timeOutTask());
      else
        out.push(
          () => this.completeTask(),
          () => this.completeTask(),
        );
    }
    for (const o of this.open.values()) out.push(() => this.settle(o));
    const signals = this.options.signals ?? [];
    if (signals.length > 0 && this.signalsSent < (this.options.maxSignals ?? 4) && this.chance(0.3))
      out.push(() => this.signal());
    if (this.options.cancel && (!this.cancelRequested || this.chance(0.1)) && this.chance(0.1))
      out.push(() => {
        this.cancelRequested = true;
        // A child's parent requests its cancellation with a decision (the event names it); others with the API.
        this.add('WorkflowExecutionCancelRequested', this.fromParent() ?? {});
        this.needDecision();
      });
    // The parent of a child run closes; SWF applies the child policy the run was started with.
    if (this.options.asChild && !this.parentClosed && this.chance(0.03))
      out.push(() => {
        this.parentClosed = true;
        if (this.options.asChild === 'TERMINATE') {
          this.add('WorkflowExecutionTerminated', { childPolicy: 'TERMINATE', cause: 'CHILD_POLICY_APPLIED' });
          this.closed = 'TERMINATED';
        } else if (this.options.asChild === 'REQUEST_CANCEL') {
          this.cancelRequested = true;
          this.add('WorkflowExecutionCancelRequested', { cause: 'CHILD_POLICY_APPLIED' });
          this.needDecision();
        }
      });
    // A scheduled decision task nobody started in time (its scheduleToStartTimeout, since 2023).
    if (this.scheduledDt !== 0 && this.startedDt === 0 && this.chance(0.05))
      out.push(() => {
        const scheduled = this.scheduledDt;
        this.scheduledDt = 0;
        this.add('DecisionTaskTimedOut', {
          scheduledEventId: scheduled,
          startedEventId: 0,
          timeoutType: 'SCHEDULE_TO_START',
        });
        this.needDecision();
      });
    // The run ends from outside: terminated, or its start-to-close timeout.
    if (this.chance(0.005))
      out.push(() => {
        const terminated = this.chance(0.5);
        if (terminated)
          this.add('WorkflowExecutionTerminated', { childPolicy: 'TERMINATE', cause: 'OPERATOR_INITIATED' });
        else this.add('WorkflowExecutionTimedOut', { timeoutType: 'START_TO_CLOSE', childPolicy: 'TERMINATE' });
        this.closed = terminated ? 'TERMINATED' : 'TIMED_OUT';
      });
    return out;
  }

  /** The attributes naming the parent's decision, for an event a child run's open parent caused (half of them). */
  private fromParent(): Attrs | undefined {
    if (!this.options.asChild || this.parentClosed || this.chance(0.5)) return undefined;
    // The initiating event is in the parent's history: its id means nothing here.
    return { externalWorkflowExecution: PARENT, externalInitiatedEventId: 5 + Math.floor(this.rng() * 40) };
  }

  /** The sender of a signal: the parent, a child of this run (with its initiating event there), or the API. */
  private sender(): Attrs {
    const parent = this.fromParent();
    if (parent) return parent;
    const kids = [...this.open.values()].filter((o) => o.kind === 'child');
    if (kids.length === 0 || this.chance(0.5)) return {};
    const kid = this.pick(kids);
    const started = (this.events[kid.startedId - 1] as Attrs).childWorkflowExecutionStartedEventAttributes as Attrs;
    return {
      externalWorkflowExecution: started.workflowExecution,
      externalInitiatedEventId: 3 + Math.floor(this.rng() * 20),
    };
  }

  private signal(): void {
    const s = this.pick(this.options.signals ?? []);
    this.signalsSent++;
    // A signal without arguments may come without input (the API's input is optional).
    const input = s.args.length === 0 && this.chance(0.5) ? {} : { input: JSON.stringify(s.args) };
    this.add('WorkflowExecutionSignaled', { signalName: s.name, ...input, ...this.sender() });
    this.needDecision();
  }

  private async startTask(): Promise<void> {
    const scheduled = this.scheduledDt;
    this.scheduledDt = 0;
    this.startedDt = this.add('DecisionTaskStarted', { scheduledEventId: scheduled, identity: 'sim' });
    this.timesOut = this.chance(0.08);
    this.decided = await this.decide();
  }

  private timeOutTask(): void {
    const started = this.startedDt;
    this.startedDt = 0;
    const scheduled = Number((this.events[started - 1] as Attrs).decisionTaskStartedEventAttributes.scheduledEventId);
    this.add('DecisionTaskTimedOut', {
      scheduledEventId: scheduled,
      startedEventId: started,
      timeoutType: 'START_TO_CLOSE',
    });
    this.needDecision();
    if (this.chance(0.5)) this.cached = undefined; // the worker that held it may be gone
  }

  /** What the decider decides now, by every path; they must agree. */
  private async decide(): Promise<Decision[]> {
    const history = this.events.slice();
    const where = `seed ${this.seed}, decision task started at event ${history.length}`;
    const whole = await new WorkflowExecutor({ workflows: this.options.workflows, execution: this.execution })
      .processEvents(history)
      .catch((err: unknown) => {
        throw new Error(`${where}: the whole replay failed: ${String(err)}`, { cause: err });
      });
    const size = 1 + Math.floor(this.rng() * 40);
    const paged = await new WorkflowExecutor({ workflows: this.options.workflows, execution: this.execution })
      .processPages(function* () {
        for (let i = 0; i < history.length; i += size) yield history.slice(i, i + size);
      })
      .catch((err: unknown) => {
        throw new Error(`${where}: the paged replay (pages of ${size}) failed: ${String(err)}`, { cause: err });
      });
    if (this.chance(0.1)) this.cached = undefined; // evicted
    const cached = (this.cached ??= new WorkflowExecutor({
      workflows: this.options.workflows,
      execution: this.execution,
    }));
    const fed = await cached.processEvents(history.slice(cached.lastEventId)).catch((err: unknown) => {
      throw new Error(`${where}: the cached run failed: ${String(err)}`, { cause: err });
    });
    for (const [path, out] of [
      ['paged', paged],
      ['cached', fed],
    ] as const) {
      if (
        JSON.stringify(comparable(out.decisions)) !== JSON.stringify(comparable(whole.decisions)) ||
        out.status !== whole.status
      ) {
        throw new Error(
          `${where}: the ${path} replay decided ${JSON.stringify(summarize(out.decisions))} (${out.status}), the whole replay ${JSON.stringify(summarize(whole.decisions))} (${whole.status})`,
        );
      }
    }
    if (this.options.decider) {
      const other = await this.options
        .decider({
          execution: this.execution,
          events: history,
          startedEventId: history.length,
          previousStartedEventId: this.previousStarted,
          answered: !this.timesOut,
        })
        .catch((err: unknown) => {
          throw new Error(`${where}: the other decider failed: ${String(err)}`, { cause: err });
        });
      if (JSON.stringify(comparable(other)) !== JSON.stringify(comparable(whole.decisions)))
        throw new Error(
          `${where}: the other decider decided ${JSON.stringify(summarize(other))}, the whole replay ${JSON.stringify(summarize(whole.decisions))}`,
        );
    }
    return whole.decisions;
  }

  private completeTask(): void {
    const started = this.startedDt;
    this.startedDt = 0;
    this.previousStarted = started;
    this.tasks++;
    const scheduled = Number((this.events[started - 1] as Attrs).decisionTaskStartedEventAttributes.scheduledEventId);
    const completed = this.add('DecisionTaskCompleted', { scheduledEventId: scheduled, startedEventId: started });
    let failed = false;
    let skipRest = false;
    for (const d of this.decided) {
      if (skipRest) break;
      const refused = this.apply(d, completed);
      if (refused) {
        failed = true;
        if (this.chance(0.3)) this.needDecision(); // at once, among the decisions
        skipRest = this.chance(0.3); // SWF may not apply what follows a refused decision
      }
    }
    this.decided = [];
    if (failed || this.needDecisionLater) this.needDecision();
    this.needDecisionLater = false;
  }

  /** Records one decision's events; true when SWF refused it. */
  private apply(d: Decision, completed: number): boolean {
    const dtc = { decisionTaskCompletedEventId: completed };
    switch (d.decisionType) {
      case 'ScheduleActivityTask': {
        const a = d.scheduleActivityTaskDecisionAttributes as Attrs;
        if (this.chance(0.04)) {
          this.add('ScheduleActivityTaskFailed', {
            activityType: a.activityType,
            activityId: a.activityId,
            cause: 'OPEN_ACTIVITIES_LIMIT_EXCEEDED',
            ...dtc,
          });
          return true;
        }
        const eventId = this.add('ActivityTaskScheduled', { ...a, taskList: a.taskList ?? { name: 'acts' }, ...dtc });
        this.open.set(`activity:${String(a.activityId)}`, {
          kind: 'activity',
          eventId,
          startedId: 0,
          id: a.activityId,
        });
        return false;
      }
      case 'RequestCancelActivityTask': {
        const id = String(d.requestCancelActivityTaskDecisionAttributes?.activityId);
        const o = this.open.get(`activity:${id}`);
        if (!o) {
          this.add('RequestCancelActivityTaskFailed', { activityId: id, cause: 'ACTIVITY_ID_UNKNOWN', ...dtc });
          return true;
        }
        o.cancelRequested = this.add('ActivityTaskCancelRequested', { activityId: id, ...dtc });
        if (o.startedId === 0 && this.chance(0.7)) {
          // Not started by any worker: SWF cancels it at once, among the task's decisions.
          this.open.delete(`activity:${id}`);
          this.add('ActivityTaskCanceled', {
            scheduledEventId: o.eventId,
            latestCancelRequestedEventId: o.cancelRequested,
          });
          this.needDecisionLater = true;
        }
        return false;
      }
      case 'StartTimer': {
        const a = d.startTimerDecisionAttributes as Attrs;
        if (this.chance(0.03)) {
          this.add('StartTimerFailed', { timerId: a.timerId, cause: 'OPEN_TIMERS_LIMIT_EXCEEDED', ...dtc });
          return true;
        }
        const eventId = this.add('TimerStarted', { ...a, ...dtc });
        this.open.set(`timer:${String(a.timerId)}`, { kind: 'timer', eventId, startedId: 0, id: a.timerId });
        return false;
      }
      case 'CancelTimer': {
        const id = String(d.cancelTimerDecisionAttributes?.timerId);
        const o = this.open.get(`timer:${id}`);
        if (!o) {
          this.add('CancelTimerFailed', { timerId: id, cause: 'TIMER_ID_UNKNOWN', ...dtc });
          return true;
        }
        this.open.delete(`timer:${id}`);
        this.add('TimerCanceled', { timerId: id, startedEventId: o.eventId, ...dtc });
        return false;
      }
      case 'RecordMarker': {
        const a = d.recordMarkerDecisionAttributes as Attrs;
        if (this.chance(this.options.markerRefusal ?? 0.02)) {
          this.add('RecordMarkerFailed', { markerName: a.markerName, cause: 'OPERATION_NOT_PERMITTED', ...dtc });
          return true;
        }
        this.add('MarkerRecorded', { ...a, ...dtc });
        return false;
      }
      case 'StartChildWorkflowExecution': {
        const a = d.startChildWorkflowExecutionDecisionAttributes as Attrs;
        if (this.chance(0.04)) {
          this.add('StartChildWorkflowExecutionFailed', {
            workflowType: a.workflowType,
            workflowId: a.workflowId,
            cause: 'OPEN_CHILDREN_LIMIT_EXCEEDED',
            initiatedEventId: 0,
            ...dtc,
          });
          return true;
        }
        const eventId = this.add('StartChildWorkflowExecutionInitiated', {
          ...a,
          taskList: a.taskList ?? { name: 'main' },
          childPolicy: a.childPolicy ?? 'TERMINATE',
          ...dtc,
        });
        this.childIds.add(String(a.workflowId));
        this.open.set(`child:${String(a.workflowId)}`, {
          kind: 'childInitiated',
          eventId,
          startedId: 0,
          id: String(a.workflowId),
        });
        return false;
      }
      case 'SignalExternalWorkflowExecution': {
        const a = d.signalExternalWorkflowExecutionDecisionAttributes as Attrs;
        if (this.chance(0.04)) {
          this.add('SignalExternalWorkflowExecutionFailed', {
            workflowId: a.workflowId,
            cause: 'SIGNAL_EXTERNAL_WORKFLOW_EXECUTIONS_RATE_EXCEEDED',
            initiatedEventId: 0,
            ...dtc,
          });
          return true;
        }
        const eventId = this.add('SignalExternalWorkflowExecutionInitiated', { ...a, ...dtc });
        this.open.set(`signal:${eventId}`, { kind: 'signalExternal', eventId, startedId: 0, id: String(a.workflowId) });
        return false;
      }
      case 'RequestCancelExternalWorkflowExecution': {
        const a = d.requestCancelExternalWorkflowExecutionDecisionAttributes as Attrs;
        if (this.chance(0.04)) {
          this.add('RequestCancelExternalWorkflowExecutionFailed', {
            workflowId: a.workflowId,
            cause: 'REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_RATE_EXCEEDED',
            initiatedEventId: 0,
            ...dtc,
          });
          return true;
        }
        const eventId = this.add('RequestCancelExternalWorkflowExecutionInitiated', { ...a, ...dtc });
        this.open.set(`cancel:${eventId}`, { kind: 'cancelExternal', eventId, startedId: 0, id: String(a.workflowId) });
        return false;
      }
      case 'ScheduleLambdaFunction': {
        const a = d.scheduleLambdaFunctionDecisionAttributes as Attrs;
        if (this.chance(0.04)) {
          this.add('ScheduleLambdaFunctionFailed', {
            id: a.id,
            name: a.name,
            cause: 'OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED',
            ...dtc,
          });
          return true;
        }
        const eventId = this.add('LambdaFunctionScheduled', { ...a, ...dtc });
        this.open.set(`lambda:${String(a.id)}`, { kind: 'lambda', eventId, startedId: 0, id: String(a.id) });
        return false;
      }
      default:
        return this.close(d, dtc);
    }
  }

  /** A close decision: refused with UNHANDLED_DECISION when a decision task is scheduled (new events came). */
  private close(d: Decision, dtc: Attrs): boolean {
    const type = String(d.decisionType);
    const failedType = `${type}Failed`;
    if (this.scheduledDt !== 0 || (this.needDecisionLater && this.chance(0.5))) {
      this.add(failedType, { cause: 'UNHANDLED_DECISION', ...dtc });
      return true;
    }
    // SWF refuses a close for other causes too (the API's ...FailedCause enums): the run then fails.
    if (type !== 'FailWorkflowExecution' && this.chance(0.03)) {
      const causes: Record<string, string[]> = {
        CompleteWorkflowExecution: ['OPERATION_NOT_PERMITTED'],
        CancelWorkflowExecution: ['OPERATION_NOT_PERMITTED'],
        ContinueAsNewWorkflowExecution: [
          'WORKFLOW_TYPE_DEPRECATED',
          'CONTINUE_AS_NEW_WORKFLOW_EXECUTION_RATE_EXCEEDED',
          'DEFAULT_CHILD_POLICY_UNDEFINED',
        ],
      };
      this.add(failedType, { cause: this.pick(causes[type] ?? ['OPERATION_NOT_PERMITTED']), ...dtc });
      return true;
    }
    const attrs = (Object.entries(d).find(([k]) => k.endsWith('DecisionAttributes'))?.[1] ?? {}) as Attrs;
    const recorded: Record<string, [string, ActivationResult['status']]> = {
      CompleteWorkflowExecution: ['WorkflowExecutionCompleted', 'COMPLETED'],
      FailWorkflowExecution: ['WorkflowExecutionFailed', 'FAILED'],
      CancelWorkflowExecution: ['WorkflowExecutionCanceled', 'CANCELED'],
      ContinueAsNewWorkflowExecution: ['WorkflowExecutionContinuedAsNew', 'CONTINUED_AS_NEW'],
    };
    const [eventType, status] = recorded[type] ?? ['WorkflowExecutionCompleted', 'COMPLETED'];
    const runNumber = Number(this.execution.runId.replace(/^run-/, ''));
    const newRunId = `run-${runNumber + 1}`;
    const event = { ...attrs };
    if (type === 'ContinueAsNewWorkflowExecution') {
      // The event names the new run and what it runs with (the decision's values or the type's defaults).
      Object.assign(event, {
        newExecutionRunId: newRunId,
        taskList: attrs.taskList ?? { name: 'main' },
        childPolicy: attrs.childPolicy ?? 'TERMINATE',
        workflowType: { name: this.options.type, version: attrs.workflowTypeVersion ?? '1.0' },
      });
      delete event.workflowTypeVersion;
    }
    this.add(eventType, { ...event, ...dtc });
    if (type === 'ContinueAsNewWorkflowExecution')
      this.successor = { runId: newRunId, previousRunId: this.execution.runId, attributes: attrs, time: this.time };
    this.closed = status;
    return false;
  }

  /**
   * A signal or cancel request this run sent to one of its children: delivered while the child is
   * open (a delivered cancel makes its close likelier canceled), refused with
   * UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION once it closed (its close event may already be recorded,
   * or come after the refusal in the same batch).
   */
  private settleRequestToChild(o: Open, done: () => void): void {
    const child = this.open.get(`child:${o.id}`);
    const signal = o.kind === 'signalExternal';
    if (child && this.chance(0.85)) {
      const runId =
        child.startedId > 0
          ? (this.events[child.startedId - 1] as Attrs).childWorkflowExecutionStartedEventAttributes.workflowExecution
              .runId
          : undefined;
      this.add(signal ? 'ExternalWorkflowExecutionSignaled' : 'ExternalWorkflowExecutionCancelRequested', {
        initiatedEventId: o.eventId,
        workflowExecution: { workflowId: o.id, ...(runId ? { runId } : {}) },
      });
      if (!signal) child.cancelRequested = o.eventId;
    } else {
      const kind = signal ? 'signalExternalWorkflowExecution' : 'requestCancelExternalWorkflowExecution';
      const a = (this.events[o.eventId - 1] as Attrs)[`${kind}InitiatedEventAttributes`] as Attrs;
      this.add(signal ? 'SignalExternalWorkflowExecutionFailed' : 'RequestCancelExternalWorkflowExecutionFailed', {
        workflowId: o.id,
        ...(a.runId ? { runId: a.runId } : {}),
        cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
        initiatedEventId: o.eventId,
        decisionTaskCompletedEventId: a.decisionTaskCompletedEventId,
      });
    }
    done();
  }

  /** The environment settles (or advances) an open thing in one of the ways SWF allows. */
  private settle(o: Open): void {
    const done = (): void => {
      for (const [k, v] of this.open) if (v === o) this.open.delete(k);
      this.needDecision();
    };
    switch (o.kind) {
      case 'activity': {
        const ref = { scheduledEventId: o.eventId, startedEventId: o.startedId };
        if (o.startedId === 0) {
          if (o.cancelRequested !== undefined && this.chance(0.5)) {
            this.add('ActivityTaskCanceled', { ...ref, latestCancelRequestedEventId: o.cancelRequested });
          } else if (this.chance(0.15)) {
            const timeoutType = this.chance(0.7) ? 'SCHEDULE_TO_START' : 'SCHEDULE_TO_CLOSE';
            this.add('ActivityTaskTimedOut', { ...ref, timeoutType });
          } else {
            o.startedId = this.add('ActivityTaskStarted', { scheduledEventId: o.eventId, identity: 'sim' });
            return;
          }
          return done();
        }
        const r = this.rng();
        if (o.cancelRequested !== undefined && r < 0.4)
          this.add('ActivityTaskCanceled', { ...ref, latestCancelRequestedEventId: o.cancelRequested });
        else if (r < 0.7) this.add('ActivityTaskCompleted', { ...ref, result: JSON.stringify(`r-${o.id}`) });
        else if (r < 0.85) this.add('ActivityTaskFailed', { ...ref, reason: 'Boom', details: '"it broke"' });
        else
          this.add('ActivityTaskTimedOut', {
            ...ref,
            timeoutType: this.pick(['START_TO_CLOSE', 'HEARTBEAT', 'SCHEDULE_TO_CLOSE']),
          });
        return done();
      }
      case 'timer':
        this.add('TimerFired', { timerId: o.id, startedEventId: o.eventId });
        return done();
      case 'childInitiated': {
        const initiated = this.events[o.eventId - 1] as Attrs;
        const a = initiated.startChildWorkflowExecutionInitiatedEventAttributes as Attrs;
        if (this.chance(0.1)) {
          this.add('StartChildWorkflowExecutionFailed', {
            workflowType: a.workflowType,
            workflowId: o.id,
            cause: 'WORKFLOW_ALREADY_RUNNING',
            initiatedEventId: o.eventId,
            decisionTaskCompletedEventId: a.decisionTaskCompletedEventId,
          });
          return done();
        }
        o.startedId = this.add('ChildWorkflowExecutionStarted', {
          initiatedEventId: o.eventId,
          workflowExecution: { workflowId: o.id, runId: `child-run-${++this.childSeq}` },
          workflowType: a.workflowType,
        });
        o.kind = 'child';
        this.needDecision();
        return;
      }
      case 'child': {
        const initiated = this.events[o.eventId - 1] as Attrs;
        const a = initiated.startChildWorkflowExecutionInitiatedEventAttributes as Attrs;
        const started = this.events[o.startedId - 1] as Attrs;
        const ref = {
          initiatedEventId: o.eventId,
          startedEventId: o.startedId,
          workflowType: a.workflowType,
          workflowExecution: started.childWorkflowExecutionStartedEventAttributes.workflowExecution,
        };
        // A child whose cancellation was requested mostly closes as canceled; it may still complete first.
        const r = o.cancelRequested !== undefined && this.chance(0.6) ? 0.85 : this.rng();
        if (r < 0.55) this.add('ChildWorkflowExecutionCompleted', { ...ref, result: '"kid done"' });
        else if (r < 0.7) this.add('ChildWorkflowExecutionFailed', { ...ref, reason: 'KidBoom', details: '"x"' });
        else if (r < 0.8) this.add('ChildWorkflowExecutionTimedOut', { ...ref, timeoutType: 'START_TO_CLOSE' });
        else if (r < 0.9) this.add('ChildWorkflowExecutionCanceled', { ...ref, details: '"stopped"' });
        else this.add('ChildWorkflowExecutionTerminated', ref);
        return done();
      }
      case 'signalExternal':
      case 'cancelExternal':
        if (this.childIds.has(o.id)) return this.settleRequestToChild(o, done);
    }
    switch (o.kind) {
      case 'signalExternal':
        if (this.chance(0.8))
          this.add('ExternalWorkflowExecutionSignaled', {
            initiatedEventId: o.eventId,
            workflowExecution: { workflowId: o.id, runId: 'other-run' },
          });
        else {
          const a = (this.events[o.eventId - 1] as Attrs)
            .signalExternalWorkflowExecutionInitiatedEventAttributes as Attrs;
          this.add('SignalExternalWorkflowExecutionFailed', {
            workflowId: o.id,
            cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
            initiatedEventId: o.eventId,
            decisionTaskCompletedEventId: a.decisionTaskCompletedEventId,
          });
        }
        return done();
      case 'cancelExternal':
        if (this.chance(0.8))
          this.add('ExternalWorkflowExecutionCancelRequested', {
            initiatedEventId: o.eventId,
            workflowExecution: { workflowId: o.id, runId: 'other-run' },
          });
        else {
          const a = (this.events[o.eventId - 1] as Attrs)
            .requestCancelExternalWorkflowExecutionInitiatedEventAttributes as Attrs;
          this.add('RequestCancelExternalWorkflowExecutionFailed', {
            workflowId: o.id,
            cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
            initiatedEventId: o.eventId,
            decisionTaskCompletedEventId: a.decisionTaskCompletedEventId,
          });
        }
        return done();
      case 'lambda': {
        if (o.startedId === 0 && this.chance(0.85)) {
          o.startedId = this.add('LambdaFunctionStarted', { scheduledEventId: o.eventId });
          return;
        }
        if (o.startedId === 0)
          this.add('StartLambdaFunctionFailed', { scheduledEventId: o.eventId, cause: 'ASSUME_ROLE_FAILED' });
        else {
          const ref = { scheduledEventId: o.eventId, startedEventId: o.startedId };
          const r = this.rng();
          if (r < 0.7) this.add('LambdaFunctionCompleted', { ...ref, result: '"fn done"' });
          else if (r < 0.85) this.add('LambdaFunctionFailed', { ...ref, reason: 'Err', details: '{}' });
          else this.add('LambdaFunctionTimedOut', { ...ref, timeoutType: 'START_TO_CLOSE' });
        }
        return done();
      }
    }
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
