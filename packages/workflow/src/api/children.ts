/** Child workflows: `startChild` and `executeChild` (StartChildWorkflowExecution decisions). */
import {
  ApplicationFailure,
  CancelledFailure,
  childFailed,
  decodeFailure,
  encodeArgs,
  eventAttributes,
  TerminatedFailure,
  timeoutFailure,
  toRunTimeout,
  ValidationError,
  type RunOptions,
  type HistoryEvent,
  checkSwfId,
  checkSwfName,
  didYouMean,
  RUN_OPTION_KEYS,
} from '@swf-flow/common';
import { currentStore } from '../runtime/storage.js';
import { workflowTypeInfo, type WorkflowFunction } from '../workflow-type.js';
import type { Command } from '../runtime/command.js';
import { issueCancelExternal, signalExternal } from './external.js';
import type { SignalDefinition } from './signals.js';

type Attrs = Record<string, any>;

/** Options of a child workflow; unset ones come from `defineWorkflow` options, then SWF's registered defaults. */
export interface ChildWorkflowOptions extends RunOptions {
  /** The child's arguments. @default [] */
  args?: unknown[];
  /** The child's workflow id. @default `<parent workflowId>-child-<n>` */
  workflowId?: string;
  /** The child's type version (with a type name string). @default '1.0' or the function's version */
  version?: string;
  /** Data recorded with the child's start events, not given to the child. */
  control?: string;
}

/** A started child workflow. */
export interface ChildWorkflowHandle<F extends WorkflowFunction = WorkflowFunction> {
  readonly workflowId: string;
  /** The child's run id (SWF's ChildWorkflowExecutionStarted). */
  readonly firstExecutionRunId: string;
  /** Resolves with the child's result; rejects with a ChildWorkflowFailure. */
  result(): Promise<Awaited<ReturnType<F>>>;
  /** Signals the child. */
  signal<Args extends unknown[]>(signal: SignalDefinition<Args> | string, ...args: Args): Promise<void>;
}

const CHILD_OPTION_KEYS: readonly string[] = [
  'args',
  'workflowId',
  'control',
  ...RUN_OPTION_KEYS,
] satisfies ReadonlyArray<keyof ChildWorkflowOptions>;

function typeOf(
  workflow: WorkflowFunction | string,
  options: ChildWorkflowOptions,
): { name: string; version: string; defaults: Attrs } {
  if (typeof workflow === 'string')
    return {
      name: checkSwfName(workflow, 'child workflow type name'),
      version: checkSwfName(options.version ?? '1.0', 'child workflow version'),
      defaults: {},
    };
  const info = workflowTypeInfo(workflow);
  return { name: info.name, version: options.version ?? info.version, defaults: info as unknown as Attrs };
}

/**
 * Starts a child workflow; resolves with its handle once SWF started it (rejects with a
 * ChildWorkflowFailure if it could not start). Cancelling the current scope requests the
 * child's cancellation.
 *
 * @example
 * ```ts
 * const child = await startChild(shipOrder, { args: [order] });
 * const tracking = await child.result();
 * ```
 */
