/**
 * What an operator sees of open long polls is the same in every shape the service runs in: the
 * service on the calling thread (`createServer`, as `swf-flow server` runs it) and on a thread of
 * its own (`startServerThread`, as `npm start` runs it). `GET /health` reports them
 * (`waitingPolls`), and each shape's handle answers `waitingPolls()` the same way (a promise).
 */
import { PollForActivityTaskCommand, RegisterDomainCommand } from '@aws-sdk/client-swf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LocalSwfEndpoint, createServer, startServerThread } from '../src/index.js';
import { httpClient } from './support/sdk.js';

let server: LocalSwfEndpoint | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const health = async (s: LocalSwfEndpoint): Promise<Record<string, unknown>> =>
  (await (await fetch(`${s.url}/health`)).json()) as Record<string, unknown>;

describe.each([
  ['createServer (the calling thread; swf-flow server)', () => createServer({ dataDir: ':memory:', port: 0 })],
  ['startServerThread (a thread of its own; npm start)', () => startServerThread({ dataDir: ':memory:', port: 0 })],
])('%s', (_shape, start) => {
  it('reports the long polls it holds, on /health and from waitingPolls()', async () => {
    const s = (server = await start());
    expect(await health(s)).toMatchObject({ status: 'ok', waitingPolls: 0 });
    const swf = httpClient(s.url);
    await swf.send(new RegisterDomainCommand({ name: 'd', workflowExecutionRetentionPeriodInDays: '1' }));
    const stop = new AbortController();
    const poll = swf
      .send(new PollForActivityTaskCommand({ domain: 'd', taskList: { name: 'q' } }), { abortSignal: stop.signal })
      .catch(() => undefined);
    await vi.waitFor(async () => expect(await s.waitingPolls()).toBe(1), { timeout: 10_000, interval: 10 });
    expect(await health(s)).toMatchObject({ waitingPolls: 1 });
    stop.abort();
    await poll;
    await vi.waitFor(async () => expect((await health(s)).waitingPolls).toBe(0), { timeout: 10_000, interval: 10 });
  });
});
