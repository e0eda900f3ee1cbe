/**
 * A client built by resolveSwfClient builds its middleware chain once per command class and abort
 * signal, also for the requests that pass one (long polls), and an abort still ends a request in
 * flight. Requests go to a real `node:http` server; a poll it holds open shows the abort.
 */
import {
  PollForDecisionTaskCommand,
  RespondDecisionTaskCompletedCommand,
  SWFClient,
  type PollForDecisionTaskCommandOutput,
} from '@aws-sdk/client-swf';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withHandlerCache } from './sdk-handler-cache.js';
import { resolveSwfClient } from './swf-client.js';

let server: Server;
let endpoint: string;
/** Requests whose answer the test holds back. */
const held: ServerResponse[] = [];
let hold = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (hold) {
        held.push(res);
        return;
      }
      const body = String(req.headers['x-amz-target']).endsWith('.PollForDecisionTask')
        ? JSON.stringify({ taskToken: 'token', startedEventId: 3, events: [] })
        : '{}';
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const config = () => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  maxAttempts: 1,
});
const poll = () => new PollForDecisionTaskCommand({ domain: 'd', taskList: { name: 'tl' } });
const respond = () => new RespondDecisionTaskCompletedCommand({ taskToken: 'token', decisions: [] });

describe('the middleware chain cache', () => {
  it('builds one chain per command class and abort signal, with or without a signal', async () => {
    const client = resolveSwfClient(SWFClient, config(), 'swf', { debug() {} });
    const pollChains = vi.spyOn(PollForDecisionTaskCommand.prototype, 'resolveMiddleware');
    const respondChains = vi.spyOn(RespondDecisionTaskCompletedCommand.prototype, 'resolveMiddleware');
    try {
      const stop = new AbortController().signal;
      for (let i = 0; i < 5; i++) {
        const out: PollForDecisionTaskCommandOutput = await client.send(poll(), { abortSignal: stop });
        expect(out.taskToken).toBe('token');
        await client.send(respond());
      }
      expect(pollChains).toHaveBeenCalledTimes(1);
      expect(respondChains).toHaveBeenCalledTimes(1);
      // Another signal gets a chain of its own; a poll without one, another.
      await client.send(poll(), { abortSignal: new AbortController().signal });
      await client.send(poll());
      await client.send(poll());
      expect(pollChains).toHaveBeenCalledTimes(3);
      // Other options go the SDK's way (a chain per request), and leave the cache as it was.
      await client.send(poll(), { abortSignal: stop, requestTimeout: 5_000 } as never);
      await client.send(poll(), { abortSignal: stop });
      expect(pollChains).toHaveBeenCalledTimes(4);
      // A callback too.
      await new Promise<void>((resolve, reject) =>
        client.send(respond(), (err: unknown) => (err ? reject(err as Error) : resolve())),
      );
      expect(respondChains).toHaveBeenCalledTimes(2);
    } finally {
      pollChains.mockRestore();
      respondChains.mockRestore();
      client.destroy();
    }
  });

  it('still aborts a request in flight through its cached chain', async () => {
    const client = resolveSwfClient(SWFClient, config(), 'swf', { debug() {} });
    const controller = new AbortController();
    try {
      await client.send(poll(), { abortSignal: controller.signal }); // the chain is built and cached
      hold = true;
      const open = client.send(poll(), { abortSignal: controller.signal });
      await vi.waitFor(() => expect(held).toHaveLength(1), { timeout: 20_000 }); // the server holds it (bounds a hang)
      controller.abort();
      await expect(open).rejects.toMatchObject({ name: 'AbortError' });
      // An aborted signal fails at once, before anything is sent.
      await expect(client.send(poll(), { abortSignal: controller.signal })).rejects.toMatchObject({
        name: 'AbortError',
      });
      expect(held).toHaveLength(1);
    } finally {
      hold = false;
      client.destroy();
    }
  });

  it('leaves a client whose cacheMiddleware is off to the SDK', async () => {
    const client = withHandlerCache(new SWFClient({ ...config(), cacheMiddleware: false }));
    const pollChains = vi.spyOn(PollForDecisionTaskCommand.prototype, 'resolveMiddleware');
    try {
      const stop = new AbortController().signal;
      await client.send(poll(), { abortSignal: stop });
      await client.send(poll(), { abortSignal: stop });
      expect(pollChains).toHaveBeenCalledTimes(2);
    } finally {
      pollChains.mockRestore();
      client.destroy();
    }
  });
});