export function startChild<F extends WorkflowFunction>(
  workflow: F | string,
  options: ChildWorkflowOptions = {},
): Promise<ChildWorkflowHandle<F>> {
  const { runtime: rt, scope } = currentStore('startChild()');
  if (typeof options !== 'object' || options === null)
    throw new ValidationError('startChild(workflow, options): options must be an object');
  for (const key of Object.keys(options))
    if (!CHILD_OPTION_KEYS.includes(key))
      throw new ValidationError(
        `startChild: unknown option '${key}'${didYouMean(key, CHILD_OPTION_KEYS, (n) => n)}; the options are ${CHILD_OPTION_KEYS.join(', ')}`,
      );
  // SWF refuses the whole answer for a task list that breaks its name rule (the run would be stuck)
  if (options.taskList !== undefined) checkSwfName(options.taskList, 'child taskList');
  const type = typeOf(workflow, options);
  const workflowType = { name: type.name, version: type.version };
  const d = type.defaults;
  let workflowId = options.workflowId ?? rt.ids.next(`${rt.execution.workflowId.slice(0, 200)}-child`);
  checkSwfId(workflowId, 'child workflowId');
  const attrs: Attrs = { workflowType, workflowId };
  const input = encodeArgs(rt.converter, options.args ?? []);
  if (input !== undefined) attrs.input = input;
  const taskList = options.taskList ?? d.taskList;
  if (taskList !== undefined) attrs.taskList = { name: taskList };
  const e2c =
    toRunTimeout(options.executionStartToCloseTimeout, 'executionStartToCloseTimeout') ??
    d.executionStartToCloseTimeout;
  if (e2c !== undefined) attrs.executionStartToCloseTimeout = e2c;
  const t2c = toRunTimeout(options.taskStartToCloseTimeout, 'taskStartToCloseTimeout') ?? d.taskStartToCloseTimeout;
  if (t2c !== undefined) attrs.taskStartToCloseTimeout = t2c;
  const childPolicy = options.childPolicy ?? d.childPolicy;
  if (childPolicy !== undefined) attrs.childPolicy = childPolicy;
  const priority = options.taskPriority ?? d.taskPriority;
  if (priority !== undefined) attrs.taskPriority = String(priority);
  if (options.tagList !== undefined) attrs.tagList = options.tagList;
  if (options.lambdaRole !== undefined) attrs.lambdaRole = options.lambdaRole;
  if (options.control !== undefined) attrs.control = options.control;

  let runId = '';
  let started = false;
  let closed = false;
  let resolveResult!: (v: unknown) => void;
  let rejectResult!: (e: Error) => void;
  const result = new Promise<unknown>((res, rej) => {
    resolveResult = res;
    rejectResult = rej;
  });
  result.catch(() => undefined);
  const at = (e: HistoryEvent): Attrs => eventAttributes<Attrs>(e);
  const fail = (cause: Error): Error => childFailed(workflowType, { workflowId, runId: runId || undefined }, cause);

  return new Promise<ChildWorkflowHandle<F>>((resolveStart, rejectStart) => {
    let cancelCmd: Command | undefined;
    const close = (err: Error | undefined, value?: unknown): void => {
      if (closed) return;
      closed = true;
      unsubscribe();
      // The child closed before a cancel request issued in this batch was sent: SWF would refuse it.
      if (cancelCmd?.state === 'pending') rt.commands.withdraw(cancelCmd);
      if (err) {
        rejectResult(err);
        if (!started) rejectStart(err);
      } else resolveResult(value);
    };
    const handle: ChildWorkflowHandle<F> = {
      get workflowId() {
        return workflowId;
      },
      get firstExecutionRunId() {
        return runId;
      },
      result: () => result as Promise<Awaited<ReturnType<F>>>,
      signal(signal, ...args) {
        const s = currentStore('ChildWorkflowHandle.signal()');
        const name = typeof signal === 'string' ? signal : signal?.name;
        if (typeof name !== 'string' || name === '')
          throw new ValidationError('signal(signal, ...args): pass a defineSignal() definition or a signal name');
        return signalExternal(s.runtime, s.scope, workflowId, runId || undefined, name, args);
      },
    };
    if (scope.failure) {
      close(fail(scope.failure));
      return;
    }
    const startFailed = (e: HistoryEvent): void => {
      const cause = String(at(e).cause ?? 'UNKNOWN');
      close(
        fail(
          new ApplicationFailure(`SWF could not start child workflow ${type.name}: ${cause}`, {
            type: cause,
            nonRetryable: true,
          }),
        ),
      );
    };
    const cmd = rt.issue({
      kind: 'child',
      decision: {
        decisionType: 'StartChildWorkflowExecution',
        startChildWorkflowExecutionDecisionAttributes: attrs as never,
      },
      key: `${type.name} ${type.version}`,
      label: `StartChildWorkflowExecution ${type.name} ${type.version} (workflowId ${workflowId})`,
      handlers: {
        recorded: (e) => {
          workflowId = String(at(e).workflowId ?? workflowId);
          rt.ids.use(`${rt.execution.workflowId.slice(0, 200)}-child`, workflowId);
        },
        failed: startFailed,
        event: (e) => {
          switch (e.eventType) {
            case 'StartChildWorkflowExecutionFailed':
              startFailed(e);
              return;
            case 'ChildWorkflowExecutionStarted':
              runId = String(at(e).workflowExecution?.runId ?? '');
              started = true;
              resolveStart(handle);
              return;
            case 'ChildWorkflowExecutionCompleted':
              close(undefined, rt.converter.fromPayload(at(e).result as string | undefined));
              return;
            case 'ChildWorkflowExecutionFailed':
              close(fail(decodeFailure(at(e).reason as string | undefined, at(e).details as string | undefined)));
              return;
            case 'ChildWorkflowExecutionTimedOut':
              close(fail(timeoutFailure(`Child workflow ${type.name}`, String(at(e).timeoutType))));
              return;
            case 'ChildWorkflowExecutionCanceled':
              close(
                fail(
                  new CancelledFailure(
                    `Child workflow ${type.name} was cancelled`,
                    rt.converter.fromPayload(at(e).details as string | undefined),
                  ),
                ),
              );
              return;
            case 'ChildWorkflowExecutionTerminated':
              close(fail(new TerminatedFailure(`Child workflow ${type.name} was terminated`)));
              return;
            default:
              return;
          }
        },
      },
      // An id the code chose must be the recorded one; one our scheme generated adopts the recorded id.
      target: options.workflowId,
    });
    const unsubscribe = scope.onCancel((failure) => {
      if (closed) return;
      if (cmd.state === 'pending') {
        rt.commands.withdraw(cmd);
        close(fail(failure));
      } else {
        const request = issueCancelExternal(rt, workflowId, runId || undefined, cmd);
        request.delivered.catch(() => undefined);
        cancelCmd = request.command;
      }
    });
  });
}

/**
 * Starts a child workflow and waits for its result.
 *
 * @example
 * ```ts
 * const receipt = await executeChild(chargeWorkflow, { args: [card, 42] });
 * ```
 */
export async function executeChild<F extends WorkflowFunction>(
  workflow: F | string,
  options: ChildWorkflowOptions = {},
): Promise<Awaited<ReturnType<F>>> {
  const handle = await startChild(workflow, options);
  return handle.result();
}
