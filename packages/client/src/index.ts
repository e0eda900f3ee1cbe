/**
 * @module @swf-flow/client
 *
 * Start, signal, cancel, terminate, describe and list swf-flow workflow executions, wait for their
 * results, and complete activities by task token from any process.
 *
 * @example
 * ```ts
 * import { WorkflowClient } from '@swf-flow/client';
 *
 * const client = new WorkflowClient({ domain: 'orders' }); // swf: { endpoint } for a local server
 * const handle = await client.start(orderWorkflow, { workflowId: 'order-42', args: [order], tags: ['web'] });
 * await handle.signal('cancelOrder', 'customer asked');
 * try {
 *   console.log(await handle.result());
 * } catch (err) {
 *   // WorkflowExecutionFailedError; err.cause is the rebuilt failure
 * }
 * for await (const info of client.list({ status: 'OPEN' })) console.log(info.execution?.workflowId);
 * ```
 */
export { WorkflowClient } from './workflow-client.js';
export type { WorkflowClientOptions } from './workflow-client.js';
export { WorkflowHandle } from './workflow-handle.js';
export type { FollowHistoryOptions, ResultOptions, SignalRef } from './workflow-handle.js';
export type { StartOptions } from './start-options.js';
export type { ListFilter } from './list-filter.js';
export type { RegisteredWorkflowType } from './workflow-types.js';
export type { WorkflowRef, WorkflowTypeRef } from './workflow-ref.js';
export { resolveWorkflowType } from './workflow-ref.js';
export { ActivityCompletionClient } from './activity-completion-client.js';
export type { ActivityCompletionClientOptions } from './activity-completion-client.js';
export type { SwfClientLike } from '@swf-flow/common';
export { outcomeOf } from './close-event.js';
export type { RunOutcome } from './close-event.js';
