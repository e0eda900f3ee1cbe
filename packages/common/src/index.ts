/**
 * @module @swf-flow/common
 *
 * What every swf-flow package shares: durations, the data converter, the error classes, the SWF
 * history and decision types, and every contract two packages must agree on (SWF names and limits,
 * timestamps, workflow-type metadata, run options, the activity attempt id, the replayer's
 * interface), each written once in `src/swf/` (see docs/contracts.md).
 *
 * @example
 * ```ts
 * import { parseDuration, ApplicationFailure } from '@swf-flow/common';
 * parseDuration('5 minutes'); // 300000
 * throw ApplicationFailure.nonRetryable('card declined', 'PaymentDeclined');
 * ```
 */
export {
  parseDuration,
  isDuration,
  toSwfTimeout,
  toRunTimeout,
  toActivityTimeout,
  toSwfSeconds,
  fromSwfTimeout,
} from './duration.js';
export type { Duration, DurationString, DurationUnit } from './duration.js';
export {
  SwfFlowError,
  ValidationError,
  WorkflowFailure,
  ApplicationFailure,
  TimeoutFailure,
  CancelledFailure,
  TerminatedFailure,
  ActivityFailure,
  LambdaFailure,
  ChildWorkflowFailure,
  WorkflowExecutionFailedError,
  NonDeterminismError,
  DeterminismViolationError,
  InvalidHistoryError,
} from './errors.js';
export { shownValue } from './shown-value.js';
export { closest, didYouMean } from './did-you-mean.js';
export type {
  SwfFlowErrorOptions,
  ApplicationFailureOptions,
  TimeoutType,
  ActivityFailureInfo,
  LambdaFailureInfo,
  WorkflowCloseStatus,
  NonDeterminismDetails,
  DeterminismViolationErrorOptions,
} from './errors.js';
export { jsonDataConverter, encodeArgs, decodeArgs } from './data-converter.js';
export type { DataConverter } from './data-converter.js';
export { encodeFailure, decodeFailure, activityFailed, timeoutFailure, childFailed } from './failure-converter.js';
export { ownMessage, stackFrames } from './failure-text.js';
export { thrownText } from './thrown-text.js';
export type { EncodedFailure } from './failure-converter.js';
export { normalizeHistory, eventAttributes } from './history.js';
export type { NormalizeHistoryOptions } from './history.js';
export {
  HistoryTextError,
  indexHistoryText,
  parseHistoryEvents,
  historyTextPages,
  HISTORY_PAGE_CHARS,
} from './history-text.js';
export type { HistoryTextIndex } from './history-text.js';
export type {
  Decision,
  HistoryEvent,
  WorkflowExecution,
  WorkflowType,
  EventTypeName,
  DecisionTypeName,
  HistoryInput,
} from './history.js';
export { consoleLogger, silentLogger, isLevelEnabled } from './logger.js';
export { withLocalDefaults, applyLocalDefaults } from './local-endpoint.js';
export type { EndpointConfigLike, LocalDefaults } from './local-endpoint.js';
export { withoutSdkNodeWarning } from './sdk-node-warning.js';
export { classifySwfError, connectionErrorCode } from './transient-error.js';
export type { SwfErrorKind } from './transient-error.js';
export type { Logger, LogLevel } from './logger.js';
export {
  ACTIVITY_TIMEOUTS,
  ACTIVITIES_METADATA_KEY,
  ACTIVITY_METADATA_KEY,
  readActivityTypes,
  isActivitiesClass,
  validateActivityTypeOptions,
} from './activity-metadata.js';
export type {
  ActivityTypeOptions,
  ActivityTypeInfo,
  ActivityMethodNames,
  ActivityInterfaceFor,
} from './activity-metadata.js';

// The contracts between swf-flow packages (SWF names and limits, timestamps, ...): one typed home in
// ./swf/, so that a change to one of them is a compile error wherever another package relies on it.
export {
  MAX_NAME_LENGTH,
  MAX_REASON_LENGTH,
  MAX_PAYLOAD_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_TASK_TOKEN_LENGTH,
  MAX_TAGS,
  MAX_TIMEOUT_SECONDS,
  MIN_TASK_PRIORITY,
  MAX_TASK_PRIORITY,
} from './swf/limits.js';
export {
  SwfLimitError,
  checkDecisionLimits,
  decisionSizeBound,
  DECISION_FIELD_BOUNDS,
  DECISION_NAMED_FIELDS,
  MAX_REQUEST_BYTES,
  MAX_OPEN_PER_KIND,
} from './swf/decision-limits.js';
export { SWF_NAME_RULE, checkSwfName, checkSwfId, breaksSwfNameRule, hasForbiddenSwfCharacter } from './swf/names.js';
export { toSwfTaskPriority } from './swf/task-priority.js';
export { epochMillis, eventTimestampMillis, typedDateMillis } from './swf/time.js';
export { CLOSE_STATUSES, RUN_OPTION_KEYS, isChildPolicy } from './swf/run-options.js';
export type { ChildPolicy, RunDefaults, RunOptions } from './swf/run-options.js';
export { attachWorkflowTypeOptions, workflowTypeOptions, workflowTypeInfo } from './swf/workflow-type.js';
export type { WorkflowFunction, WorkflowTypeOptions, WorkflowTypeInfo } from './swf/workflow-type.js';
export type { ActivationResult, HistoryPages, Replayer, RunStatus } from './swf/replayer.js';
export { attemptId, attemptOf } from './swf/attempt-id.js';
export { asyncContext } from './swf/async-context.js';
export type { AsyncContextFrame } from './swf/async-context.js';
export { resolveSwfClient } from './swf-client.js';
export { REGION_MISSING_ERROR } from './sdk-region-advice.js';
export { SWF_CLIENT_CONFIG_KEYS, checkSwfClientConfigKeys } from './swf-config-keys.js';
export { endsPollsGracefully, gracefulPollStop, markGracefulPollEnd, pollStopGraceOf } from './sdk-http/poll-stop.js';
export type { SwfClientLike, SwfClientClass } from './swf-client.js';
export { symbolBasedInstanceOf } from './symbol-instanceof.js';
export { RUN_CLOSE_EVENT_TYPES, isRunCloseEvent } from './swf/events.js';
export { EVENT_REFERENCES, eventReferences, openingReference } from './swf/event-references.js';
export { SWF_EVENT_TYPES, REPLAY_READ_MEMBERS } from './swf/event-types.js';
export type { EventReferences } from './swf/event-references.js';
export { watchLauncher } from './launcher-watch.js';
