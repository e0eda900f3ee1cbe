/**
 * Child workflow events. An initiated child stays open until an event closes it; the events that
 * follow find it by workflow id, or take the most recent open one.
 */
import { ValidationError } from '@swf-flow/common';
import { typeOf, type ChildOptions, type TypeRef } from './builder-options.js';
import { failureFields, inputPayload, type EventContext } from './event-context.js';

interface OpenChild {
  workflowId: string;
  runId?: string;
  workflowType: { name: string; version: string };
  initiatedEventId: number;
  startedEventId?: number;
}

/** Appends child workflow events and keeps the children still open. */
export class ChildEvents {
  private readonly ctx: EventContext;
  private readonly open: OpenChild[] = [];

  constructor(ctx: EventContext) {
    this.ctx = ctx;
  }

  /** `StartChildWorkflowExecutionInitiated` (a decision). */
  initiated(
    workflowType: TypeRef,
    workflowId: string,
    options: { args?: unknown[]; input?: string; taskList?: string; control?: string },
  ): void {
    const type = typeOf(workflowType);
    const input = inputPayload(this.ctx.converter, options.args, options.input);
    const initiatedEventId = this.ctx.log.append('StartChildWorkflowExecutionInitiated', {
      workflowId,
      workflowType: type,
      taskList: { name: options.taskList ?? 'default' },
      childPolicy: 'TERMINATE',
      executionStartToCloseTimeout: '3600',
      taskStartToCloseTimeout: '60',
      decisionTaskCompletedEventId: this.ctx.decisions.completedId(),
      ...(input === undefined ? {} : { input }),
      ...(options.control === undefined ? {} : { control: options.control }),
    });
    this.open.push({ workflowId, workflowType: type, initiatedEventId });
  }

  /** `StartChildWorkflowExecutionFailed`. */
  startFailed(cause: string, options: ChildOptions): void {
    const c = this.find(options, 'childStartFailed');
    this.close(c);
    this.ctx.log.append('StartChildWorkflowExecutionFailed', {
      workflowId: c.workflowId,
      workflowType: c.workflowType,
      cause,
      initiatedEventId: c.initiatedEventId,
      decisionTaskCompletedEventId: this.ctx.decisions.completedId(),
    });
  }

  /** `ChildWorkflowExecutionStarted`; the run id is `run-<workflowId>` unless given. */
  started(options: ChildOptions & { runId?: string }): void {
    const c = this.find(options, 'childStarted');
    c.runId = options.runId ?? `run-${c.workflowId}`;
    c.startedEventId = this.ctx.log.append('ChildWorkflowExecutionStarted', {
      workflowExecution: { workflowId: c.workflowId, runId: c.runId },
      workflowType: c.workflowType,
      initiatedEventId: c.initiatedEventId,
    });
  }

  /** `ChildWorkflowExecutionCompleted` with `result` encoded by the converter. */
  completed(result: unknown, options: ChildOptions): void {
    const c = this.find(options, 'childCompleted');
    const payload = this.ctx.converter.toPayload(result);
    this.close(c);
    this.ctx.log.append('ChildWorkflowExecutionCompleted', {
      ...this.refs(c),
      ...(payload === undefined ? {} : { result: payload }),
    });
  }

  /** `ChildWorkflowExecutionFailed` with the failure's reason and details. */
  failed(failure: Error | string, options: ChildOptions & { details?: string }): void {
    const c = this.find(options, 'childFailed');
    const fields = failureFields(failure, options.details);
    this.close(c);
    this.ctx.log.append('ChildWorkflowExecutionFailed', { ...this.refs(c), ...fields });
  }

  /** `ChildWorkflowExecutionTimedOut`. */
  timedOut(options: ChildOptions): void {
    const c = this.find(options, 'childTimedOut');
    this.close(c);
    this.ctx.log.append('ChildWorkflowExecutionTimedOut', { ...this.refs(c), timeoutType: 'START_TO_CLOSE' });
  }

  /** `ChildWorkflowExecutionCanceled`. */
  canceled(options: ChildOptions & { details?: string }): void {
    const c = this.find(options, 'childCanceled');
    this.close(c);
    this.ctx.log.append('ChildWorkflowExecutionCanceled', {
      ...this.refs(c),
      ...(options.details === undefined ? {} : { details: options.details }),
    });
  }

  /** `ChildWorkflowExecutionTerminated`. */
  terminated(options: ChildOptions): void {
    const c = this.find(options, 'childTerminated');
    this.close(c);
    this.ctx.log.append('ChildWorkflowExecutionTerminated', this.refs(c));
  }

  private find(options: ChildOptions, what: string): OpenChild {
    const found =
      options.workflowId === undefined ? this.open.at(-1) : this.open.find((c) => c.workflowId === options.workflowId);
    if (!found)
      throw new ValidationError(
        `history builder: ${what}: no open child workflow${options.workflowId ? ` '${options.workflowId}'` : ''}`,
      );
    return found;
  }

  /** The execution, type and event ids every event that closes a child names. */
  private refs(c: OpenChild): Record<string, unknown> {
    return {
      workflowExecution: { workflowId: c.workflowId, runId: c.runId ?? `run-${c.workflowId}` },
      workflowType: c.workflowType,
      initiatedEventId: c.initiatedEventId,
      startedEventId: c.startedEventId ?? 0,
    };
  }

  private close(c: OpenChild): void {
    this.open.splice(this.open.indexOf(c), 1);
  }
}
