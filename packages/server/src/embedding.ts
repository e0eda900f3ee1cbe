/**
 * @module @swf-flow/server/embedding
 *
 * The local service for packages that build on it rather than run it with `createServer`: the
 * service without transport and its in-process SDK handler (`@swf-flow/testing` runs it this way
 * under a `ManualClock` and skips time by its outstanding work), and what the CLI's `server`
 * command parses its flags with. Applications import `@swf-flow/server`.
 *
 * @example
 * ```ts
 * import { SWFClient, RegisterDomainCommand } from '@aws-sdk/client-swf';
 * import { ManualClock, localSwfClientConfig } from '@swf-flow/server';
 * import { SwfService, createInProcessHandler, outstandingWork } from '@swf-flow/server/embedding';
 *
 * const service = SwfService.open({ dataDir: ':memory:', clock: new ManualClock() });
 * const swf = new SWFClient(localSwfClientConfig({ requestHandler: createInProcessHandler(service) }));
 * await swf.send(new RegisterDomainCommand({ name: 'sample', workflowExecutionRetentionPeriodInDays: '1' }));
 * outstandingWork(service).nextDeadline; // undefined: nothing is waiting
 * service.close();
 * ```
 */
export { SwfService } from './service.js';
export type { SwfServiceOptions } from './service.js';
export { createInProcessHandler } from './in-process-handler.js';
export type { InProcessHandlerOptions } from './in-process-handler.js';
export { outstandingWork } from './outstanding-work.js';
export type { OutstandingWork, TaskListWork } from './outstanding-work.js';
export { SwfFault } from './faults.js';
export type { SwfFaultName } from './faults.js';
export { parseAccessKey } from './http/sigv4.js';
export { DURABILITIES } from './db.js';
export { readLockHolder } from './storage/data-dir-lock.js';
