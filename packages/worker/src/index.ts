/**
 * @module @swf-flow/worker
 *
 * Deciders and activity workers over `@aws-sdk/client-swf`. A {@link Worker} registers the domain
 * and the types it serves, long-polls its task lists, replays workflow histories (keeping recent
 * runs live in a bounded cache so that a decision costs only the new events), runs activities with
 * throttled heartbeats and cancellation, and shuts down gracefully on SIGINT/SIGTERM.
 *
 * @example
 * ```ts
 * import { Worker } from '@swf-flow/worker';
 * import { orderWorkflow } from './workflows.js';
 * import { OrderActivities } from './activities.js';
 *
 * const worker = await Worker.create({
 *   swf: { endpoint: 'http://127.0.0.1:8080', region: 'us-east-1' }, // omit for Amazon SWF
 *   domain: 'orders',
 *   taskList: 'orders',
 *   workflows: [orderWorkflow],
 *   activities: [new OrderActivities()],
 * });
 * await worker.run(); // until worker.shutdown(), SIGINT or SIGTERM
 * ```
 */
export { Worker } from './worker.js';
export type { WorkerState, WorkerStats } from './worker.js';
export { compileWorkerOptions } from './options.js';
export type { WorkerOptions, CompiledWorkerOptions, WorkflowFunction } from './options.js';
export { DEFAULT_POLLER_SCALING, MAX_SCALED_POLLS } from './poller-scaling.js';
export type { Pollers, PollerScaling, PollerBounds } from './poller-scaling.js';
export type { SwfClientLike } from '@swf-flow/common';
export type { WorkflowCacheStats } from './workflow-cache.js';
export type { DecisionOutcome } from './decider.js';
export type { ActivityOutcome } from './activity-runner.js';
export { SwfLimitError, checkDecisionLimits, MAX_REQUEST_BYTES } from './decision-limits.js';
export { MAX_HEARTBEAT_DETAILS_LENGTH } from './activity-runner.js';
