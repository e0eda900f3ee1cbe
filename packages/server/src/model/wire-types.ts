/**
 * The SWF API in wire form, generated from `model/service-2.json` by `scripts/generate-wire-types.ts`
 * (do not edit; run `npx tsx scripts/generate-wire-types.ts`): one type per shape an operation takes
 * or returns, members required as the model requires them, timestamps as epoch seconds.
 */

/** Unit of work sent to an activity worker. */
export interface ActivityTask {
  /** The opaque string used as a handle on the task. */
  taskToken: string;
  /** The unique ID of the task. */
  activityId: string;
  /** The ID of the ActivityTaskStarted event recorded in the history. */
  startedEventId: number;
  /** The workflow execution that started this activity task. */
  workflowExecution: WorkflowExecution;
  /** The type of this activity task. */
  activityType: ActivityType;
  /** The inputs provided when the activity task was scheduled. */
  input?: string;
}

/** Provides the details of the ActivityTaskCancelRequested event. */
export interface ActivityTaskCancelRequestedEventAttributes {
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the RequestCancelActivityTask decision for this cancellation request. */
  decisionTaskCompletedEventId: number;
  /** The unique ID of the task. */
  activityId: string;
}

/** Provides the details of the ActivityTaskCanceled event. */
export interface ActivityTaskCanceledEventAttributes {
  /** Details of the cancellation. */
  details?: string;
  /** The ID of the ActivityTaskScheduled event that was recorded when this activity task was scheduled. */
  scheduledEventId: number;
  /** The ID of the ActivityTaskStarted event recorded when this activity task was started. */
  startedEventId: number;
  /** If set, contains the ID of the last ActivityTaskCancelRequested event recorded for this activity task. */
  latestCancelRequestedEventId?: number;
}

/** Provides the details of the ActivityTaskCompleted event. */
export interface ActivityTaskCompletedEventAttributes {
  /** The results of the activity task. */
  result?: string;
  /** The ID of the ActivityTaskScheduled event that was recorded when this activity task was scheduled. */
  scheduledEventId: number;
  /** The ID of the ActivityTaskStarted event recorded when this activity task was started. */
  startedEventId: number;
}

/** Provides the details of the ActivityTaskFailed event. */
export interface ActivityTaskFailedEventAttributes {
  /** The reason provided for the failure. */
  reason?: string;
  /** The details of the failure. */
  details?: string;
  /** The ID of the ActivityTaskScheduled event that was recorded when this activity task was scheduled. */
  scheduledEventId: number;
  /** The ID of the ActivityTaskStarted event recorded when this activity task was started. */
  startedEventId: number;
}

/** Provides the details of the ActivityTaskScheduled event. */
export interface ActivityTaskScheduledEventAttributes {
  /** The type of the activity task. */
  activityType: ActivityType;
  /** The unique ID of the activity task. */
  activityId: string;
  /** The input provided to the activity task. */
  input?: string;
  /** Data attached to the event that can be used by the decider in subsequent workflow tasks. */
  control?: string;
  /** The maximum amount of time the activity task can wait to be assigned to a worker. */
  scheduleToStartTimeout?: string;
  /** The maximum amount of time for this activity task. */
  scheduleToCloseTimeout?: string;
  /** The maximum amount of time a worker may take to process the activity task. */
  startToCloseTimeout?: string;
  /** The task list in which the activity task has been scheduled. */
  taskList: TaskList;
  /** The priority to assign to the scheduled activity task. */
  taskPriority?: string;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision that resulted in the scheduling of this activity task. */
  decisionTaskCompletedEventId: number;
  /** The maximum time before which the worker processing this task must report progress by calling RecordActivityTaskHeartbeat. */
  heartbeatTimeout?: string;
}

/** Provides the details of the ActivityTaskStarted event. */
export interface ActivityTaskStartedEventAttributes {
  /** Identity of the worker that was assigned this task. */
  identity?: string;
  /** The ID of the ActivityTaskScheduled event that was recorded when this activity task was scheduled. */
  scheduledEventId: number;
}

/** Status information about an activity task. */
export interface ActivityTaskStatus {
  /** Set to true if cancellation of the task is requested. */
  cancelRequested: boolean;
}

/** Provides the details of the ActivityTaskTimedOut event. */
export interface ActivityTaskTimedOutEventAttributes {
  /** The type of the timeout that caused this event. */
  timeoutType: ActivityTaskTimeoutType;
  /** The ID of the ActivityTaskScheduled event that was recorded when this activity task was scheduled. */
  scheduledEventId: number;
  /** The ID of the ActivityTaskStarted event recorded when this activity task was started. */
  startedEventId: number;
  /** Contains the content of the details parameter for the last call made by the activity to RecordActivityTaskHeartbeat. */
  details?: string;
}

/** The values of `ActivityTaskTimeoutType`. */
export type ActivityTaskTimeoutType = 'START_TO_CLOSE' | 'SCHEDULE_TO_START' | 'SCHEDULE_TO_CLOSE' | 'HEARTBEAT';

/** Represents an activity type. */
export interface ActivityType {
  /** The name of this activity. */
  name: string;
  /** The version of this activity. */
  version: string;
}

/** Configuration settings registered with the activity type. */
export interface ActivityTypeConfiguration {
  /** The default maximum duration for tasks of an activity type specified when registering the activity type. */
  defaultTaskStartToCloseTimeout?: string;
  /** The default maximum time, in seconds, before which a worker processing a task must report progress by calling RecordActivityTaskHeartbeat. */
  defaultTaskHeartbeatTimeout?: string;
  /** The default task list specified for this activity type at registration. */
  defaultTaskList?: TaskList;
  /** The default task priority for tasks of this activity type, specified at registration. */
  defaultTaskPriority?: string;
  /** The default maximum duration, specified when registering the activity type, that a task of an activity type can wait before being assigned to a worker. */
  defaultTaskScheduleToStartTimeout?: string;
  /** The default maximum duration, specified when registering the activity type, for tasks of this activity type. */
  defaultTaskScheduleToCloseTimeout?: string;
}

/** Detailed information about an activity type. */
export interface ActivityTypeDetail {
  /** General information about the activity type. */
  typeInfo: ActivityTypeInfo;
  /** The configuration settings registered with the activity type. */
  configuration: ActivityTypeConfiguration;
}

/** Detailed information about an activity type. */
export interface ActivityTypeInfo {
  /** The ActivityType type structure representing the activity type. */
  activityType: ActivityType;
  /** The current status of the activity type. */
  status: RegistrationStatus;
  /** The description of the activity type provided in RegisterActivityType. */
  description?: string;
  /** The date and time this activity type was created through RegisterActivityType. Epoch seconds on the wire. */
  creationDate: number;
  /** If DEPRECATED, the date and time DeprecateActivityType was called. Epoch seconds on the wire. */
  deprecationDate?: number;
}

/** Contains a paginated list of activity type information structures. */
export interface ActivityTypeInfos {
  /** List of activity type information. */
  typeInfos: ActivityTypeInfo[];
  /** If a NextPageToken was returned by a previous call, there are more results available. */
  nextPageToken?: string;
}

/** Provides the details of the CancelTimer decision. */
export interface CancelTimerDecisionAttributes {
  /** The unique ID of the timer to cancel. */
  timerId: string;
}

/** The values of `CancelTimerFailedCause`. */
export type CancelTimerFailedCause = 'TIMER_ID_UNKNOWN' | 'OPERATION_NOT_PERMITTED';

/** Provides the details of the CancelTimerFailed event. */
export interface CancelTimerFailedEventAttributes {
  /** The timerId provided in the CancelTimer decision that failed. */
  timerId: string;
  /** The cause of the failure. */
  cause: CancelTimerFailedCause;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the CancelTimer decision to cancel this timer. */
  decisionTaskCompletedEventId: number;
}

/** Provides the details of the CancelWorkflowExecution decision. */
export interface CancelWorkflowExecutionDecisionAttributes {
  /** Details of the cancellation. */
  details?: string;
}

/** The values of `CancelWorkflowExecutionFailedCause`. */
export type CancelWorkflowExecutionFailedCause = 'UNHANDLED_DECISION' | 'OPERATION_NOT_PERMITTED';

/** Provides the details of the CancelWorkflowExecutionFailed event. */
export interface CancelWorkflowExecutionFailedEventAttributes {
  /** The cause of the failure. */
  cause: CancelWorkflowExecutionFailedCause;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the CancelWorkflowExecution decision for this cancellation request. */
  decisionTaskCompletedEventId: number;
}

/** The values of `ChildPolicy`. */
export type ChildPolicy = 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON';

/** Provide details of the ChildWorkflowExecutionCanceled event. */
export interface ChildWorkflowExecutionCanceledEventAttributes {
  /** The child workflow execution that was canceled. */
  workflowExecution: WorkflowExecution;
  /** The type of the child workflow execution. */
  workflowType: WorkflowType;
  /** Details of the cancellation (if provided). */
  details?: string;
  /** The ID of the StartChildWorkflowExecutionInitiated event corresponding to the StartChildWorkflowExecution Decision to start this child workflow execution. */
  initiatedEventId: number;
  /** The ID of the ChildWorkflowExecutionStarted event recorded when this child workflow execution was started. */
  startedEventId: number;
}

/** Provides the details of the ChildWorkflowExecutionCompleted event. */
export interface ChildWorkflowExecutionCompletedEventAttributes {
  /** The child workflow execution that was completed. */
  workflowExecution: WorkflowExecution;
  /** The type of the child workflow execution. */
  workflowType: WorkflowType;
  /** The result of the child workflow execution. */
  result?: string;
  /** The ID of the StartChildWorkflowExecutionInitiated event corresponding to the StartChildWorkflowExecution Decision to start this child workflow execution. */
  initiatedEventId: number;
  /** The ID of the ChildWorkflowExecutionStarted event recorded when this child workflow execution was started. */
  startedEventId: number;
}

/** Provides the details of the ChildWorkflowExecutionFailed event. */
export interface ChildWorkflowExecutionFailedEventAttributes {
  /** The child workflow execution that failed. */
  workflowExecution: WorkflowExecution;
  /** The type of the child workflow execution. */
  workflowType: WorkflowType;
  /** The reason for the failure (if provided). */
  reason?: string;
  /** The details of the failure (if provided). */
  details?: string;
  /** The ID of the StartChildWorkflowExecutionInitiated event corresponding to the StartChildWorkflowExecution Decision to start this child workflow execution. */
  initiatedEventId: number;
  /** The ID of the ChildWorkflowExecutionStarted event recorded when this child workflow execution was started. */
  startedEventId: number;
}

/** Provides the details of the ChildWorkflowExecutionStarted event. */
export interface ChildWorkflowExecutionStartedEventAttributes {
  /** The child workflow execution that was started. */
  workflowExecution: WorkflowExecution;
  /** The type of the child workflow execution. */
  workflowType: WorkflowType;
  /** The ID of the StartChildWorkflowExecutionInitiated event corresponding to the StartChildWorkflowExecution Decision to start this child workflow execution. */
  initiatedEventId: number;
}

/** Provides the details of the ChildWorkflowExecutionTerminated event. */
export interface ChildWorkflowExecutionTerminatedEventAttributes {
  /** The child workflow execution that was terminated. */
  workflowExecution: WorkflowExecution;
  /** The type of the child workflow execution. */
  workflowType: WorkflowType;
  /** The ID of the StartChildWorkflowExecutionInitiated event corresponding to the StartChildWorkflowExecution Decision to start this child workflow execution. */
  initiatedEventId: number;
  /** The ID of the ChildWorkflowExecutionStarted event recorded when this child workflow execution was started. */
  startedEventId: number;
}

