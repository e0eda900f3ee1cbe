/**
 * @module @swf-flow/workflow
 *
 * Write workflows as plain `async` functions, and replay them deterministically against their
 * Amazon SWF history. What workflow code imports (`proxyActivities`, `proxyLambdas`, `sleep`,
 * `condition`, signals, child workflows, `continueAsNew`, cancellation scopes, `patched`, `sideEffect`,
 * `workflowInfo`, `log`, `setExecutionState`) and the replayer the worker and the tests run
 * (`WorkflowExecutor`). Workflow code must be deterministic: inside it `Date.now()` is the
 * decision task's time, `performance.now()` counts from the first decision task, `Math.random()`
 * is seeded from the run id, and real timers and the network throw `DeterminismViolationError`.
 *
 * @example
 * ```ts
 * import { proxyActivities, sleep, defineSignal, setHandler, condition } from '@swf-flow/workflow';
 * import { OrderActivities } from './activities.js';
 *
 * const acts = proxyActivities(OrderActivities, { scheduleToCloseTimeout: '10 minutes' });
 * export const cancelOrder = defineSignal('cancelOrder');
 *
 * export async function orderWorkflow(order: Order): Promise<string> {
 *   let cancelled = false;
 *   setHandler(cancelOrder, () => { cancelled = true; });
 *   await acts.verifyOrder(order);
 *   if (await condition(() => cancelled, '1 hour')) return 'cancelled';
 *   const charge = await acts.chargeCreditCard(order.card, order.total);
 *   await sleep('1 minute');
 *   return charge.id;
 * }
 * ```
 */
import { installDeterminismPatches } from './runtime/determinism.js';

export { defineWorkflow, workflowTypeInfo } from './workflow-type.js';
export type { WorkflowFunction, WorkflowTypeOptions, WorkflowTypeInfo, WorkflowsInput } from './workflow-type.js';
export { WorkflowExecutor } from './executor.js';
export { checkReplaysAgain, checkSameOutcome } from './same-outcome.js';
export { checkHistoryOrder } from './history-order.js';
export type { ComparableOutcome } from './same-outcome.js';
export type { ActivationResult, HistoryPages, WorkflowExecutorOptions } from './executor.js';
export { proxyActivities } from './api/activities.js';
export type {
  RetryPolicy,
  ActivityOptions,
  ActivityCallOptions,
  ActivityStub,
  ActivityStubs,
} from './api/activities.js';
export { proxyLambdas, executeLambda } from './api/lambdas.js';
export type { LambdaOptions, LambdaCallOptions, LambdaStub, LambdaStubs, LambdaFunctions } from './api/lambdas.js';
export { sleep } from './runtime/timer-command.js';
export { CancellationScope } from './runtime/cancellation-scope.js';
export type { CancellationScopeOptions } from './runtime/cancellation-scope.js';
export { ContinueAsNew } from './runtime/closing.js';
export { condition } from './api/condition.js';
export { defineSignal, setHandler } from './api/signals.js';
export type { SignalDefinition } from './api/signals.js';
export { startChild, executeChild } from './api/children.js';
export type { ChildWorkflowOptions, ChildWorkflowHandle } from './api/children.js';
export { getExternalWorkflowHandle } from './api/external.js';
export type { ExternalWorkflowHandle } from './api/external.js';
export { continueAsNew, makeContinueAsNewFunc } from './api/continue-as-new.js';
export type { ContinueAsNewOptions } from './api/continue-as-new.js';
export { patched, deprecatePatch } from './api/patch.js';
export { sideEffect, uuid4 } from './api/side-effect.js';
export { workflowInfo } from './api/info.js';
export type { WorkflowInfo } from './api/info.js';
export { log } from './api/log.js';
export { setExecutionState } from './api/state.js';
export {
  ActivityFailure,
  LambdaFailure,
  ApplicationFailure,
  CancelledFailure,
  ChildWorkflowFailure,
  TerminatedFailure,
  TimeoutFailure,
  NonDeterminismError,
  DeterminismViolationError,
  InvalidHistoryError,
} from '@swf-flow/common';

// The deterministic environment is in place as soon as this package is imported, so a workflow
// module (or a library it imports after this package) that captures Date, Date.now or Math.random
// at load time captures the patched ones.
installDeterminismPatches();
