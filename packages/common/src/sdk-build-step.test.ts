/**
 * The lean content-length and host-header middlewares do what the SDK's do, request by request:
 * each is run beside the SDK's own (taken from a stock client's stack, so bound to the same
 * configuration) on the same requests, and what each hands the next middleware — the arguments,
 * the headers in order — and what it answers or throws are compared.
 */
import { RespondActivityTaskCompletedCommand, SWFClient } from '@aws-sdk/client-swf';
import { afterAll, describe, expect, it } from 'vitest';
import { contentLength, hostHeader, withLeanBuildSteps } from './sdk-build-step.js';
import { findMiddleware } from './sdk-stack.js';
import { resolveSwfClient } from './swf-client.js';

const stock = new SWFClient({
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:1',
  credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
});
afterAll(() => stock.destroy());

type Args = { request?: unknown; [key: string]: unknown };
type Middleware = (next: (args: Args) => unknown, context: unknown) => (args: Args) => Promise<unknown>;

function sdkMiddleware(name: string): Middleware {
  const found = findMiddleware(stock.middlewareStack as never, name);
  if (!found) throw new Error(`the stock client has no ${name}`);
  return found.middleware as unknown as Middleware;
}

const request = (fields: Record<string, unknown> = {}, headers: Record<string, string> = {}) => ({
  method: 'POST',
  protocol: 'http:',
  hostname: '127.0.0.1',
  port: 8787 as number | null | undefined,
  path: '/',
  query: {},
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'SimpleWorkflowService.X', ...headers },
  body: '{"taskToken":"t","result":"ünïcödé"}' as unknown,
  ...fields,
});

/** Runs `middleware` on a copy of `args` with a next middleware that records and answers `answer`. */
async function run(middleware: Middleware, args: Args, answer: (args: Args) => unknown) {
  const copy: Args = { ...args };
  if (args.request && typeof args.request === 'object') {
    const r = args.request as { headers?: object };
    copy.request = { ...r, headers: { ...r.headers } };
  }
  let seen: unknown;
  const next = (a: Args) => {
    const r = a.request as { headers?: object } | undefined;
    seen = { args: a, headers: r?.headers ? Object.entries(r.headers) : undefined };
    return answer(a);
  };
  const outcome = await middleware(
    next,
    {},
  )(copy).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return { seen, outcome };
}

async function same(sdk: Middleware, lean: Middleware, args: Args, answer: (args: Args) => unknown = () => 'ok') {
  const expected = await run(sdk, args, answer);
  expect(await run(lean, args, answer)).toEqual(expected);
}