/** Provides the details of the ChildWorkflowExecutionTimedOut event. */
export interface ChildWorkflowExecutionTimedOutEventAttributes {
  /** The child workflow execution that timed out. */
  workflowExecution: WorkflowExecution;
  /** The type of the child workflow execution. */
  workflowType: WorkflowType;
  /** The type of the timeout that caused the child workflow execution to time out. */
  timeoutType: WorkflowExecutionTimeoutType;
  /** The ID of the StartChildWorkflowExecutionInitiated event corresponding to the StartChildWorkflowExecution Decision to start this child workflow execution. */
  initiatedEventId: number;
  /** The ID of the ChildWorkflowExecutionStarted event recorded when this child workflow execution was started. */
  startedEventId: number;
}

/** The values of `CloseStatus`. */
export type CloseStatus = 'COMPLETED' | 'FAILED' | 'CANCELED' | 'TERMINATED' | 'CONTINUED_AS_NEW' | 'TIMED_OUT';

/** Used to filter the closed workflow executions in visibility APIs by their close status. */
export interface CloseStatusFilter {
  /** The close status that must match the close status of an execution for it to meet the criteria of this filter. */
  status: CloseStatus;
}

/** Provides the details of the CompleteWorkflowExecution decision. */
export interface CompleteWorkflowExecutionDecisionAttributes {
  /** The result of the workflow execution. */
  result?: string;
}

/** The values of `CompleteWorkflowExecutionFailedCause`. */
export type CompleteWorkflowExecutionFailedCause = 'UNHANDLED_DECISION' | 'OPERATION_NOT_PERMITTED';

/** Provides the details of the CompleteWorkflowExecutionFailed event. */
export interface CompleteWorkflowExecutionFailedEventAttributes {
  /** The cause of the failure. */
  cause: CompleteWorkflowExecutionFailedCause;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the CompleteWorkflowExecution decision to complete this execution. */
  decisionTaskCompletedEventId: number;
}

/** Provides the details of the ContinueAsNewWorkflowExecution decision. */
export interface ContinueAsNewWorkflowExecutionDecisionAttributes {
  /** The input provided to the new workflow execution. */
  input?: string;
  /** If set, specifies the total duration for this workflow execution. */
  executionStartToCloseTimeout?: string;
  /** The task list to use for the decisions of the new (continued) workflow execution. */
  taskList?: TaskList;
  /** The task priority that, if set, specifies the priority for the decision tasks for this workflow execution. */
  taskPriority?: string;
  /** Specifies the maximum duration of decision tasks for the new workflow execution. */
  taskStartToCloseTimeout?: string;
  /** If set, specifies the policy to use for the child workflow executions of the new execution if it is terminated by calling the TerminateWorkflowExecution action explicitly or due to an expired timeout. */
  childPolicy?: ChildPolicy;
  /** The list of tags to associate with the new workflow execution. */
  tagList?: string[];
  /** The version of the workflow to start. */
  workflowTypeVersion?: string;
  /** The IAM role to attach to the new (continued) execution. */
  lambdaRole?: string;
}

/** The values of `ContinueAsNewWorkflowExecutionFailedCause`. */
export type ContinueAsNewWorkflowExecutionFailedCause =
  | 'UNHANDLED_DECISION'
  | 'WORKFLOW_TYPE_DEPRECATED'
  | 'WORKFLOW_TYPE_DOES_NOT_EXIST'
  | 'DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED'
  | 'DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED'
  | 'DEFAULT_TASK_LIST_UNDEFINED'
  | 'DEFAULT_CHILD_POLICY_UNDEFINED'
  | 'CONTINUE_AS_NEW_WORKFLOW_EXECUTION_RATE_EXCEEDED'
  | 'OPERATION_NOT_PERMITTED';

/** Provides the details of the ContinueAsNewWorkflowExecutionFailed event. */
export interface ContinueAsNewWorkflowExecutionFailedEventAttributes {
  /** The cause of the failure. */
  cause: ContinueAsNewWorkflowExecutionFailedCause;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the ContinueAsNewWorkflowExecution decision that started this execution. */
  decisionTaskCompletedEventId: number;
}

/** The `CountClosedWorkflowExecutionsInput` shape. */
export interface CountClosedWorkflowExecutionsInput {
  /** The name of the domain containing the workflow executions to count. */
  domain: string;
  /** If specified, only workflow executions that meet the start time criteria of the filter are counted. */
  startTimeFilter?: ExecutionTimeFilter;
  /** If specified, only workflow executions that meet the close time criteria of the filter are counted. */
  closeTimeFilter?: ExecutionTimeFilter;
  /** If specified, only workflow executions matching the WorkflowId in the filter are counted. */
  executionFilter?: WorkflowExecutionFilter;
  /** If specified, indicates the type of the workflow executions to be counted. */
  typeFilter?: WorkflowTypeFilter;
  /** If specified, only executions that have a tag that matches the filter are counted. */
  tagFilter?: TagFilter;
  /** If specified, only workflow executions that match this close status are counted. */
  closeStatusFilter?: CloseStatusFilter;
}

/** The `CountOpenWorkflowExecutionsInput` shape. */
export interface CountOpenWorkflowExecutionsInput {
  /** The name of the domain containing the workflow executions to count. */
  domain: string;
  /** Specifies the start time criteria that workflow executions must meet in order to be counted. */
  startTimeFilter: ExecutionTimeFilter;
  /** Specifies the type of the workflow executions to be counted. */
  typeFilter?: WorkflowTypeFilter;
  /** If specified, only executions that have a tag that matches the filter are counted. */
  tagFilter?: TagFilter;
  /** If specified, only workflow executions matching the WorkflowId in the filter are counted. */
  executionFilter?: WorkflowExecutionFilter;
}

/** The `CountPendingActivityTasksInput` shape. */
export interface CountPendingActivityTasksInput {
  /** The name of the domain that contains the task list. */
  domain: string;
  /** The name of the task list. */
  taskList: TaskList;
}

/** The `CountPendingDecisionTasksInput` shape. */
export interface CountPendingDecisionTasksInput {
  /** The name of the domain that contains the task list. */
  domain: string;
  /** The name of the task list. */
  taskList: TaskList;
}

/** Specifies a decision made by the decider. */
export interface Decision {
  /** Specifies the type of the decision. */
  decisionType: DecisionType;
  /** Provides the details of the ScheduleActivityTask decision. */
  scheduleActivityTaskDecisionAttributes?: ScheduleActivityTaskDecisionAttributes;
  /** Provides the details of the RequestCancelActivityTask decision. */
  requestCancelActivityTaskDecisionAttributes?: RequestCancelActivityTaskDecisionAttributes;
  /** Provides the details of the CompleteWorkflowExecution decision. */
  completeWorkflowExecutionDecisionAttributes?: CompleteWorkflowExecutionDecisionAttributes;
  /** Provides the details of the FailWorkflowExecution decision. */
  failWorkflowExecutionDecisionAttributes?: FailWorkflowExecutionDecisionAttributes;
  /** Provides the details of the CancelWorkflowExecution decision. */
  cancelWorkflowExecutionDecisionAttributes?: CancelWorkflowExecutionDecisionAttributes;
  /** Provides the details of the ContinueAsNewWorkflowExecution decision. */
  continueAsNewWorkflowExecutionDecisionAttributes?: ContinueAsNewWorkflowExecutionDecisionAttributes;
  /** Provides the details of the RecordMarker decision. */
  recordMarkerDecisionAttributes?: RecordMarkerDecisionAttributes;
  /** Provides the details of the StartTimer decision. */
  startTimerDecisionAttributes?: StartTimerDecisionAttributes;
  /** Provides the details of the CancelTimer decision. */
  cancelTimerDecisionAttributes?: CancelTimerDecisionAttributes;
  /** Provides the details of the SignalExternalWorkflowExecution decision. */
  signalExternalWorkflowExecutionDecisionAttributes?: SignalExternalWorkflowExecutionDecisionAttributes;
  /** Provides the details of the RequestCancelExternalWorkflowExecution decision. */
  requestCancelExternalWorkflowExecutionDecisionAttributes?: RequestCancelExternalWorkflowExecutionDecisionAttributes;
  /** Provides the details of the StartChildWorkflowExecution decision. */
  startChildWorkflowExecutionDecisionAttributes?: StartChildWorkflowExecutionDecisionAttributes;
  /** Provides the details of the ScheduleLambdaFunction decision. */
  scheduleLambdaFunctionDecisionAttributes?: ScheduleLambdaFunctionDecisionAttributes;
}

/** A structure that represents a decision task. */
export interface DecisionTask {
  /** The opaque string used as a handle on the task. */
  taskToken: string;
  /** The ID of the DecisionTaskStarted event recorded in the history. */
  startedEventId: number;
  /** The workflow execution for which this decision task was created. */
  workflowExecution: WorkflowExecution;
  /** The type of the workflow execution for which this decision task was created. */
  workflowType: WorkflowType;
  /** A paginated list of history events of the workflow execution. */
  events: HistoryEvent[];
  /** If a NextPageToken was returned by a previous call, there are more results available. */
  nextPageToken?: string;
  /** The ID of the DecisionTaskStarted event of the previous decision task of this workflow execution that was processed by the decider. */
  previousStartedEventId?: number;
}

/** Provides the details of the DecisionTaskCompleted event. */
export interface DecisionTaskCompletedEventAttributes {
  /** User defined context for the workflow execution. */
  executionContext?: string;
  /** The ID of the DecisionTaskScheduled event that was recorded when this decision task was scheduled. */
  scheduledEventId: number;
  /** The ID of the DecisionTaskStarted event recorded when this decision task was started. */
  startedEventId: number;
  taskList?: TaskList;
  /** The maximum amount of time the decision task can wait to be assigned to a worker. */
  taskListScheduleToStartTimeout?: string;
}

/** Provides details about the DecisionTaskScheduled event. */
export interface DecisionTaskScheduledEventAttributes {
  /** The name of the task list in which the decision task was scheduled. */
  taskList: TaskList;
  /** A task priority that, if set, specifies the priority for this decision task. */
  taskPriority?: string;
  /** The maximum duration for this decision task. */
  startToCloseTimeout?: string;
  /** The maximum amount of time the decision task can wait to be assigned to a worker. */
  scheduleToStartTimeout?: string;
}

/** Provides the details of the DecisionTaskStarted event. */
export interface DecisionTaskStartedEventAttributes {
  /** Identity of the decider making the request. */
  identity?: string;
  /** The ID of the DecisionTaskScheduled event that was recorded when this decision task was scheduled. */
  scheduledEventId: number;
}

/** Provides the details of the DecisionTaskTimedOut event. */
export interface DecisionTaskTimedOutEventAttributes {
  /** The type of timeout that expired before the decision task could be completed. */
  timeoutType: DecisionTaskTimeoutType;
  /** The ID of the DecisionTaskScheduled event that was recorded when this decision task was scheduled. */
  scheduledEventId: number;
  /** The ID of the DecisionTaskStarted event recorded when this decision task was started. */
  startedEventId: number;
}

/** The values of `DecisionTaskTimeoutType`. */
export type DecisionTaskTimeoutType = 'START_TO_CLOSE' | 'SCHEDULE_TO_START';

/** The values of `DecisionType`. */
export type DecisionType =
  | 'ScheduleActivityTask'
  | 'RequestCancelActivityTask'
  | 'CompleteWorkflowExecution'
  | 'FailWorkflowExecution'
  | 'CancelWorkflowExecution'
  | 'ContinueAsNewWorkflowExecution'
  | 'RecordMarker'
  | 'StartTimer'
  | 'CancelTimer'
  | 'SignalExternalWorkflowExecution'
  | 'RequestCancelExternalWorkflowExecution'
  | 'StartChildWorkflowExecution'
  | 'ScheduleLambdaFunction';

/** The `DeleteActivityTypeInput` shape. */
export interface DeleteActivityTypeInput {
  /** The name of the domain in which the activity type is registered. */
  domain: string;
  /** The activity type to delete. */
  activityType: ActivityType;
}

/** The `DeleteWorkflowTypeInput` shape. */
export interface DeleteWorkflowTypeInput {
  /** The name of the domain in which the workflow type is registered. */
  domain: string;
  /** The workflow type to delete. */
  workflowType: WorkflowType;
}

