/**
 * What the SWF model (`swf-sim.ts`) is told and what it hands back: the execution's options, a
 * decision task as a decider polls it, a finished run and how a continued run starts.
 */
import type { Decision, HistoryEvent } from '@swf-flow/common';
import type { ActivationResult } from '../executor.js';
import type { WorkflowsInput } from '../workflow-type.js';

/** An event's or a decision's attributes, as the model reads and writes them. */
export type Attrs = Record<string, any>;

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
