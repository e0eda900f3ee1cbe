/**
 * Other executions: `getExternalWorkflowHandle(workflowId, runId?)` to signal or cancel them
 * (SignalExternalWorkflowExecution / RequestCancelExternalWorkflowExecution decisions).
 */
import { ApplicationFailure, encodeArgs, eventAttributes, ValidationError, type HistoryEvent } from '@swf-flow/common';
import type { CancellationScope } from '../runtime/cancellation-scope.js';
import type { Command } from '../runtime/command.js';
import type { WorkflowRuntime } from '../runtime/runtime.js';
import { currentStore } from '../runtime/storage.js';
import type { SignalDefinition } from './signals.js';

const causeOf = (e: HistoryEvent): string => String(eventAttributes<{ cause?: string }>(e).cause ?? 'UNKNOWN');

/** Sends a signal to another execution; resolves when SWF delivered it. */
export function signalExternal(
  rt: WorkflowRuntime,
  scope: CancellationScope,
  workflowId: string,
  runId: string | undefined,
  signalName: string,
  args: unknown[],
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (scope.failure) {
      reject(scope.failure);
      return;
    }
    const attrs: Record<string, string> = { workflowId, signalName };
    if (runId) attrs.runId = runId;
    const input = encodeArgs(rt.converter, args);
    if (input !== undefined) attrs.input = input;
    const failed = (e: HistoryEvent): void =>
      reject(
        new ApplicationFailure(`signal ${signalName} to workflow ${workflowId} failed: ${causeOf(e)}`, {
          type: causeOf(e),
          nonRetryable: true,
        }),
      );
    const cmd = rt.issue({
      kind: 'signalExternal',
      decision: {
        decisionType: 'SignalExternalWorkflowExecution',
        signalExternalWorkflowExecutionDecisionAttributes: attrs as { workflowId: string; signalName: string },
      },
      key: signalName,
      label: `SignalExternalWorkflowExecution ${signalName} to ${workflowId}`,
      handlers: {
        failed,
        event: (e) => {
          if (e.eventType === 'ExternalWorkflowExecutionSignaled') resolve();
          else if (e.eventType === 'SignalExternalWorkflowExecutionFailed') failed(e);
        },
      },
      target: workflowId,
    });
    scope.onCancel((failure) => {
      if (cmd.state !== 'pending') return;
      rt.commands.withdraw(cmd);
      reject(failure);
    });
  });
}

/** Asks SWF to cancel another execution; resolves when the request was delivered. */
export function requestCancelExternal(
  rt: WorkflowRuntime,
  workflowId: string,
  runId: string | undefined,
): Promise<void> {
  return issueCancelExternal(rt, workflowId, runId).delivered;
}

/** Issues a RequestCancelExternalWorkflowExecution command; returns it and the delivery promise. */
export function issueCancelExternal(
  rt: WorkflowRuntime,
  workflowId: string,
  runId: string | undefined,
  origin?: Command,
): { command: Command; delivered: Promise<void> } {
  let command!: Command;
  const delivered = new Promise<void>((resolve, reject) => {
    const attrs: { workflowId: string; runId?: string } = { workflowId };
    if (runId) attrs.runId = runId;
    const failed = (e: HistoryEvent): void =>
      reject(
        new ApplicationFailure(`cancel request to workflow ${workflowId} failed: ${causeOf(e)}`, {
          type: causeOf(e),
          nonRetryable: true,
        }),
      );
    command = rt.issue({
      kind: 'cancelExternal',
      decision: {
        decisionType: 'RequestCancelExternalWorkflowExecution',
        requestCancelExternalWorkflowExecutionDecisionAttributes: attrs,
      },
      key: '',
      label: `RequestCancelExternalWorkflowExecution ${workflowId}`,
      handlers: {
        failed,
        event: (e) => {
          if (e.eventType === 'ExternalWorkflowExecutionCancelRequested') resolve();
          else if (e.eventType === 'RequestCancelExternalWorkflowExecutionFailed') failed(e);
        },
      },
      origin,
      target: workflowId,
    });
  });
  return { command, delivered };
}

/** A handle on another execution. */
export interface ExternalWorkflowHandle {
  readonly workflowId: string;
  readonly runId: string | undefined;
  /** Signals it; resolves once SWF delivered the signal (rejects with the SWF cause otherwise). */
  signal<Args extends unknown[]>(signal: SignalDefinition<Args> | string, ...args: Args): Promise<void>;
  /** Requests its cancellation; resolves once SWF recorded the request. */
  cancel(): Promise<void>;
}

/**
 * A handle to signal or cancel another workflow execution.
 *
 * @example
 * ```ts
 * await getExternalWorkflowHandle('order-42').signal(approve, 'alice');
 * ```
 */
export function getExternalWorkflowHandle(workflowId: string, runId?: string): ExternalWorkflowHandle {
  currentStore('getExternalWorkflowHandle()');
  if (typeof workflowId !== 'string' || workflowId === '')
    throw new ValidationError('getExternalWorkflowHandle(workflowId, runId?): workflowId must be a non-empty string');
  if (runId !== undefined && typeof runId !== 'string')
    throw new ValidationError('getExternalWorkflowHandle: runId must be a string when given');
  return {
    workflowId,
    runId,
    signal(signal, ...args) {
      const { runtime, scope } = currentStore('ExternalWorkflowHandle.signal()');
      const name = typeof signal === 'string' ? signal : signal?.name;
      if (typeof name !== 'string' || name === '')
        throw new ValidationError('signal(signal, ...args): pass a defineSignal() definition or a signal name');
      return signalExternal(runtime, scope, workflowId, runId, name, args);
    },
    cancel() {
      return requestCancelExternal(currentStore('ExternalWorkflowHandle.cancel()').runtime, workflowId, runId);
    },
  };
}
