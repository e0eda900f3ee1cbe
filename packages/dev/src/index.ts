/**
 * @module @swf-flow/dev
 *
 * Run swf-flow on one machine while you develop: the embedded local SWF service, your workers and
 * a client in one process (`runLocal`), every history event printed as it lands (`followHistory`),
 * a guard that runs a module's `main` only when it is the program (`runIfProgram`), and bounded
 * waits for end-to-end tests (`waitFor`, `fireTimers`). The examples and the project
 * `npm create swf-flow` writes use it.
 *
 * @example
 * ```ts
 * import { Worker } from '@swf-flow/worker';
 * import { quietLogger, runIfProgram, runLocal } from '@swf-flow/dev';
 *
 * runIfProgram(import.meta.url, () =>
 *   runLocal(
 *     { domain: 'orders', createWorkers: async (swf) => [await Worker.create({ swf, domain: 'orders', taskList: 'orders', workflows: [orderWorkflow], activities: [new OrderActivities()], logger: quietLogger })] },
 *     async ({ client, watch, print }) => {
 *       const [, result] = await watch(await client.start(orderWorkflow, { workflowId: 'order-1', args: [order] }));
 *       print(`result: ${result}`);
 *     },
 *   ),
 * );
 * ```
 */
export { runLocal } from './run-local.js';
export type { RunLocalOptions, LocalSession } from './run-local.js';
export { startLocalService } from './local-service.js';
export type { LocalService, LocalServiceOptions } from './local-service.js';
export { followHistory } from './progress.js';
export type { FollowOptions } from './progress.js';
export { EventNamer } from './event-line.js';
export { runWorkers, quietLogger } from './workers.js';
export type { RunningWorkers } from './workers.js';
export { waitFor, fireTimers } from './wait.js';
export type { WaitOptions, TimerDriver } from './wait.js';
export { isProgram, runIfProgram } from './main-guard.js';
export { localDataDir, DATA_DIR_ENV } from './data-dir.js';
