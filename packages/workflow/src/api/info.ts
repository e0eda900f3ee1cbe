/** `workflowInfo()`: what the running workflow knows about its execution. */
import { currentStore } from '../runtime/storage.js';

/** The running execution, as `workflowInfo()` returns it. */
export interface WorkflowInfo {
  workflowId: string;
  runId: string;
  workflowType: { name: string; version: string };
  taskList: string;
  /** The raw input payload of WorkflowExecutionStarted. */
  input?: string;
  /** The parent execution, when this run is a child workflow. */
  parent?: { workflowId: string; runId: string };
  /**
   * The id of the parent's StartChildWorkflowExecutionInitiated event, when this run is a child
   * workflow (WorkflowExecutionStarted's `parentInitiatedEventId`).
   */
  parentInitiatedEventId?: number;
  /** The run this one continued from (continue-as-new). */
  continuedExecutionRunId?: string;
  /** Timeouts as SWF seconds strings (`'NONE'` for none). */
  executionStartToCloseTimeout?: string;
  taskStartToCloseTimeout?: string;
  childPolicy?: string;
  taskPriority?: string;
  tagList: string[];
  lambdaRole?: string;
  /**
   * When this run started (its WorkflowExecutionStarted event). A run started by continue-as-new
   * gets its own start time: SWF's history does not say when the first run of the chain started,
   * so there is no separate `runStartTime`.
   */
  startTime: Date;
  /** True while the code re-runs decision tasks that the history already answered. */
  isReplaying: boolean;
  /** True once the execution was asked to cancel (WorkflowExecutionCancelRequested). */
  cancelRequested: boolean;
  /**
   * The id of the last history event applied: how long the history is so far (SWF keeps at most
   * 25,000 events per run; continue as new well before that).
   */
  historyLength: number;
  /** The DecisionTaskStarted event id of the decision task being run. */
  currentDecisionTaskStartedEventId: number;
}

/**
 * Information about the running workflow execution (a fresh snapshot on each call). Everything
 * comes from the history, so it is the same on every replay. SWF has no workflow retries, cron
 * schedules, memos or search attributes, so there is no `attempt`, `cronSchedule`, `memo` or
 * `searchAttributes`; a continued run knows the run it continued from (`continuedExecutionRunId`).
 *
 * @example
 * ```ts
 * const { workflowId, isReplaying } = workflowInfo();
 * ```
 */
export function workflowInfo(): WorkflowInfo {
  const rt = currentStore('workflowInfo()').runtime;
  const s = rt.started;
  const info: WorkflowInfo = {
    workflowId: rt.execution.workflowId,
    runId: rt.execution.runId,
    workflowType: s ? { ...s.workflowType } : { name: '', version: '' },
    taskList: s?.taskList ?? '',
    tagList: [...(s?.tagList ?? [])],
    startTime: new Date(s?.startTime.getTime() ?? 0),
    isReplaying: rt.replaying,
    cancelRequested: rt.cancelRequested,
    historyLength: rt.lastEventId,
    currentDecisionTaskStartedEventId: rt.activation,
  };
  if (s?.input !== undefined) info.input = s.input;
  if (s?.parent) info.parent = { ...s.parent };
  if (s?.parentInitiatedEventId !== undefined) info.parentInitiatedEventId = s.parentInitiatedEventId;
  if (s?.continuedExecutionRunId) info.continuedExecutionRunId = s.continuedExecutionRunId;
  if (s?.executionStartToCloseTimeout) info.executionStartToCloseTimeout = s.executionStartToCloseTimeout;
  if (s?.taskStartToCloseTimeout) info.taskStartToCloseTimeout = s.taskStartToCloseTimeout;
  if (s?.childPolicy) info.childPolicy = s.childPolicy;
  if (s?.taskPriority) info.taskPriority = s.taskPriority;
  if (s?.lambdaRole) info.lambdaRole = s.lambdaRole;
  return info;
}