describe('the lean build-step middlewares', () => {
  const checker = (stock.config as { bodyLengthChecker: (body: unknown) => number }).bodyLengthChecker;

  it('set content-length as the SDK does', async () => {
    const sdk = sdkMiddleware('contentLengthMiddleware');
    const lean = contentLength(checker) as Middleware;
    for (const args of [
      { request: request() },
      { request: request({}, { 'Content-Length': '3' }) },
      { request: request({}, { 'content-length': '99' }) },
      { request: request({ body: undefined }) },
      { request: request({ body: '' }) },
      { request: request({ body: new TextEncoder().encode('{"a":1}') }) },
      { request: request({ body: { pipe() {}, on() {} } }) }, // a length the checker cannot tell
      { request: { not: 'an HttpRequest' }, input: { a: 1 } },
      { input: {} },
    ])
      await same(sdk, lean, args);
  });

  it('set host or :authority as the SDK does', async () => {
    const sdk = sdkMiddleware('hostHeaderMiddleware');
    const lean = hostHeader(stock.config as never) as Middleware;
    const handler = stock.config.requestHandler as unknown as { metadata?: { handlerProtocol?: string } };
    const saved = handler.metadata;
    try {
      for (const metadata of [saved, { handlerProtocol: 'h2' }, undefined]) {
        handler.metadata = metadata;
        for (const args of [
          { request: request() },
          { request: request({ port: null }) },
          { request: request({ port: undefined }) },
          { request: request({ port: 0 }) },
          { request: request({ hostname: undefined, port: null }) },
          { request: request({}, { host: 'already.example' }) },
          { request: request({}, { ':authority': 'already.example' }) },
          { request: { not: 'an HttpRequest' } },
        ])
          await same(sdk, lean, args);
      }
    } finally {
      handler.metadata = saved;
    }
  });

  it('answer what the next middleware answers, and fail as an async function would', async () => {
    const pairs: Array<[Middleware, Middleware]> = [
      [sdkMiddleware('contentLengthMiddleware'), contentLength(checker) as Middleware],
      [sdkMiddleware('hostHeaderMiddleware'), hostHeader(stock.config as never) as Middleware],
    ];
    for (const [sdk, lean] of pairs) {
      await same(sdk, lean, { request: request() }, () => ({ output: 1 })); // a value, not a promise
      await same(sdk, lean, { request: request() }, () => Promise.reject(new Error('rejected')));
      await same(sdk, lean, { request: request() }, () => {
        throw new Error('thrown');
      });
      const thrown = lean(() => {
        throw new Error('thrown');
      }, {})({ request: request() });
      expect(thrown).toBeInstanceOf(Promise); // a rejection, not a synchronous throw
      await expect(thrown).rejects.toThrow('thrown');
    }
  });

  it('are what a client swf-flow builds uses, in the SDK’s places', () => {
    const client = resolveSwfClient(
      SWFClient,
      { region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } },
      'swf',
      { debug() {} },
    );
    try {
      const names = (stack: unknown) => (stack as { identify(): string[] }).identify();
      expect(names(client.middlewareStack)).toEqual(
        names(stock.middlewareStack).filter((n) => !n.startsWith('loggerMiddleware')),
      );
      for (const name of ['contentLengthMiddleware', 'hostHeaderMiddleware']) {
        const ours = findMiddleware(client.middlewareStack as never, name)?.middleware;
        expect(ours).toBeDefined();
        expect(ours).not.toBe(findMiddleware(stock.middlewareStack as never, name)?.middleware);
      }
      expect(withLeanBuildSteps({ applyToStack() {}, add() {}, remove: () => false }, {})).toBe(0);
    } finally {
      client.destroy();
    }
  });

  it('leave a user’s middleware around them running as on a stock client', async () => {
    const sent: Array<Record<string, string>> = [];
    const requestHandler = {
      metadata: { handlerProtocol: 'http/1.1' },
      handle: async (request: { headers: Record<string, string> }) => {
        sent.push({ ...request.headers });
        return {
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/x-amz-json-1.0' },
            body: Buffer.from('{}'),
          },
        };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      destroy() {},
    };
    const config = {
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      requestHandler: requestHandler as never,
    };
    const seen: string[] = [];
    const withUserMiddleware = (client: SWFClient) => {
      // before the content-length step: a body of another length
      client.middlewareStack.add(
        (next) => async (args) => {
          (args.request as { body: string }).body = '{"taskToken":"longer than before","result":"1"}';
          return next(args);
        },
        { step: 'build', priority: 'high', name: 'userBody' },
      );
      // right after the host header: sees it
      const afterHost =
        (next: (args: { request?: unknown }) => Promise<unknown>) => async (args: { request?: unknown }) => {
          seen.push((args.request as { headers: Record<string, string> }).headers.host ?? 'none');
          return next(args);
        };
      client.middlewareStack.addRelativeTo(afterHost as never, {
        relation: 'after',
        toMiddleware: 'hostHeaderMiddleware',
        name: 'userAfterHost',
      });
      return client;
    };
    const ours = withUserMiddleware(resolveSwfClient(SWFClient, config, 'swf', { debug() {} }));
    const theirs = withUserMiddleware(new SWFClient(config));
    try {
      for (const client of [theirs, ours])
        await client.send(new RespondActivityTaskCompletedCommand({ taskToken: 't', result: '1' }));
      expect(seen).toEqual(['127.0.0.1:1', '127.0.0.1:1']);
      expect(sent[1]?.['content-length']).toBe(
        String(Buffer.byteLength('{"taskToken":"longer than before","result":"1"}')),
      );
      expect(sent[1]?.['content-length']).toBe(sent[0]?.['content-length']);
    } finally {
      ours.destroy();
      theirs.destroy();
    }
  });
});