/** The `DeprecateActivityTypeInput` shape. */
export interface DeprecateActivityTypeInput {
  /** The name of the domain in which the activity type is registered. */
  domain: string;
  /** The activity type to deprecate. */
  activityType: ActivityType;
}

/** The `DeprecateDomainInput` shape. */
export interface DeprecateDomainInput {
  /** The name of the domain to deprecate. */
  name: string;
}

/** The `DeprecateWorkflowTypeInput` shape. */
export interface DeprecateWorkflowTypeInput {
  /** The name of the domain in which the workflow type is registered. */
  domain: string;
  /** The workflow type to deprecate. */
  workflowType: WorkflowType;
}

/** The `DescribeActivityTypeInput` shape. */
export interface DescribeActivityTypeInput {
  /** The name of the domain in which the activity type is registered. */
  domain: string;
  /** The activity type to get information about. */
  activityType: ActivityType;
}

/** The `DescribeDomainInput` shape. */
export interface DescribeDomainInput {
  /** The name of the domain to describe. */
  name: string;
}

/** The `DescribeWorkflowExecutionInput` shape. */
export interface DescribeWorkflowExecutionInput {
  /** The name of the domain containing the workflow execution. */
  domain: string;
  /** The workflow execution to describe. */
  execution: WorkflowExecution;
}

/** The `DescribeWorkflowTypeInput` shape. */
export interface DescribeWorkflowTypeInput {
  /** The name of the domain in which this workflow type is registered. */
  domain: string;
  /** The workflow type to describe. */
  workflowType: WorkflowType;
}

/** Contains the configuration settings of a domain. */
export interface DomainConfiguration {
  /** The retention period for workflow executions in this domain. */
  workflowExecutionRetentionPeriodInDays: string;
}

/** Contains details of a domain. */
export interface DomainDetail {
  /** The basic information about a domain, such as its name, status, and description. */
  domainInfo: DomainInfo;
  /** The domain configuration. */
  configuration: DomainConfiguration;
}

/** Contains general information about a domain. */
export interface DomainInfo {
  /** The name of the domain. */
  name: string;
  /** The status of the domain: REGISTERED – The domain is properly registered and available. */
  status: RegistrationStatus;
  /** The description of the domain provided through RegisterDomain. */
  description?: string;
  /** The ARN of the domain. */
  arn?: string;
}

/** Contains a paginated collection of DomainInfo structures. */
export interface DomainInfos {
  /** A list of DomainInfo structures. */
  domainInfos: DomainInfo[];
  /** If a NextPageToken was returned by a previous call, there are more results available. */
  nextPageToken?: string;
}

/** The values of `EventType`. */
export type EventType =
  | 'WorkflowExecutionStarted'
  | 'WorkflowExecutionCancelRequested'
  | 'WorkflowExecutionCompleted'
  | 'CompleteWorkflowExecutionFailed'
  | 'WorkflowExecutionFailed'
  | 'FailWorkflowExecutionFailed'
  | 'WorkflowExecutionTimedOut'
  | 'WorkflowExecutionCanceled'
  | 'CancelWorkflowExecutionFailed'
  | 'WorkflowExecutionContinuedAsNew'
  | 'ContinueAsNewWorkflowExecutionFailed'
  | 'WorkflowExecutionTerminated'
  | 'DecisionTaskScheduled'
  | 'DecisionTaskStarted'
  | 'DecisionTaskCompleted'
  | 'DecisionTaskTimedOut'
  | 'ActivityTaskScheduled'
  | 'ScheduleActivityTaskFailed'
  | 'ActivityTaskStarted'
  | 'ActivityTaskCompleted'
  | 'ActivityTaskFailed'
  | 'ActivityTaskTimedOut'
  | 'ActivityTaskCanceled'
  | 'ActivityTaskCancelRequested'
  | 'RequestCancelActivityTaskFailed'
  | 'WorkflowExecutionSignaled'
  | 'MarkerRecorded'
  | 'RecordMarkerFailed'
  | 'TimerStarted'
  | 'StartTimerFailed'
  | 'TimerFired'
  | 'TimerCanceled'
  | 'CancelTimerFailed'
  | 'StartChildWorkflowExecutionInitiated'
  | 'StartChildWorkflowExecutionFailed'
  | 'ChildWorkflowExecutionStarted'
  | 'ChildWorkflowExecutionCompleted'
  | 'ChildWorkflowExecutionFailed'
  | 'ChildWorkflowExecutionTimedOut'
  | 'ChildWorkflowExecutionCanceled'
  | 'ChildWorkflowExecutionTerminated'
  | 'SignalExternalWorkflowExecutionInitiated'
  | 'SignalExternalWorkflowExecutionFailed'
  | 'ExternalWorkflowExecutionSignaled'
  | 'RequestCancelExternalWorkflowExecutionInitiated'
  | 'RequestCancelExternalWorkflowExecutionFailed'
  | 'ExternalWorkflowExecutionCancelRequested'
  | 'LambdaFunctionScheduled'
  | 'LambdaFunctionStarted'
  | 'LambdaFunctionCompleted'
  | 'LambdaFunctionFailed'
  | 'LambdaFunctionTimedOut'
  | 'ScheduleLambdaFunctionFailed'
  | 'StartLambdaFunctionFailed';

/** The values of `ExecutionStatus`. */
export type ExecutionStatus = 'OPEN' | 'CLOSED';

/** Used to filter the workflow executions in visibility APIs by various time-based rules. */
export interface ExecutionTimeFilter {
  /** Specifies the oldest start or close date and time to return. Epoch seconds on the wire. */
  oldestDate: number;
  /** Specifies the latest start or close date and time to return. Epoch seconds on the wire. */
  latestDate?: number;
}

/** Provides the details of the ExternalWorkflowExecutionCancelRequested event. */
export interface ExternalWorkflowExecutionCancelRequestedEventAttributes {
  /** The external workflow execution to which the cancellation request was delivered. */
  workflowExecution: WorkflowExecution;
  /** The ID of the RequestCancelExternalWorkflowExecutionInitiated event corresponding to the RequestCancelExternalWorkflowExecution decision to cancel this external workflow execution. */
  initiatedEventId: number;
}

/** Provides the details of the ExternalWorkflowExecutionSignaled event. */
export interface ExternalWorkflowExecutionSignaledEventAttributes {
  /** The external workflow execution that the signal was delivered to. */
  workflowExecution: WorkflowExecution;
  /** The ID of the SignalExternalWorkflowExecutionInitiated event corresponding to the SignalExternalWorkflowExecution decision to request this signal. */
  initiatedEventId: number;
}

/** Provides the details of the FailWorkflowExecution decision. */
export interface FailWorkflowExecutionDecisionAttributes {
  /** A descriptive reason for the failure that may help in diagnostics. */
  reason?: string;
  /** Details of the failure. */
  details?: string;
}

/** The values of `FailWorkflowExecutionFailedCause`. */
export type FailWorkflowExecutionFailedCause = 'UNHANDLED_DECISION' | 'OPERATION_NOT_PERMITTED';

/** Provides the details of the FailWorkflowExecutionFailed event. */
export interface FailWorkflowExecutionFailedEventAttributes {
  /** The cause of the failure. */
  cause: FailWorkflowExecutionFailedCause;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the FailWorkflowExecution decision to fail this execution. */
  decisionTaskCompletedEventId: number;
}

/** The `GetWorkflowExecutionHistoryInput` shape. */
export interface GetWorkflowExecutionHistoryInput {
  /** The name of the domain containing the workflow execution. */
  domain: string;
  /** Specifies the workflow execution for which to return the history. */
  execution: WorkflowExecution;
  /** If NextPageToken is returned there are more results available. */
  nextPageToken?: string;
  /** The maximum number of results that are returned per call. */
  maximumPageSize?: number;
  /** When set to true, returns the events in reverse order. */
  reverseOrder?: boolean;
}

/** Paginated representation of a workflow history for a workflow execution. */
export interface History {
  /** The list of history events. */
  events: HistoryEvent[];
  /** If a NextPageToken was returned by a previous call, there are more results available. */
  nextPageToken?: string;
}

