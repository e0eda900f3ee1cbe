/** Where the local service gets the functions of Lambda tasks: the `lambdas` option. */
import { type Logger } from '@swf-flow/common';
import { EndpointInvoker, type EndpointInvokerOptions } from './endpoint-invoker.js';
import { type LambdaInvoker } from './invoker.js';
import { LocalHandlers } from './local-handlers.js';

/**
 * A source of Lambda functions: local handler modules (`{ handlers: './lambdas' }`: `<name>.js` or
 * `<name>.ts` exporting `handler(event, context)`, each run in a process of its own), a
 * Lambda-compatible endpoint (`{ endpoint: 'http://127.0.0.1:3001' }`, invoked with the Lambda
 * API's `Invoke`), or an invoker of your own.
 */
export type LambdaSource = { handlers: string } | EndpointInvokerOptions | LambdaInvoker;

function isInvoker(source: LambdaSource): source is LambdaInvoker {
  return typeof (source as LambdaInvoker).invoke === 'function';
}

/**
 * The invoker for a source; `logger` receives the output of local handlers.
 * @throws Error when the handler directory does not exist or the endpoint is not an http(s) URL.
 */
export function createLambdaInvoker(source: LambdaSource, logger: Logger): LambdaInvoker {
  if (typeof source !== 'object' || source === null) {
    throw new Error("lambdas must be { handlers: './lambdas' } or { endpoint: 'http://127.0.0.1:3001' }");
  }
  if (isInvoker(source)) return source;
  if ('handlers' in source && 'endpoint' in source) throw new Error('lambdas: give handlers or endpoint, not both');
  if ('handlers' in source) return new LocalHandlers({ dir: source.handlers, logger });
  if ('endpoint' in source) return new EndpointInvoker(source);
  throw new Error("lambdas must be { handlers: './lambdas' } or { endpoint: 'http://127.0.0.1:3001' }");
}
