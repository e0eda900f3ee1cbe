/**
 * The fused chain's recursion-detection step gives a request the headers the SDK's own
 * `recursionDetectionMiddleware` gives it (same names, values and order), in and outside a Lambda
 * function, with trace headers already set in any case.
 */
import { SWFClient } from '@aws-sdk/client-swf';
import { afterEach, describe, expect, it } from 'vitest';
import { detectRecursion, invokeStore } from './sdk-recursion-detection.js';
import { findMiddleware } from './sdk-stack.js';

const saved = { name: process.env.AWS_LAMBDA_FUNCTION_NAME, trace: process.env._X_AMZN_TRACE_ID };
function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
afterEach(() => {
  setEnv('AWS_LAMBDA_FUNCTION_NAME', saved.name);
  setEnv('_X_AMZN_TRACE_ID', saved.trace);
});

/** The headers as the SDK's middleware leaves them. */
async function sdkHeaders(headers: Record<string, string>): Promise<Array<[string, string]>> {
  const swf = new SWFClient({ region: 'us-east-1' });
  const sdk = findMiddleware(swf.middlewareStack, 'recursionDetectionMiddleware')?.middleware as unknown as (
    next: (args: { request: Request }) => Promise<unknown>,
    context: object,
  ) => (args: { input: object; request: Request }) => Promise<unknown>;
  let seen: Record<string, string> = {};
  const handler = sdk(async (args) => {
    seen = args.request.headers;
    return { response: {}, output: {} };
  }, {});
  // an HTTP request as the SDK tells one (HttpRequest.isInstance)
  const request = {
    method: 'POST',
    protocol: 'http:',
    hostname: 'localhost',
    path: '/',
    query: {},
    headers: { ...headers },
  };
  await handler({ input: {}, request });
  return Object.entries(seen);
}

interface Request {
  method: string;
  protocol: string;
  hostname: string;
  path: string;
  query: object;
  headers: Record<string, string>;
}

const base = { 'content-type': 'application/x-amz-json-1.0', host: 'localhost', 'content-length': '2' };

describe('detectRecursion', () => {
  it.each([
    ['outside a Lambda function', undefined, undefined, base],
    ['in a Lambda function with a trace id', 'fn', 'Root=1-a', base],
    ['in a Lambda function without a trace id', 'fn', '', base],
    ['a trace id only in the environment', undefined, 'Root=1-b', base],
    ['a trace id header already set, in any case', 'fn', 'Root=1-c', { ...base, 'x-amzn-trace-id': 'mine' }],
    [
      'trace headers in mixed case among others',
      'fn',
      'Root=1-d',
      { Traceparent: 'tp', host: 'h', TraceState: 'ts', 'x-a': '1', BAGGAGE: 'b', traceparent2: 'x' },
    ],
  ])('%s: the SDK middleware’s headers, in order', async (_what, name, trace, headers) => {
    setEnv('AWS_LAMBDA_FUNCTION_NAME', name);
    setEnv('_X_AMZN_TRACE_ID', trace);
    const expected = await sdkHeaders(headers); // also publishes the invoke store
    const store = invokeStore();
    expect(store).toBeDefined();
    const ours = { ...headers };
    detectRecursion(ours, store!);
    expect(Object.entries(ours)).toEqual(expected);
  });
});