/** Event within a workflow execution. */
export interface HistoryEvent {
  /** The date and time when the event occurred. Epoch seconds on the wire. */
  eventTimestamp: number;
  /** The type of the history event. */
  eventType: EventType;
  /** The system generated ID of the event. */
  eventId: number;
  /** If the event is of type WorkflowExecutionStarted then this member is set and provides detailed information about the event. */
  workflowExecutionStartedEventAttributes?: WorkflowExecutionStartedEventAttributes;
  /** If the event is of type WorkflowExecutionCompleted then this member is set and provides detailed information about the event. */
  workflowExecutionCompletedEventAttributes?: WorkflowExecutionCompletedEventAttributes;
  /** If the event is of type CompleteWorkflowExecutionFailed then this member is set and provides detailed information about the event. */
  completeWorkflowExecutionFailedEventAttributes?: CompleteWorkflowExecutionFailedEventAttributes;
  /** If the event is of type WorkflowExecutionFailed then this member is set and provides detailed information about the event. */
  workflowExecutionFailedEventAttributes?: WorkflowExecutionFailedEventAttributes;
  /** If the event is of type FailWorkflowExecutionFailed then this member is set and provides detailed information about the event. */
  failWorkflowExecutionFailedEventAttributes?: FailWorkflowExecutionFailedEventAttributes;
  /** If the event is of type WorkflowExecutionTimedOut then this member is set and provides detailed information about the event. */
  workflowExecutionTimedOutEventAttributes?: WorkflowExecutionTimedOutEventAttributes;
  /** If the event is of type WorkflowExecutionCanceled then this member is set and provides detailed information about the event. */
  workflowExecutionCanceledEventAttributes?: WorkflowExecutionCanceledEventAttributes;
  /** If the event is of type CancelWorkflowExecutionFailed then this member is set and provides detailed information about the event. */
  cancelWorkflowExecutionFailedEventAttributes?: CancelWorkflowExecutionFailedEventAttributes;
  /** If the event is of type WorkflowExecutionContinuedAsNew then this member is set and provides detailed information about the event. */
  workflowExecutionContinuedAsNewEventAttributes?: WorkflowExecutionContinuedAsNewEventAttributes;
  /** If the event is of type ContinueAsNewWorkflowExecutionFailed then this member is set and provides detailed information about the event. */
  continueAsNewWorkflowExecutionFailedEventAttributes?: ContinueAsNewWorkflowExecutionFailedEventAttributes;
  /** If the event is of type WorkflowExecutionTerminated then this member is set and provides detailed information about the event. */
  workflowExecutionTerminatedEventAttributes?: WorkflowExecutionTerminatedEventAttributes;
  /** If the event is of type WorkflowExecutionCancelRequested then this member is set and provides detailed information about the event. */
  workflowExecutionCancelRequestedEventAttributes?: WorkflowExecutionCancelRequestedEventAttributes;
  /** If the event is of type DecisionTaskScheduled then this member is set and provides detailed information about the event. */
  decisionTaskScheduledEventAttributes?: DecisionTaskScheduledEventAttributes;
  /** If the event is of type DecisionTaskStarted then this member is set and provides detailed information about the event. */
  decisionTaskStartedEventAttributes?: DecisionTaskStartedEventAttributes;
  /** If the event is of type DecisionTaskCompleted then this member is set and provides detailed information about the event. */
  decisionTaskCompletedEventAttributes?: DecisionTaskCompletedEventAttributes;
  /** If the event is of type DecisionTaskTimedOut then this member is set and provides detailed information about the event. */
  decisionTaskTimedOutEventAttributes?: DecisionTaskTimedOutEventAttributes;
  /** If the event is of type ActivityTaskScheduled then this member is set and provides detailed information about the event. */
  activityTaskScheduledEventAttributes?: ActivityTaskScheduledEventAttributes;
  /** If the event is of type ActivityTaskStarted then this member is set and provides detailed information about the event. */
  activityTaskStartedEventAttributes?: ActivityTaskStartedEventAttributes;
  /** If the event is of type ActivityTaskCompleted then this member is set and provides detailed information about the event. */
  activityTaskCompletedEventAttributes?: ActivityTaskCompletedEventAttributes;
  /** If the event is of type ActivityTaskFailed then this member is set and provides detailed information about the event. */
  activityTaskFailedEventAttributes?: ActivityTaskFailedEventAttributes;
  /** If the event is of type ActivityTaskTimedOut then this member is set and provides detailed information about the event. */
  activityTaskTimedOutEventAttributes?: ActivityTaskTimedOutEventAttributes;
  /** If the event is of type ActivityTaskCanceled then this member is set and provides detailed information about the event. */
  activityTaskCanceledEventAttributes?: ActivityTaskCanceledEventAttributes;
  /** If the event is of type ActivityTaskcancelRequested then this member is set and provides detailed information about the event. */
  activityTaskCancelRequestedEventAttributes?: ActivityTaskCancelRequestedEventAttributes;
  /** If the event is of type WorkflowExecutionSignaled then this member is set and provides detailed information about the event. */
  workflowExecutionSignaledEventAttributes?: WorkflowExecutionSignaledEventAttributes;
  /** If the event is of type MarkerRecorded then this member is set and provides detailed information about the event. */
  markerRecordedEventAttributes?: MarkerRecordedEventAttributes;
  /** If the event is of type DecisionTaskFailed then this member is set and provides detailed information about the event. */
  recordMarkerFailedEventAttributes?: RecordMarkerFailedEventAttributes;
  /** If the event is of type TimerStarted then this member is set and provides detailed information about the event. */
  timerStartedEventAttributes?: TimerStartedEventAttributes;
  /** If the event is of type TimerFired then this member is set and provides detailed information about the event. */
  timerFiredEventAttributes?: TimerFiredEventAttributes;
  /** If the event is of type TimerCanceled then this member is set and provides detailed information about the event. */
  timerCanceledEventAttributes?: TimerCanceledEventAttributes;
  /** If the event is of type StartChildWorkflowExecutionInitiated then this member is set and provides detailed information about the event. */
  startChildWorkflowExecutionInitiatedEventAttributes?: StartChildWorkflowExecutionInitiatedEventAttributes;
  /** If the event is of type ChildWorkflowExecutionStarted then this member is set and provides detailed information about the event. */
  childWorkflowExecutionStartedEventAttributes?: ChildWorkflowExecutionStartedEventAttributes;
  /** If the event is of type ChildWorkflowExecutionCompleted then this member is set and provides detailed information about the event. */
  childWorkflowExecutionCompletedEventAttributes?: ChildWorkflowExecutionCompletedEventAttributes;
  /** If the event is of type ChildWorkflowExecutionFailed then this member is set and provides detailed information about the event. */
  childWorkflowExecutionFailedEventAttributes?: ChildWorkflowExecutionFailedEventAttributes;
  /** If the event is of type ChildWorkflowExecutionTimedOut then this member is set and provides detailed information about the event. */
  childWorkflowExecutionTimedOutEventAttributes?: ChildWorkflowExecutionTimedOutEventAttributes;
  /** If the event is of type ChildWorkflowExecutionCanceled then this member is set and provides detailed information about the event. */
  childWorkflowExecutionCanceledEventAttributes?: ChildWorkflowExecutionCanceledEventAttributes;
  /** If the event is of type ChildWorkflowExecutionTerminated then this member is set and provides detailed information about the event. */
  childWorkflowExecutionTerminatedEventAttributes?: ChildWorkflowExecutionTerminatedEventAttributes;
  /** If the event is of type SignalExternalWorkflowExecutionInitiated then this member is set and provides detailed information about the event. */
  signalExternalWorkflowExecutionInitiatedEventAttributes?: SignalExternalWorkflowExecutionInitiatedEventAttributes;
  /** If the event is of type ExternalWorkflowExecutionSignaled then this member is set and provides detailed information about the event. */
  externalWorkflowExecutionSignaledEventAttributes?: ExternalWorkflowExecutionSignaledEventAttributes;
  /** If the event is of type SignalExternalWorkflowExecutionFailed then this member is set and provides detailed information about the event. */
  signalExternalWorkflowExecutionFailedEventAttributes?: SignalExternalWorkflowExecutionFailedEventAttributes;
  /** If the event is of type ExternalWorkflowExecutionCancelRequested then this member is set and provides detailed information about the event. */
  externalWorkflowExecutionCancelRequestedEventAttributes?: ExternalWorkflowExecutionCancelRequestedEventAttributes;
  /** If the event is of type RequestCancelExternalWorkflowExecutionInitiated then this member is set and provides detailed information about the event. */
  requestCancelExternalWorkflowExecutionInitiatedEventAttributes?: RequestCancelExternalWorkflowExecutionInitiatedEventAttributes;
  /** If the event is of type RequestCancelExternalWorkflowExecutionFailed then this member is set and provides detailed information about the event. */
  requestCancelExternalWorkflowExecutionFailedEventAttributes?: RequestCancelExternalWorkflowExecutionFailedEventAttributes;
  /** If the event is of type ScheduleActivityTaskFailed then this member is set and provides detailed information about the event. */
  scheduleActivityTaskFailedEventAttributes?: ScheduleActivityTaskFailedEventAttributes;
  /** If the event is of type RequestCancelActivityTaskFailed then this member is set and provides detailed information about the event. */
  requestCancelActivityTaskFailedEventAttributes?: RequestCancelActivityTaskFailedEventAttributes;
  /** If the event is of type StartTimerFailed then this member is set and provides detailed information about the event. */
  startTimerFailedEventAttributes?: StartTimerFailedEventAttributes;
  /** If the event is of type CancelTimerFailed then this member is set and provides detailed information about the event. */
  cancelTimerFailedEventAttributes?: CancelTimerFailedEventAttributes;
  /** If the event is of type StartChildWorkflowExecutionFailed then this member is set and provides detailed information about the event. */
  startChildWorkflowExecutionFailedEventAttributes?: StartChildWorkflowExecutionFailedEventAttributes;
  /** Provides the details of the LambdaFunctionScheduled event. */
  lambdaFunctionScheduledEventAttributes?: LambdaFunctionScheduledEventAttributes;
  /** Provides the details of the LambdaFunctionStarted event. */
  lambdaFunctionStartedEventAttributes?: LambdaFunctionStartedEventAttributes;
  /** Provides the details of the LambdaFunctionCompleted event. */
  lambdaFunctionCompletedEventAttributes?: LambdaFunctionCompletedEventAttributes;
  /** Provides the details of the LambdaFunctionFailed event. */
  lambdaFunctionFailedEventAttributes?: LambdaFunctionFailedEventAttributes;
  /** Provides the details of the LambdaFunctionTimedOut event. */
  lambdaFunctionTimedOutEventAttributes?: LambdaFunctionTimedOutEventAttributes;
  /** Provides the details of the ScheduleLambdaFunctionFailed event. */
  scheduleLambdaFunctionFailedEventAttributes?: ScheduleLambdaFunctionFailedEventAttributes;
  /** Provides the details of the StartLambdaFunctionFailed event. */
  startLambdaFunctionFailedEventAttributes?: StartLambdaFunctionFailedEventAttributes;
}

/** Provides the details of the LambdaFunctionCompleted event. */
export interface LambdaFunctionCompletedEventAttributes {
  /** The ID of the LambdaFunctionScheduled event that was recorded when this Lambda task was scheduled. */
  scheduledEventId: number;
  /** The ID of the LambdaFunctionStarted event recorded when this activity task started. */
  startedEventId: number;
  /** The results of the Lambda task. */
  result?: string;
}

/** Provides the details of the LambdaFunctionFailed event. */
export interface LambdaFunctionFailedEventAttributes {
  /** The ID of the LambdaFunctionScheduled event that was recorded when this activity task was scheduled. */
  scheduledEventId: number;
  /** The ID of the LambdaFunctionStarted event recorded when this activity task started. */
  startedEventId: number;
  /** The reason provided for the failure. */
  reason?: string;
  /** The details of the failure. */
  details?: string;
}

/** Provides the details of the LambdaFunctionScheduled event. */
export interface LambdaFunctionScheduledEventAttributes {
  /** The unique ID of the Lambda task. */
  id: string;
  /** The name of the Lambda function. */
  name: string;
  /** Data attached to the event that the decider can use in subsequent workflow tasks. */
  control?: string;
  /** The input provided to the Lambda task. */
  input?: string;
  /** The maximum amount of time a worker can take to process the Lambda task. */
  startToCloseTimeout?: string;
  /** The ID of the LambdaFunctionCompleted event corresponding to the decision that resulted in scheduling this activity task. */
  decisionTaskCompletedEventId: number;
}

/** Provides the details of the LambdaFunctionStarted event. */
export interface LambdaFunctionStartedEventAttributes {
  /** The ID of the LambdaFunctionScheduled event that was recorded when this activity task was scheduled. */
  scheduledEventId: number;
}

/** Provides details of the LambdaFunctionTimedOut event. */
export interface LambdaFunctionTimedOutEventAttributes {
  /** The ID of the LambdaFunctionScheduled event that was recorded when this activity task was scheduled. */
  scheduledEventId: number;
  /** The ID of the ActivityTaskStarted event that was recorded when this activity task started. */
  startedEventId: number;
  /** The type of the timeout that caused this event. */
  timeoutType?: LambdaFunctionTimeoutType;
}

/** The values of `LambdaFunctionTimeoutType`. */
export type LambdaFunctionTimeoutType = 'START_TO_CLOSE';

/** The `ListActivityTypesInput` shape. */
export interface ListActivityTypesInput {
  /** The name of the domain in which the activity types have been registered. */
  domain: string;
  /** If specified, only lists the activity types that have this name. */
  name?: string;
  /** Specifies the registration status of the activity types to list. */
  registrationStatus: RegistrationStatus;
  /** If NextPageToken is returned there are more results available. */
  nextPageToken?: string;
  /** The maximum number of results that are returned per call. */
  maximumPageSize?: number;
  /** When set to true, returns the results in reverse order. */
  reverseOrder?: boolean;
}

/** The `ListClosedWorkflowExecutionsInput` shape. */
export interface ListClosedWorkflowExecutionsInput {
  /** The name of the domain that contains the workflow executions to list. */
  domain: string;
  /** If specified, the workflow executions are included in the returned results based on whether their start times are within the range specified by this filter. */
  startTimeFilter?: ExecutionTimeFilter;
  /** If specified, the workflow executions are included in the returned results based on whether their close times are within the range specified by this filter. */
  closeTimeFilter?: ExecutionTimeFilter;
  /** If specified, only workflow executions matching the workflow ID specified in the filter are returned. */
  executionFilter?: WorkflowExecutionFilter;
  /** If specified, only workflow executions that match this close status are listed. */
  closeStatusFilter?: CloseStatusFilter;
  /** If specified, only executions of the type specified in the filter are returned. */
  typeFilter?: WorkflowTypeFilter;
  /** If specified, only executions that have the matching tag are listed. */
  tagFilter?: TagFilter;
  /** If NextPageToken is returned there are more results available. */
  nextPageToken?: string;
  /** The maximum number of results that are returned per call. */
  maximumPageSize?: number;
  /** When set to true, returns the results in reverse order. */
  reverseOrder?: boolean;
}

/** The `ListDomainsInput` shape. */
export interface ListDomainsInput {
  /** If NextPageToken is returned there are more results available. */
  nextPageToken?: string;
  /** Specifies the registration status of the domains to list. */
  registrationStatus: RegistrationStatus;
  /** The maximum number of results that are returned per call. */
  maximumPageSize?: number;
  /** When set to true, returns the results in reverse order. */
  reverseOrder?: boolean;
}

