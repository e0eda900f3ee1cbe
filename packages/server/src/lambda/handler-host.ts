/**
 * The program a handler process runs (`node --input-type=module -e HANDLER_HOST`): it waits for
 * invocations over the IPC channel, imports the handler module once (a warm process keeps it, as a
 * Lambda execution environment does), calls `handler(event, context)` as Lambda's Node.js runtime
 * does, and answers the response, or the error as Lambda reports one (`errorType`, `errorMessage`,
 * `trace`). It serves one invocation at a time and exits when the service goes away. Kept as text
 * so that it runs the same from the sources and from the published bundle.
 */

/** A message from the service to a handler process. */
export interface HostInvoke {
  type: 'invoke';
  /** The handler module's absolute path. */
  file: string;
  /** `tsx/esm/api` to register before importing a `.ts` module, if the service found one. */
  tsx?: string;
  /** The event (JSON text). */
  event: string;
  functionName: string;
  requestId: string;
  timeoutMs: number;
}

/** A message from a handler process: the response, or the function's error. */
export type HostReply =
  { type: 'result'; payload: string } | { type: 'error'; errorType: string; errorMessage: string; trace: string[] };

/** The handler process's program (ES module source). */
export const HANDLER_HOST = String.raw`
import { pathToFileURL } from 'node:url';
const modules = new Map();
let tsxRegistered = false;
const send = (reply) => process.send(reply);
const errorReply = (errorType, err) => ({
  type: 'error',
  errorType,
  errorMessage: err instanceof Error ? err.message : String(err),
  trace: err instanceof Error && typeof err.stack === 'string' ? err.stack.split('\n') : [],
});
process.on('disconnect', () => process.exit(0));
process.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return;
  let mod = modules.get(msg.file);
  if (!mod) {
    try {
      if (msg.tsx && !tsxRegistered) {
        const api = await import(pathToFileURL(msg.tsx).href);
        (api.register ?? api.default.register)();
        tsxRegistered = true;
      }
      mod = await import(pathToFileURL(msg.file).href);
    } catch (err) {
      send(errorReply('Runtime.ImportModuleError', err));
      return;
    }
    modules.set(msg.file, mod);
  }
  const handler = typeof mod.handler === 'function' ? mod.handler : mod.default && typeof mod.default.handler === 'function' ? mod.default.handler : undefined;
  if (!handler) {
    send({ type: 'error', errorType: 'Runtime.HandlerNotFound', errorMessage: msg.file + ' does not export a function named handler', trace: [] });
    return;
  }
  const deadline = Date.now() + msg.timeoutMs;
  const context = {
    functionName: msg.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:' + msg.functionName,
    awsRequestId: msg.requestId,
    memoryLimitInMB: '128',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const value = await handler(JSON.parse(msg.event), context);
    const payload = JSON.stringify(value === undefined ? null : value);
    send({ type: 'result', payload });
  } catch (err) {
    send(errorReply(err instanceof Error ? err.name || 'Error' : typeof err, err));
  }
});
`;
