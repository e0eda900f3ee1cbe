/**
 * Events of the execution itself: its start, what reaches it from outside (signals, a cancel
 * request), the markers it records, and the decisions that close it.
 */
import { ValidationError } from '@swf-flow/common';
import { seconds, typeOf, type WorkflowStartedOptions } from './builder-options.js';
import { failureFields, inputPayload, type EventContext } from './event-context.js';

/** Appends the execution's own events. */
export class ExecutionEvents {
  private readonly ctx: EventContext;
  private readonly defaultType: { name: string; version: string };

  /** @param defaultType - the workflow type of `started` when its options name none */
  constructor(ctx: EventContext, defaultType: { name: string; version: string }) {
    this.ctx = ctx;
    this.defaultType = defaultType;
  }

  /** `WorkflowExecutionStarted`: an error unless it is the first event. */
  started(options: WorkflowStartedOptions): void {
    if (this.ctx.log.lastEventId > 0)
      throw new ValidationError('history builder: workflowStarted() must be the first event');
    const attributes: Record<string, unknown> = {
      workflowType: typeOf(options.workflowType ?? this.defaultType),
      taskList: { name: options.taskList ?? 'default' },
      childPolicy: options.childPolicy ?? 'TERMINATE',
      executionStartToCloseTimeout: seconds(options.executionStartToCloseTimeout, '3600'),
      taskStartToCloseTimeout: seconds(options.taskStartToCloseTimeout, '60'),
      parentInitiatedEventId: 0,
    };
    const input = inputPayload(this.ctx.converter, options.args, options.input);
    if (input !== undefined) attributes.input = input;
    if (options.tagList) attributes.tagList = options.tagList;
    if (options.continuedExecutionRunId) attributes.continuedExecutionRunId = options.continuedExecutionRunId;
    if (options.parentWorkflowExecution) attributes.parentWorkflowExecution = options.parentWorkflowExecution;
    this.ctx.log.append('WorkflowExecutionStarted', attributes);
  }

  /** `WorkflowExecutionSignaled` with `args` encoded by the converter, or the `raw` payload. */
  signaled(signalName: string, args: unknown[] | undefined, raw: string | undefined): void {
    const input = inputPayload(this.ctx.converter, args, raw);
    this.ctx.log.append('WorkflowExecutionSignaled', {
      signalName,
      externalInitiatedEventId: 0,
      ...(input === undefined ? {} : { input }),
    });
  }

  /** `WorkflowExecutionCancelRequested`. */
  cancelRequested(cause: 'CHILD_POLICY_APPLIED' | undefined): void {
    this.ctx.log.append('WorkflowExecutionCancelRequested', {
      externalInitiatedEventId: 0,
      ...(cause ? { cause } : {}),
    });
  }

  /** `MarkerRecorded` (a decision) with `details` encoded by the converter, or the `raw` payload. */
  markerRecorded(markerName: string, details: unknown, raw: string | undefined): void {
    const payload = raw ?? this.ctx.converter.toPayload(details);
    this.ctx.log.append('MarkerRecorded', {
      markerName,
      decisionTaskCompletedEventId: this.ctx.decisions.completedId(),
      ...(payload === undefined ? {} : { details: payload }),
    });
  }

  /** `WorkflowExecutionCompleted` (a decision) with `result` encoded by the converter. */
  completed(result: unknown): void {
    const payload = this.ctx.converter.toPayload(result);
    this.ctx.log.append('WorkflowExecutionCompleted', {
      decisionTaskCompletedEventId: this.ctx.decisions.completedId(),
      ...(payload === undefined ? {} : { result: payload }),
    });
  }

  /** `WorkflowExecutionFailed` (a decision) with the failure's reason and details. */
  failed(failure: Error | string, details: string | undefined): void {
    const fields = failureFields(failure, details);
    this.ctx.log.append('WorkflowExecutionFailed', {
      decisionTaskCompletedEventId: this.ctx.decisions.completedId(),
      ...fields,
    });
  }

  /** `WorkflowExecutionCanceled` (a decision). */
  canceled(details: string | undefined): void {
    this.ctx.log.append('WorkflowExecutionCanceled', {
      decisionTaskCompletedEventId: this.ctx.decisions.completedId(),
      ...(details === undefined ? {} : { details }),
    });
  }
}
