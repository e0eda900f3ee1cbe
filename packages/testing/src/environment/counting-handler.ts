/**
 * The environment's SDK request handler: the server's in-process handler, counting the requests in
 * flight that may change the service's state (starts, signals, task answers, ...). Time is never
 * skipped while one is on its way, so a signal sent just before `result()` lands first.
 */
import { endsPollsGracefully, markGracefulPollEnd } from '@swf-flow/common';
import type { InProcessRequestHandler } from '@swf-flow/server';

/** Read-only operations (and long polls): they never make work for a worker. */
const READ_ONLY = /^(Poll|Get|Describe|List|Count)/;

/** An in-process handler that knows how many state-changing requests it is serving. */
export interface CountingHandler extends InProcessRequestHandler {
  /** State-changing requests sent and not answered yet. */
  readonly writesInFlight: number;
}

function operationOf(headers: Record<string, string>): string {
  const target = Object.entries(headers).find(([k]) => k.toLowerCase() === 'x-amz-target')?.[1] ?? '';
  return target.slice(target.lastIndexOf('.') + 1);
}

/** Wraps `inner`, counting state-changing requests in flight. */
export function countingHandler(inner: InProcessRequestHandler): CountingHandler {
  let writes = 0;
  const handler: CountingHandler = {
    metadata: inner.metadata,
    get writesInFlight() {
      return writes;
    },
    async handle(request, options) {
      if (READ_ONLY.test(operationOf(request.headers))) return inner.handle(request, options);
      writes += 1;
      try {
        return await inner.handle(request, options);
      } finally {
        writes -= 1;
      }
    },
    updateHttpClientConfig: (key, value) => inner.updateHttpClientConfig(key, value),
    httpHandlerConfigs: () => inner.httpHandlerConfigs(),
    destroy: () => inner.destroy(),
  };
  // Aborts reach `inner` as they are: a worker's shutdown may end its polls as it ends `inner`'s.
  return endsPollsGracefully(inner) ? markGracefulPollEnd(handler) : handler;
}