/** The `ListOpenWorkflowExecutionsInput` shape. */
export interface ListOpenWorkflowExecutionsInput {
  /** The name of the domain that contains the workflow executions to list. */
  domain: string;
  /** Workflow executions are included in the returned results based on whether their start times are within the range specified by this filter. */
  startTimeFilter: ExecutionTimeFilter;
  /** If specified, only executions of the type specified in the filter are returned. */
  typeFilter?: WorkflowTypeFilter;
  /** If specified, only executions that have the matching tag are listed. */
  tagFilter?: TagFilter;
  /** If NextPageToken is returned there are more results available. */
  nextPageToken?: string;
  /** The maximum number of results that are returned per call. */
  maximumPageSize?: number;
  /** When set to true, returns the results in reverse order. */
  reverseOrder?: boolean;
  /** If specified, only workflow executions matching the workflow ID specified in the filter are returned. */
  executionFilter?: WorkflowExecutionFilter;
}

/** The `ListTagsForResourceInput` shape. */
export interface ListTagsForResourceInput {
  /** The Amazon Resource Name (ARN) for the Amazon SWF domain. */
  resourceArn: string;
}

/** The `ListTagsForResourceOutput` shape. */
export interface ListTagsForResourceOutput {
  /** An array of tags associated with the domain. */
  tags?: ResourceTag[];
}

/** The `ListWorkflowTypesInput` shape. */
export interface ListWorkflowTypesInput {
  /** The name of the domain in which the workflow types have been registered. */
  domain: string;
  /** If specified, lists the workflow type with this name. */
  name?: string;
  /** Specifies the registration status of the workflow types to list. */
  registrationStatus: RegistrationStatus;
  /** If NextPageToken is returned there are more results available. */
  nextPageToken?: string;
  /** The maximum number of results that are returned per call. */
  maximumPageSize?: number;
  /** When set to true, returns the results in reverse order. */
  reverseOrder?: boolean;
}

/** Provides the details of the MarkerRecorded event. */
export interface MarkerRecordedEventAttributes {
  /** The name of the marker. */
  markerName: string;
  /** The details of the marker. */
  details?: string;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the RecordMarker decision that requested this marker. */
  decisionTaskCompletedEventId: number;
}

/** Contains the count of tasks in a task list. */
export interface PendingTaskCount {
  /** The number of tasks in the task list. */
  count: number;
  /** If set to true, indicates that the actual count was more than the maximum supported by this API and the count returned is the truncated value. */
  truncated?: boolean;
}

/** The `PollForActivityTaskInput` shape. */
export interface PollForActivityTaskInput {
  /** The name of the domain that contains the task lists being polled. */
  domain: string;
  /** Specifies the task list to poll for activity tasks. */
  taskList: TaskList;
  /** Identity of the worker making the request, recorded in the ActivityTaskStarted event in the workflow history. */
  identity?: string;
}

/** The `PollForDecisionTaskInput` shape. */
export interface PollForDecisionTaskInput {
  /** The name of the domain containing the task lists to poll. */
  domain: string;
  /** Specifies the task list to poll for decision tasks. */
  taskList: TaskList;
  /** Identity of the decider making the request, which is recorded in the DecisionTaskStarted event in the workflow history. */
  identity?: string;
  /** If NextPageToken is returned there are more results available. */
  nextPageToken?: string;
  /** The maximum number of results that are returned per call. */
  maximumPageSize?: number;
  /** When set to true, returns the events in reverse order. */
  reverseOrder?: boolean;
  /** When set to true, returns the events with eventTimestamp greater than or equal to eventTimestamp of the most recent DecisionTaskStarted event. */
  startAtPreviousStartedEvent?: boolean;
}

/** The `RecordActivityTaskHeartbeatInput` shape. */
export interface RecordActivityTaskHeartbeatInput {
  /** The taskToken of the ActivityTask. */
  taskToken: string;
  /** If specified, contains details about the progress of the task. */
  details?: string;
}

/** Provides the details of the RecordMarker decision. */
export interface RecordMarkerDecisionAttributes {
  /** The name of the marker. */
  markerName: string;
  /** The details of the marker. */
  details?: string;
}

/** The values of `RecordMarkerFailedCause`. */
export type RecordMarkerFailedCause = 'OPERATION_NOT_PERMITTED';

/** Provides the details of the RecordMarkerFailed event. */
export interface RecordMarkerFailedEventAttributes {
  /** The marker's name. */
  markerName: string;
  /** The cause of the failure. */
  cause: RecordMarkerFailedCause;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the RecordMarkerFailed decision for this cancellation request. */
  decisionTaskCompletedEventId: number;
}

/** The `RegisterActivityTypeInput` shape. */
export interface RegisterActivityTypeInput {
  /** The name of the domain in which this activity is to be registered. */
  domain: string;
  /** The name of the activity type within the domain. */
  name: string;
  /** The version of the activity type. */
  version: string;
  /** A textual description of the activity type. */
  description?: string;
  /** If set, specifies the default maximum duration that a worker can take to process tasks of this activity type. */
  defaultTaskStartToCloseTimeout?: string;
  /** If set, specifies the default maximum time before which a worker processing a task of this type must report progress by calling RecordActivityTaskHeartbeat. */
  defaultTaskHeartbeatTimeout?: string;
  /** If set, specifies the default task list to use for scheduling tasks of this activity type. */
  defaultTaskList?: TaskList;
  /** The default task priority to assign to the activity type. */
  defaultTaskPriority?: string;
  /** If set, specifies the default maximum duration that a task of this activity type can wait before being assigned to a worker. */
  defaultTaskScheduleToStartTimeout?: string;
  /** If set, specifies the default maximum duration for a task of this activity type. */
  defaultTaskScheduleToCloseTimeout?: string;
}

/** The `RegisterDomainInput` shape. */
export interface RegisterDomainInput {
  /** Name of the domain to register. */
  name: string;
  /** A text description of the domain. */
  description?: string;
  /** The duration (in days) that records and histories of workflow executions on the domain should be kept by the service. */
  workflowExecutionRetentionPeriodInDays: string;
  /** Tags to be added when registering a domain. */
  tags?: ResourceTag[];
}

/** The `RegisterWorkflowTypeInput` shape. */
export interface RegisterWorkflowTypeInput {
  /** The name of the domain in which to register the workflow type. */
  domain: string;
  /** The name of the workflow type. */
  name: string;
  /** The version of the workflow type. */
  version: string;
  /** Textual description of the workflow type. */
  description?: string;
  /** If set, specifies the default maximum duration of decision tasks for this workflow type. */
  defaultTaskStartToCloseTimeout?: string;
  /** If set, specifies the default maximum duration for executions of this workflow type. */
  defaultExecutionStartToCloseTimeout?: string;
  /** If set, specifies the default task list to use for scheduling decision tasks for executions of this workflow type. */
  defaultTaskList?: TaskList;
  /** The default task priority to assign to the workflow type. */
  defaultTaskPriority?: string;
  /** If set, specifies the default policy to use for the child workflow executions when a workflow execution of this type is terminated, by calling the TerminateWorkflowExecution action explicitly or due to an expired timeout. */
  defaultChildPolicy?: ChildPolicy;
  /** The default IAM role attached to this workflow type. */
  defaultLambdaRole?: string;
}

/** The values of `RegistrationStatus`. */
export type RegistrationStatus = 'REGISTERED' | 'DEPRECATED';

/** Provides the details of the RequestCancelActivityTask decision. */
export interface RequestCancelActivityTaskDecisionAttributes {
  /** The activityId of the activity task to be canceled. */
  activityId: string;
}

/** The values of `RequestCancelActivityTaskFailedCause`. */
export type RequestCancelActivityTaskFailedCause = 'ACTIVITY_ID_UNKNOWN' | 'OPERATION_NOT_PERMITTED';

/** Provides the details of the RequestCancelActivityTaskFailed event. */
export interface RequestCancelActivityTaskFailedEventAttributes {
  /** The activityId provided in the RequestCancelActivityTask decision that failed. */
  activityId: string;
  /** The cause of the failure. */
  cause: RequestCancelActivityTaskFailedCause;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the RequestCancelActivityTask decision for this cancellation request. */
  decisionTaskCompletedEventId: number;
}

/** Provides the details of the RequestCancelExternalWorkflowExecution decision. */
export interface RequestCancelExternalWorkflowExecutionDecisionAttributes {
  /** The workflowId of the external workflow execution to cancel. */
  workflowId: string;
  /** The runId of the external workflow execution to cancel. */
  runId?: string;
  /** The data attached to the event that can be used by the decider in subsequent workflow tasks. */
  control?: string;
}

/** The values of `RequestCancelExternalWorkflowExecutionFailedCause`. */
export type RequestCancelExternalWorkflowExecutionFailedCause =
  | 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION'
  | 'REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_RATE_EXCEEDED'
  | 'OPERATION_NOT_PERMITTED';

/** Provides the details of the RequestCancelExternalWorkflowExecutionFailed event. */
export interface RequestCancelExternalWorkflowExecutionFailedEventAttributes {
  /** The workflowId of the external workflow to which the cancel request was to be delivered. */
  workflowId: string;
  /** The runId of the external workflow execution. */
  runId?: string;
  /** The cause of the failure. */
  cause: RequestCancelExternalWorkflowExecutionFailedCause;
  /** The ID of the RequestCancelExternalWorkflowExecutionInitiated event corresponding to the RequestCancelExternalWorkflowExecution decision to cancel this external workflow execution. */
  initiatedEventId: number;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the RequestCancelExternalWorkflowExecution decision for this cancellation request. */
  decisionTaskCompletedEventId: number;
  /** The data attached to the event that the decider can use in subsequent workflow tasks. */
  control?: string;
}

/** Provides the details of the RequestCancelExternalWorkflowExecutionInitiated event. */
export interface RequestCancelExternalWorkflowExecutionInitiatedEventAttributes {
  /** The workflowId of the external workflow execution to be canceled. */
  workflowId: string;
  /** The runId of the external workflow execution to be canceled. */
  runId?: string;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the RequestCancelExternalWorkflowExecution decision for this cancellation request. */
  decisionTaskCompletedEventId: number;
  /** Data attached to the event that can be used by the decider in subsequent workflow tasks. */
  control?: string;
}

/** The `RequestCancelWorkflowExecutionInput` shape. */
export interface RequestCancelWorkflowExecutionInput {
  /** The name of the domain containing the workflow execution to cancel. */
  domain: string;
  /** The workflowId of the workflow execution to cancel. */
  workflowId: string;
  /** The runId of the workflow execution to cancel. */
  runId?: string;
}

/** Tags are key-value pairs that can be associated with Amazon SWF state machines and activities. */
export interface ResourceTag {
  /** The key of a tag. */
  key: string;
  /** The value of a tag. */
  value?: string;
}

/** The `RespondActivityTaskCanceledInput` shape. */
export interface RespondActivityTaskCanceledInput {
  /** The taskToken of the ActivityTask. */
  taskToken: string;
  /** Information about the cancellation. */
  details?: string;
}

/** The `RespondActivityTaskCompletedInput` shape. */
export interface RespondActivityTaskCompletedInput {
  /** The taskToken of the ActivityTask. */
  taskToken: string;
  /** The result of the activity task. */
  result?: string;
}

/** The `RespondActivityTaskFailedInput` shape. */
export interface RespondActivityTaskFailedInput {
  /** The taskToken of the ActivityTask. */
  taskToken: string;
  /** Description of the error that may assist in diagnostics. */
  reason?: string;
  /** Detailed information about the failure. */
  details?: string;
}

/** Input data for a TaskCompleted response to a decision task. */
export interface RespondDecisionTaskCompletedInput {
  /** The taskToken from the DecisionTask. */
  taskToken: string;
  /** The list of decisions (possibly empty) made by the decider while processing this decision task. */
  decisions?: Decision[];
  /** User defined context to add to workflow execution. */
  executionContext?: string;
  /** The task list to use for the future decision tasks of this workflow execution. */
  taskList?: TaskList;
  /** Specifies a timeout (in seconds) for the task list override. */
  taskListScheduleToStartTimeout?: string;
}

/** Specifies the runId of a workflow execution. */
export interface Run {
  /** The runId of a workflow execution. */
  runId?: string;
}

