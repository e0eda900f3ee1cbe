/**
 * @module @swf-flow/server
 *
 * An embedded, SWF-compatible local service: the Amazon SWF API (all 39 operations, model-validated)
 * over SQLite, spoken over HTTP in SWF's own JSON 1.0 wire protocol, or in-process to an `SWFClient`
 * with no socket.
 *
 * @example
 * ```ts
 * import { SWFClient, RegisterDomainCommand } from '@aws-sdk/client-swf';
 * import { createServer, localSwfClientConfig } from '@swf-flow/server';
 *
 * const server = await createServer({ dataDir: './.swf-flow', port: 8787 });
 * console.log(`listening on ${server.url}`);
 * const swf = new SWFClient(localSwfClientConfig(server));
 * await swf.send(new RegisterDomainCommand({ name: 'sample', workflowExecutionRetentionPeriodInDays: '1' }));
 * await server.close();
 * ```
 */
export { createServer } from './create-server.js';
export type { CreateServerOptions, LocalSwfServer } from './create-server.js';
export type { AllowedHosts } from './http/host-check.js';
export { parseAccessKey } from './http/sigv4.js';
export type { AccessKey } from './http/sigv4.js';
export { SwfService } from './service.js';
export type { SwfServiceOptions, SwfServiceParts, ServiceComponent } from './service.js';
export type { LambdaSource } from './lambda/source.js';
export type { LambdaInvoker, LambdaInvocation, LambdaOutcome } from './lambda/invoker.js';
export type { EndpointInvokerOptions } from './lambda/endpoint-invoker.js';
export { createInProcessHandler } from './in-process-handler.js';
export type {
  InProcessRequestHandler,
  InProcessHttpRequest,
  InProcessHttpResponse,
  InProcessHandlerOptions,
} from './in-process-handler.js';
export { localSwfClientConfig } from './client-config.js';
export type { LocalSwfClientConfig, LocalSwfTarget } from './client-config.js';
export { DURABILITIES } from './db.js';
export type { Durability } from './db.js';
export { DataDirectoryInUseError, readLockHolder } from './storage/data-dir-lock.js';
export type { LockHolder } from './storage/data-dir-lock.js';
export { SwfFault } from './faults.js';
export type { SwfFaultName } from './faults.js';
export { systemClock, ManualClock } from './clock.js';
export type { Clock } from './clock.js';
export { outstandingWork } from './outstanding-work.js';
export type { OutstandingWork, TaskListWork } from './outstanding-work.js';
export { Registry, registrySchema } from './registry/index.js';
export type {
  RegistryOptions,
  RegistryLimits,
  DomainRecord,
  WorkflowTypeRecord,
  ActivityTypeRecord,
  RegistrationStatus,
} from './registry/index.js';
export type { OperationHandler, OperationHandlers, OperationContext } from './operation.js';
export { dispatch } from './http/dispatch.js';
export type { WireRequest, WireResponse } from './http/dispatch.js';
