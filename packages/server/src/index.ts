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
 *
 * Packages that build on the service rather than run it (an in-process service with a manual
 * clock, the CLI's flag parsing) import `@swf-flow/server/embedding`.
 */
export { createServer } from './create-server.js';
export type { CreateServerOptions, LocalSwfEndpoint, LocalSwfServer } from './create-server.js';
export { startServerThread, ServerThreadError } from './thread/start.js';
export type { ServerThreadOptions, LocalSwfServerThread } from './thread/start.js';
export type { AllowedHosts } from './http/host-check.js';
export type { AccessKey } from './http/sigv4.js';
export type { Durability } from './db.js';
export type { LambdaSource } from './lambda/source.js';
export type { LambdaInvoker, LambdaInvocation, LambdaOutcome } from './lambda/invoker.js';
export type { EndpointInvokerOptions } from './lambda/endpoint-invoker.js';
export type { InProcessRequestHandler, InProcessHttpRequest, InProcessHttpResponse } from './in-process-handler.js';
export { localSwfClientConfig } from './client-config.js';
export type { LocalSwfClientConfig, LocalSwfTarget } from './client-config.js';
export { DataDirectoryInUseError } from './storage/data-dir-lock.js';
export { NativeModuleError } from './storage/sqlite.js';
export { DataDirectoryError } from './storage/private-files.js';
export type { LockHolder } from './storage/data-dir-lock.js';
export { systemClock, ManualClock } from './clock.js';
export type { Clock } from './clock.js';