/** Provides the details of the ScheduleActivityTask decision. */
export interface ScheduleActivityTaskDecisionAttributes {
  /** The type of the activity task to schedule. */
  activityType: ActivityType;
  /** The activityId of the activity task. */
  activityId: string;
  /** Data attached to the event that can be used by the decider in subsequent workflow tasks. */
  control?: string;
  /** The input provided to the activity task. */
  input?: string;
  /** The maximum duration for this activity task. */
  scheduleToCloseTimeout?: string;
  /** If set, specifies the name of the task list in which to schedule the activity task. */
  taskList?: TaskList;
  /** If set, specifies the priority with which the activity task is to be assigned to a worker. */
  taskPriority?: string;
  /** If set, specifies the maximum duration the activity task can wait to be assigned to a worker. */
  scheduleToStartTimeout?: string;
  /** If set, specifies the maximum duration a worker may take to process this activity task. */
  startToCloseTimeout?: string;
  /** If set, specifies the maximum time before which a worker processing a task of this type must report progress by calling RecordActivityTaskHeartbeat. */
  heartbeatTimeout?: string;
}

/** The values of `ScheduleActivityTaskFailedCause`. */
export type ScheduleActivityTaskFailedCause =
  | 'ACTIVITY_TYPE_DEPRECATED'
  | 'ACTIVITY_TYPE_DOES_NOT_EXIST'
  | 'ACTIVITY_ID_ALREADY_IN_USE'
  | 'OPEN_ACTIVITIES_LIMIT_EXCEEDED'
  | 'ACTIVITY_CREATION_RATE_EXCEEDED'
  | 'DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED'
  | 'DEFAULT_TASK_LIST_UNDEFINED'
  | 'DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED'
  | 'DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED'
  | 'DEFAULT_HEARTBEAT_TIMEOUT_UNDEFINED'
  | 'OPERATION_NOT_PERMITTED';

/** Provides the details of the ScheduleActivityTaskFailed event. */
export interface ScheduleActivityTaskFailedEventAttributes {
  /** The activity type provided in the ScheduleActivityTask decision that failed. */
  activityType: ActivityType;
  /** The activityId provided in the ScheduleActivityTask decision that failed. */
  activityId: string;
  /** The cause of the failure. */
  cause: ScheduleActivityTaskFailedCause;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision that resulted in the scheduling of this activity task. */
  decisionTaskCompletedEventId: number;
}

/** Decision attributes specified in scheduleLambdaFunctionDecisionAttributes within the list of decisions decisions passed to RespondDecisionTaskCompleted. */
export interface ScheduleLambdaFunctionDecisionAttributes {
  /** A string that identifies the Lambda function execution in the event history. */
  id: string;
  /** The name, or ARN, of the Lambda function to schedule. */
  name: string;
  /** The data attached to the event that the decider can use in subsequent workflow tasks. */
  control?: string;
  /** The optional input data to be supplied to the Lambda function. */
  input?: string;
  /** The timeout value, in seconds, after which the Lambda function is considered to be failed once it has started. */
  startToCloseTimeout?: string;
}

/** The values of `ScheduleLambdaFunctionFailedCause`. */
export type ScheduleLambdaFunctionFailedCause =
  | 'ID_ALREADY_IN_USE'
  | 'OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED'
  | 'LAMBDA_FUNCTION_CREATION_RATE_EXCEEDED'
  | 'LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION';

/** Provides the details of the ScheduleLambdaFunctionFailed event. */
export interface ScheduleLambdaFunctionFailedEventAttributes {
  /** The ID provided in the ScheduleLambdaFunction decision that failed. */
  id: string;
  /** The name of the Lambda function. */
  name: string;
  /** The cause of the failure. */
  cause: ScheduleLambdaFunctionFailedCause;
  /** The ID of the LambdaFunctionCompleted event corresponding to the decision that resulted in scheduling this Lambda task. */
  decisionTaskCompletedEventId: number;
}

/** Provides the details of the SignalExternalWorkflowExecution decision. */
export interface SignalExternalWorkflowExecutionDecisionAttributes {
  /** The workflowId of the workflow execution to be signaled. */
  workflowId: string;
  /** The runId of the workflow execution to be signaled. */
  runId?: string;
  /** The name of the signal.The target workflow execution uses the signal name and input to process the signal. */
  signalName: string;
  /** The input data to be provided with the signal. */
  input?: string;
  /** The data attached to the event that can be used by the decider in subsequent decision tasks. */
  control?: string;
}

/** The values of `SignalExternalWorkflowExecutionFailedCause`. */
export type SignalExternalWorkflowExecutionFailedCause =
  | 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION'
  | 'SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_RATE_EXCEEDED'
  | 'OPERATION_NOT_PERMITTED';

/** Provides the details of the SignalExternalWorkflowExecutionFailed event. */
export interface SignalExternalWorkflowExecutionFailedEventAttributes {
  /** The workflowId of the external workflow execution that the signal was being delivered to. */
  workflowId: string;
  /** The runId of the external workflow execution that the signal was being delivered to. */
  runId?: string;
  /** The cause of the failure. */
  cause: SignalExternalWorkflowExecutionFailedCause;
  /** The ID of the SignalExternalWorkflowExecutionInitiated event corresponding to the SignalExternalWorkflowExecution decision to request this signal. */
  initiatedEventId: number;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the SignalExternalWorkflowExecution decision for this signal. */
  decisionTaskCompletedEventId: number;
  /** The data attached to the event that the decider can use in subsequent workflow tasks. */
  control?: string;
}

/** Provides the details of the SignalExternalWorkflowExecutionInitiated event. */
export interface SignalExternalWorkflowExecutionInitiatedEventAttributes {
  /** The workflowId of the external workflow execution. */
  workflowId: string;
  /** The runId of the external workflow execution to send the signal to. */
  runId?: string;
  /** The name of the signal. */
  signalName: string;
  /** The input provided to the signal. */
  input?: string;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the SignalExternalWorkflowExecution decision for this signal. */
  decisionTaskCompletedEventId: number;
  /** Data attached to the event that can be used by the decider in subsequent decision tasks. */
  control?: string;
}

/** The `SignalWorkflowExecutionInput` shape. */
export interface SignalWorkflowExecutionInput {
  /** The name of the domain containing the workflow execution to signal. */
  domain: string;
  /** The workflowId of the workflow execution to signal. */
  workflowId: string;
  /** The runId of the workflow execution to signal. */
  runId?: string;
  /** The name of the signal. */
  signalName: string;
  /** Data to attach to the WorkflowExecutionSignaled event in the target workflow execution's history. */
  input?: string;
}

/** Provides the details of the StartChildWorkflowExecution decision. */
export interface StartChildWorkflowExecutionDecisionAttributes {
  /** The type of the workflow execution to be started. */
  workflowType: WorkflowType;
  /** The workflowId of the workflow execution. */
  workflowId: string;
  /** The data attached to the event that can be used by the decider in subsequent workflow tasks. */
  control?: string;
  /** The input to be provided to the workflow execution. */
  input?: string;
  /** The total duration for this workflow execution. */
  executionStartToCloseTimeout?: string;
  /** The name of the task list to be used for decision tasks of the child workflow execution. */
  taskList?: TaskList;
  /** A task priority that, if set, specifies the priority for a decision task of this workflow execution. */
  taskPriority?: string;
  /** Specifies the maximum duration of decision tasks for this workflow execution. */
  taskStartToCloseTimeout?: string;
  /** If set, specifies the policy to use for the child workflow executions if the workflow execution being started is terminated by calling the TerminateWorkflowExecution action explicitly or due to an expired timeout. */
  childPolicy?: ChildPolicy;
  /** The list of tags to associate with the child workflow execution. */
  tagList?: string[];
  /** The IAM role attached to the child workflow execution. */
  lambdaRole?: string;
}

/** The values of `StartChildWorkflowExecutionFailedCause`. */
export type StartChildWorkflowExecutionFailedCause =
  | 'WORKFLOW_TYPE_DOES_NOT_EXIST'
  | 'WORKFLOW_TYPE_DEPRECATED'
  | 'OPEN_CHILDREN_LIMIT_EXCEEDED'
  | 'OPEN_WORKFLOWS_LIMIT_EXCEEDED'
  | 'CHILD_CREATION_RATE_EXCEEDED'
  | 'WORKFLOW_ALREADY_RUNNING'
  | 'DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED'
  | 'DEFAULT_TASK_LIST_UNDEFINED'
  | 'DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED'
  | 'DEFAULT_CHILD_POLICY_UNDEFINED'
  | 'OPERATION_NOT_PERMITTED';

/** Provides the details of the StartChildWorkflowExecutionFailed event. */
export interface StartChildWorkflowExecutionFailedEventAttributes {
  /** The workflow type provided in the StartChildWorkflowExecution Decision that failed. */
  workflowType: WorkflowType;
  /** The cause of the failure. */
  cause: StartChildWorkflowExecutionFailedCause;
  /** The workflowId of the child workflow execution. */
  workflowId: string;
  /** When the cause is WORKFLOW_ALREADY_RUNNING, initiatedEventId is the ID of the StartChildWorkflowExecutionInitiated event that corresponds to the StartChildWorkflowExecution Decision to start the workflow execution. */
  initiatedEventId: number;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the StartChildWorkflowExecution Decision to request this child workflow execution. */
  decisionTaskCompletedEventId: number;
  /** The data attached to the event that the decider can use in subsequent workflow tasks. */
  control?: string;
}

/** Provides the details of the StartChildWorkflowExecutionInitiated event. */
export interface StartChildWorkflowExecutionInitiatedEventAttributes {
  /** The workflowId of the child workflow execution. */
  workflowId: string;
  /** The type of the child workflow execution. */
  workflowType: WorkflowType;
  /** Data attached to the event that can be used by the decider in subsequent decision tasks. */
  control?: string;
  /** The inputs provided to the child workflow execution. */
  input?: string;
  /** The maximum duration for the child workflow execution. */
  executionStartToCloseTimeout?: string;
  /** The name of the task list used for the decision tasks of the child workflow execution. */
  taskList: TaskList;
  /** The priority assigned for the decision tasks for this workflow execution. */
  taskPriority?: string;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the StartChildWorkflowExecution Decision to request this child workflow execution. */
  decisionTaskCompletedEventId: number;
  /** The policy to use for the child workflow executions if this execution gets terminated by explicitly calling the TerminateWorkflowExecution action or due to an expired timeout. */
  childPolicy: ChildPolicy;
  /** The maximum duration allowed for the decision tasks for this workflow execution. */
  taskStartToCloseTimeout?: string;
  /** The list of tags to associated with the child workflow execution. */
  tagList?: string[];
  /** The IAM role to attach to the child workflow execution. */
  lambdaRole?: string;
}

/** The values of `StartLambdaFunctionFailedCause`. */
export type StartLambdaFunctionFailedCause = 'ASSUME_ROLE_FAILED';

/** Provides the details of the StartLambdaFunctionFailed event. */
export interface StartLambdaFunctionFailedEventAttributes {
  /** The ID of the ActivityTaskScheduled event that was recorded when this activity task was scheduled. */
  scheduledEventId?: number;
  /** The cause of the failure. */
  cause?: StartLambdaFunctionFailedCause;
  /** A description that can help diagnose the cause of the fault. */
  message?: string;
}

/** Provides the details of the StartTimer decision. */
export interface StartTimerDecisionAttributes {
  /** The unique ID of the timer. */
  timerId: string;
  /** The data attached to the event that can be used by the decider in subsequent workflow tasks. */
  control?: string;
  /** The duration to wait before firing the timer. */
  startToFireTimeout: string;
}

/** The values of `StartTimerFailedCause`. */
export type StartTimerFailedCause =
  'TIMER_ID_ALREADY_IN_USE' | 'OPEN_TIMERS_LIMIT_EXCEEDED' | 'TIMER_CREATION_RATE_EXCEEDED' | 'OPERATION_NOT_PERMITTED';

/** Provides the details of the StartTimerFailed event. */
export interface StartTimerFailedEventAttributes {
  /** The timerId provided in the StartTimer decision that failed. */
  timerId: string;
  /** The cause of the failure. */
  cause: StartTimerFailedCause;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the StartTimer decision for this activity task. */
  decisionTaskCompletedEventId: number;
}

/** The `StartWorkflowExecutionInput` shape. */
export interface StartWorkflowExecutionInput {
  /** The name of the domain in which the workflow execution is created. */
  domain: string;
  /** The user defined identifier associated with the workflow execution. */
  workflowId: string;
  /** The type of the workflow to start. */
  workflowType: WorkflowType;
  /** The task list to use for the decision tasks generated for this workflow execution. */
  taskList?: TaskList;
  /** The task priority to use for this workflow execution. */
  taskPriority?: string;
  /** The input for the workflow execution. */
  input?: string;
  /** The total duration for this workflow execution. */
  executionStartToCloseTimeout?: string;
  /** The list of tags to associate with the workflow execution. */
  tagList?: string[];
  /** Specifies the maximum duration of decision tasks for this workflow execution. */
  taskStartToCloseTimeout?: string;
  /** If set, specifies the policy to use for the child workflow executions of this workflow execution if it is terminated, by calling the TerminateWorkflowExecution action explicitly or due to an expired timeout. */
  childPolicy?: ChildPolicy;
  /** The IAM role to attach to this workflow execution. */
  lambdaRole?: string;
}

/** Used to filter the workflow executions in visibility APIs based on a tag. */
export interface TagFilter {
  /** Specifies the tag that must be associated with the execution for it to meet the filter criteria. */
  tag: string;
}

/** The `TagResourceInput` shape. */
export interface TagResourceInput {
  /** The Amazon Resource Name (ARN) for the Amazon SWF domain. */
  resourceArn: string;
  /** The list of tags to add to a domain. */
  tags: ResourceTag[];
}

/** Represents a task list. */
export interface TaskList {
  /** The name of the task list. */
  name: string;
}

/** The `TerminateWorkflowExecutionInput` shape. */
export interface TerminateWorkflowExecutionInput {
  /** The domain of the workflow execution to terminate. */
  domain: string;
  /** The workflowId of the workflow execution to terminate. */
  workflowId: string;
  /** The runId of the workflow execution to terminate. */
  runId?: string;
  /** A descriptive reason for terminating the workflow execution. */
  reason?: string;
  /** Details for terminating the workflow execution. */
  details?: string;
  /** If set, specifies the policy to use for the child workflow executions of the workflow execution being terminated. */
  childPolicy?: ChildPolicy;
}

/** Provides the details of the TimerCanceled event. */
export interface TimerCanceledEventAttributes {
  /** The unique ID of the timer that was canceled. */
  timerId: string;
  /** The ID of the TimerStarted event that was recorded when this timer was started. */
  startedEventId: number;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the CancelTimer decision to cancel this timer. */
  decisionTaskCompletedEventId: number;
}

/** Provides the details of the TimerFired event. */
export interface TimerFiredEventAttributes {
  /** The unique ID of the timer that fired. */
  timerId: string;
  /** The ID of the TimerStarted event that was recorded when this timer was started. */
  startedEventId: number;
}

/** Provides the details of the TimerStarted event. */
export interface TimerStartedEventAttributes {
  /** The unique ID of the timer that was started. */
  timerId: string;
  /** Data attached to the event that can be used by the decider in subsequent workflow tasks. */
  control?: string;
  /** The duration of time after which the timer fires. */
  startToFireTimeout: string;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the StartTimer decision for this activity task. */
  decisionTaskCompletedEventId: number;
}

/** The `UndeprecateActivityTypeInput` shape. */
export interface UndeprecateActivityTypeInput {
  /** The name of the domain of the deprecated activity type. */
  domain: string;
  /** The activity type to undeprecate. */
  activityType: ActivityType;
}

/** The `UndeprecateDomainInput` shape. */
export interface UndeprecateDomainInput {
  /** The name of the domain of the deprecated workflow type. */
  name: string;
}

/** The `UndeprecateWorkflowTypeInput` shape. */
export interface UndeprecateWorkflowTypeInput {
  /** The name of the domain of the deprecated workflow type. */
  domain: string;
  /** The name of the domain of the deprecated workflow type. */
  workflowType: WorkflowType;
}

/** The `UntagResourceInput` shape. */
export interface UntagResourceInput {
  /** The Amazon Resource Name (ARN) for the Amazon SWF domain. */
  resourceArn: string;
  /** The list of tags to remove from the Amazon SWF domain. */
  tagKeys: string[];
}

/** Represents a workflow execution. */
export interface WorkflowExecution {
  /** The user defined identifier associated with the workflow execution. */
  workflowId: string;
  /** A system-generated unique identifier for the workflow execution. */
  runId: string;
}

/** The values of `WorkflowExecutionCancelRequestedCause`. */
export type WorkflowExecutionCancelRequestedCause = 'CHILD_POLICY_APPLIED';

/** Provides the details of the WorkflowExecutionCancelRequested event. */
export interface WorkflowExecutionCancelRequestedEventAttributes {
  /** The external workflow execution for which the cancellation was requested. */
  externalWorkflowExecution?: WorkflowExecution;
  /** The ID of the RequestCancelExternalWorkflowExecutionInitiated event corresponding to the RequestCancelExternalWorkflowExecution decision to cancel this workflow execution.The source event with this ID can be found in the history of the source workflow execution. */
  externalInitiatedEventId?: number;
  /** If set, indicates that the request to cancel the workflow execution was automatically generated, and specifies the cause. */
  cause?: WorkflowExecutionCancelRequestedCause;
}

/** Provides the details of the WorkflowExecutionCanceled event. */
export interface WorkflowExecutionCanceledEventAttributes {
  /** The details of the cancellation. */
  details?: string;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the CancelWorkflowExecution decision for this cancellation request. */
  decisionTaskCompletedEventId: number;
}

/** Provides the details of the WorkflowExecutionCompleted event. */
export interface WorkflowExecutionCompletedEventAttributes {
  /** The result produced by the workflow execution upon successful completion. */
  result?: string;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the CompleteWorkflowExecution decision to complete this execution. */
  decisionTaskCompletedEventId: number;
}

/** The configuration settings for a workflow execution including timeout values, tasklist etc. */
export interface WorkflowExecutionConfiguration {
  /** The maximum duration allowed for decision tasks for this workflow execution. */
  taskStartToCloseTimeout: string;
  /** The total duration for this workflow execution. */
  executionStartToCloseTimeout: string;
  /** The task list used for the decision tasks generated for this workflow execution. */
  taskList: TaskList;
  /** The priority assigned to decision tasks for this workflow execution. */
  taskPriority?: string;
  /** The policy to use for the child workflow executions if this workflow execution is terminated, by calling the TerminateWorkflowExecution action explicitly or due to an expired timeout. */
  childPolicy: ChildPolicy;
  /** The IAM role attached to the child workflow execution. */
  lambdaRole?: string;
}

/** Provides the details of the WorkflowExecutionContinuedAsNew event. */
export interface WorkflowExecutionContinuedAsNewEventAttributes {
  /** The input provided to the new workflow execution. */
  input?: string;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the ContinueAsNewWorkflowExecution decision that started this execution. */
  decisionTaskCompletedEventId: number;
  /** The runId of the new workflow execution. */
  newExecutionRunId: string;
  /** The total duration allowed for the new workflow execution. */
  executionStartToCloseTimeout?: string;
  /** The task list to use for the decisions of the new (continued) workflow execution. */
  taskList: TaskList;
  /** The priority of the task to use for the decisions of the new (continued) workflow execution. */
  taskPriority?: string;
  /** The maximum duration of decision tasks for the new workflow execution. */
  taskStartToCloseTimeout?: string;
  /** The policy to use for the child workflow executions of the new execution if it is terminated by calling the TerminateWorkflowExecution action explicitly or due to an expired timeout. */
  childPolicy: ChildPolicy;
  /** The list of tags associated with the new workflow execution. */
  tagList?: string[];
  /** The workflow type of this execution. */
  workflowType: WorkflowType;
  /** The IAM role to attach to the new (continued) workflow execution. */
  lambdaRole?: string;
}

/** Contains the count of workflow executions returned from CountOpenWorkflowExecutions or CountClosedWorkflowExecutions */
export interface WorkflowExecutionCount {
  /** The number of workflow executions. */
  count: number;
  /** If set to true, indicates that the actual count was more than the maximum supported by this API and the count returned is the truncated value. */
  truncated?: boolean;
}

/** Contains details about a workflow execution. */
export interface WorkflowExecutionDetail {
  /** Information about the workflow execution. */
  executionInfo: WorkflowExecutionInfo;
  /** The configuration settings for this workflow execution including timeout values, tasklist etc. */
  executionConfiguration: WorkflowExecutionConfiguration;
  /** The number of tasks for this workflow execution. */
  openCounts: WorkflowExecutionOpenCounts;
  /** The time when the last activity task was scheduled for this workflow execution. Epoch seconds on the wire. */
  latestActivityTaskTimestamp?: number;
  /** The latest executionContext provided by the decider for this workflow execution. */
  latestExecutionContext?: string;
}

/** Provides the details of the WorkflowExecutionFailed event. */
export interface WorkflowExecutionFailedEventAttributes {
  /** The descriptive reason provided for the failure. */
  reason?: string;
  /** The details of the failure. */
  details?: string;
  /** The ID of the DecisionTaskCompleted event corresponding to the decision task that resulted in the FailWorkflowExecution decision to fail this execution. */
  decisionTaskCompletedEventId: number;
}

/** Used to filter the workflow executions in visibility APIs by their workflowId. */
export interface WorkflowExecutionFilter {
  /** The workflowId to pass of match the criteria of this filter. */
  workflowId: string;
}

/** Contains information about a workflow execution. */
export interface WorkflowExecutionInfo {
  /** The workflow execution this information is about. */
  execution: WorkflowExecution;
  /** The type of the workflow execution. */
  workflowType: WorkflowType;
  /** The time when the execution was started. Epoch seconds on the wire. */
  startTimestamp: number;
  /** The time when the workflow execution was closed. Epoch seconds on the wire. */
  closeTimestamp?: number;
  /** The current status of the execution. */
  executionStatus: ExecutionStatus;
  /** If the execution status is closed then this specifies how the execution was closed: COMPLETED – the execution was successfully completed. */
  closeStatus?: CloseStatus;
  /** If this workflow execution is a child of another execution then contains the workflow execution that started this execution. */
  parent?: WorkflowExecution;
  /** The list of tags associated with the workflow execution. */
  tagList?: string[];
  /** Set to true if a cancellation is requested for this workflow execution. */
  cancelRequested?: boolean;
}

/** Contains a paginated list of information about workflow executions. */
export interface WorkflowExecutionInfos {
  /** The list of workflow information structures. */
  executionInfos: WorkflowExecutionInfo[];
  /** If a NextPageToken was returned by a previous call, there are more results available. */
  nextPageToken?: string;
}

/** Contains the counts of open tasks, child workflow executions and timers for a workflow execution. */
export interface WorkflowExecutionOpenCounts {
  /** The count of activity tasks whose status is OPEN. */
  openActivityTasks: number;
  /** The count of decision tasks whose status is OPEN. */
  openDecisionTasks: number;
  /** The count of timers started by this workflow execution that have not fired yet. */
  openTimers: number;
  /** The count of child workflow executions whose status is OPEN. */
  openChildWorkflowExecutions: number;
  /** The count of Lambda tasks whose status is OPEN. */
  openLambdaFunctions?: number;
}

/** Provides the details of the WorkflowExecutionSignaled event. */
export interface WorkflowExecutionSignaledEventAttributes {
  /** The name of the signal received. */
  signalName: string;
  /** The inputs provided with the signal. */
  input?: string;
  /** The workflow execution that sent the signal. */
  externalWorkflowExecution?: WorkflowExecution;
  /** The ID of the SignalExternalWorkflowExecutionInitiated event corresponding to the SignalExternalWorkflow decision to signal this workflow execution.The source event with this ID can be found in the history of the source workflow execution. */
  externalInitiatedEventId?: number;
}

/** Provides details of WorkflowExecutionStarted event. */
export interface WorkflowExecutionStartedEventAttributes {
  /** The input provided to the workflow execution. */
  input?: string;
  /** The maximum duration for this workflow execution. */
  executionStartToCloseTimeout?: string;
  /** The maximum duration of decision tasks for this workflow type. */
  taskStartToCloseTimeout?: string;
  /** The policy to use for the child workflow executions if this workflow execution is terminated, by calling the TerminateWorkflowExecution action explicitly or due to an expired timeout. */
  childPolicy: ChildPolicy;
  /** The name of the task list for scheduling the decision tasks for this workflow execution. */
  taskList: TaskList;
  /** The priority of the decision tasks in the workflow execution. */
  taskPriority?: string;
  /** The workflow type of this execution. */
  workflowType: WorkflowType;
  /** The list of tags associated with this workflow execution. */
  tagList?: string[];
  /** If this workflow execution was started due to a ContinueAsNewWorkflowExecution decision, then it contains the runId of the previous workflow execution that was closed and continued as this execution. */
  continuedExecutionRunId?: string;
  /** The source workflow execution that started this workflow execution. */
  parentWorkflowExecution?: WorkflowExecution;
  /** The ID of the StartChildWorkflowExecutionInitiated event corresponding to the StartChildWorkflowExecution Decision to start this workflow execution. */
  parentInitiatedEventId?: number;
  /** The IAM role attached to the workflow execution. */
  lambdaRole?: string;
}

/** The values of `WorkflowExecutionTerminatedCause`. */
export type WorkflowExecutionTerminatedCause = 'CHILD_POLICY_APPLIED' | 'EVENT_LIMIT_EXCEEDED' | 'OPERATOR_INITIATED';

/** Provides the details of the WorkflowExecutionTerminated event. */
export interface WorkflowExecutionTerminatedEventAttributes {
  /** The reason provided for the termination. */
  reason?: string;
  /** The details provided for the termination. */
  details?: string;
  /** The policy used for the child workflow executions of this workflow execution. */
  childPolicy: ChildPolicy;
  /** If set, indicates that the workflow execution was automatically terminated, and specifies the cause. */
  cause?: WorkflowExecutionTerminatedCause;
}

/** Provides the details of the WorkflowExecutionTimedOut event. */
export interface WorkflowExecutionTimedOutEventAttributes {
  /** The type of timeout that caused this event. */
  timeoutType: WorkflowExecutionTimeoutType;
  /** The policy used for the child workflow executions of this workflow execution. */
  childPolicy: ChildPolicy;
}

/** The values of `WorkflowExecutionTimeoutType`. */
export type WorkflowExecutionTimeoutType = 'START_TO_CLOSE';

/** Represents a workflow type. */
export interface WorkflowType {
  /** The name of the workflow type. */
  name: string;
  /** The version of the workflow type. */
  version: string;
}

/** The configuration settings of a workflow type. */
export interface WorkflowTypeConfiguration {
  /** The default maximum duration, specified when registering the workflow type, that a decision task for executions of this workflow type might take before returning completion or failure. */
  defaultTaskStartToCloseTimeout?: string;
  /** The default maximum duration, specified when registering the workflow type, for executions of this workflow type. */
  defaultExecutionStartToCloseTimeout?: string;
  /** The default task list, specified when registering the workflow type, for decisions tasks scheduled for workflow executions of this type. */
  defaultTaskList?: TaskList;
  /** The default task priority, specified when registering the workflow type, for all decision tasks of this workflow type. */
  defaultTaskPriority?: string;
  /** The default policy to use for the child workflow executions when a workflow execution of this type is terminated, by calling the TerminateWorkflowExecution action explicitly or due to an expired timeout. */
  defaultChildPolicy?: ChildPolicy;
  /** The default IAM role attached to this workflow type. */
  defaultLambdaRole?: string;
}

/** Contains details about a workflow type. */
export interface WorkflowTypeDetail {
  /** General information about the workflow type. */
  typeInfo: WorkflowTypeInfo;
  /** Configuration settings of the workflow type registered through RegisterWorkflowType */
  configuration: WorkflowTypeConfiguration;
}

/** Used to filter workflow execution query results by type. */
export interface WorkflowTypeFilter {
  /** Name of the workflow type. */
  name: string;
  /** Version of the workflow type. */
  version?: string;
}

/** Contains information about a workflow type. */
export interface WorkflowTypeInfo {
  /** The workflow type this information is about. */
  workflowType: WorkflowType;
  /** The current status of the workflow type. */
  status: RegistrationStatus;
  /** The description of the type registered through RegisterWorkflowType. */
  description?: string;
  /** The date when this type was registered. Epoch seconds on the wire. */
  creationDate: number;
  /** If the type is in deprecated state, then it is set to the date when the type was deprecated. Epoch seconds on the wire. */
  deprecationDate?: number;
}

/** Contains a paginated list of information structures about workflow types. */
export interface WorkflowTypeInfos {
  /** The list of workflow type information. */
  typeInfos: WorkflowTypeInfo[];
  /** If a NextPageToken was returned by a previous call, there are more results available. */
  nextPageToken?: string;
}

/** Every operation of the model: its input and its output (`void`: the operation answers `{}`). */
export interface SwfOperations {
  /** Returns the number of closed workflow executions within the given domain that meet the specified filtering criteria. */
  CountClosedWorkflowExecutions: { input: CountClosedWorkflowExecutionsInput; output: WorkflowExecutionCount };
  /** Returns the number of open workflow executions within the given domain that meet the specified filtering criteria. */
  CountOpenWorkflowExecutions: { input: CountOpenWorkflowExecutionsInput; output: WorkflowExecutionCount };
  /** Returns the estimated number of activity tasks in the specified task list. */
  CountPendingActivityTasks: { input: CountPendingActivityTasksInput; output: PendingTaskCount };
  /** Returns the estimated number of decision tasks in the specified task list. */
  CountPendingDecisionTasks: { input: CountPendingDecisionTasksInput; output: PendingTaskCount };
  /** Deletes the specified activity type. */
  DeleteActivityType: { input: DeleteActivityTypeInput; output: void };
  /** Deletes the specified workflow type. */
  DeleteWorkflowType: { input: DeleteWorkflowTypeInput; output: void };
  /** Deprecates the specified activity type. */
  DeprecateActivityType: { input: DeprecateActivityTypeInput; output: void };
  /** Deprecates the specified domain. */
  DeprecateDomain: { input: DeprecateDomainInput; output: void };
  /** Deprecates the specified workflow type. */
  DeprecateWorkflowType: { input: DeprecateWorkflowTypeInput; output: void };
  /** Returns information about the specified activity type. */
  DescribeActivityType: { input: DescribeActivityTypeInput; output: ActivityTypeDetail };
  /** Returns information about the specified domain, including description and status. */
  DescribeDomain: { input: DescribeDomainInput; output: DomainDetail };
  /** Returns information about the specified workflow execution including its type and some statistics. */
  DescribeWorkflowExecution: { input: DescribeWorkflowExecutionInput; output: WorkflowExecutionDetail };
  /** Returns information about the specified workflow type. */
  DescribeWorkflowType: { input: DescribeWorkflowTypeInput; output: WorkflowTypeDetail };
  /** Returns the history of the specified workflow execution. */
  GetWorkflowExecutionHistory: { input: GetWorkflowExecutionHistoryInput; output: History };
  /** Returns information about all activities registered in the specified domain that match the specified name and registration status. */
  ListActivityTypes: { input: ListActivityTypesInput; output: ActivityTypeInfos };
  /** Returns a list of closed workflow executions in the specified domain that meet the filtering criteria. */
  ListClosedWorkflowExecutions: { input: ListClosedWorkflowExecutionsInput; output: WorkflowExecutionInfos };
  /** Returns the list of domains registered in the account. */
  ListDomains: { input: ListDomainsInput; output: DomainInfos };
  /** Returns a list of open workflow executions in the specified domain that meet the filtering criteria. */
  ListOpenWorkflowExecutions: { input: ListOpenWorkflowExecutionsInput; output: WorkflowExecutionInfos };
  /** List tags for a given domain. */
  ListTagsForResource: { input: ListTagsForResourceInput; output: ListTagsForResourceOutput };
  /** Returns information about workflow types in the specified domain. */
  ListWorkflowTypes: { input: ListWorkflowTypesInput; output: WorkflowTypeInfos };
  /** Used by workers to get an ActivityTask from the specified activity taskList. */
  PollForActivityTask: { input: PollForActivityTaskInput; output: ActivityTask };
  /** Used by deciders to get a DecisionTask from the specified decision taskList. */
  PollForDecisionTask: { input: PollForDecisionTaskInput; output: DecisionTask };
  /** Used by activity workers to report to the service that the ActivityTask represented by the specified taskToken is still making progress. */
  RecordActivityTaskHeartbeat: { input: RecordActivityTaskHeartbeatInput; output: ActivityTaskStatus };
  /** Registers a new activity type along with its configuration settings in the specified domain. */
  RegisterActivityType: { input: RegisterActivityTypeInput; output: void };
  /** Registers a new domain. */
  RegisterDomain: { input: RegisterDomainInput; output: void };
  /** Registers a new workflow type and its configuration settings in the specified domain. */
  RegisterWorkflowType: { input: RegisterWorkflowTypeInput; output: void };
  /** Records a WorkflowExecutionCancelRequested event in the currently running workflow execution identified by the given domain, workflowId, and runId. */
  RequestCancelWorkflowExecution: { input: RequestCancelWorkflowExecutionInput; output: void };
  /** Used by workers to tell the service that the ActivityTask identified by the taskToken was successfully canceled. */
  RespondActivityTaskCanceled: { input: RespondActivityTaskCanceledInput; output: void };
  /** Used by workers to tell the service that the ActivityTask identified by the taskToken completed successfully with a result (if provided). */
  RespondActivityTaskCompleted: { input: RespondActivityTaskCompletedInput; output: void };
  /** Used by workers to tell the service that the ActivityTask identified by the taskToken has failed with reason (if specified). */
  RespondActivityTaskFailed: { input: RespondActivityTaskFailedInput; output: void };
  /** Used by deciders to tell the service that the DecisionTask identified by the taskToken has successfully completed. */
  RespondDecisionTaskCompleted: { input: RespondDecisionTaskCompletedInput; output: void };
  /** Records a WorkflowExecutionSignaled event in the workflow execution history and creates a decision task for the workflow execution identified by the given domain, workflowId and runId. */
  SignalWorkflowExecution: { input: SignalWorkflowExecutionInput; output: void };
  /** Starts an execution of the workflow type in the specified domain using the provided workflowId and input data. */
  StartWorkflowExecution: { input: StartWorkflowExecutionInput; output: Run };
  /** Add a tag to a Amazon SWF domain. */
  TagResource: { input: TagResourceInput; output: void };
  /** Records a WorkflowExecutionTerminated event and forces closure of the workflow execution identified by the given domain, runId, and workflowId. */
  TerminateWorkflowExecution: { input: TerminateWorkflowExecutionInput; output: void };
  /** Undeprecates a previously deprecated activity type. */
  UndeprecateActivityType: { input: UndeprecateActivityTypeInput; output: void };
  /** Undeprecates a previously deprecated domain. */
  UndeprecateDomain: { input: UndeprecateDomainInput; output: void };
  /** Undeprecates a previously deprecated workflow type. */
  UndeprecateWorkflowType: { input: UndeprecateWorkflowTypeInput; output: void };
  /** Remove a tag from a Amazon SWF domain. */
  UntagResource: { input: UntagResourceInput; output: void };
}

/** The name of an operation of the model. */
export type SwfOperationName = keyof SwfOperations;
