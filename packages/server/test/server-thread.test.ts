/**
 * `startServerThread`: the real service on a thread of its own, on a real SQLite file, reached by
 * the SDK over HTTP. Its start's failures reach the caller as `createServer`'s own errors; options
 * that cannot cross a thread are refused; `close()` ends pending long polls and is safe twice; a
 * thread that stops without `close()` is reported, never a hang. (A workflow run to completion by
 * a real Worker against it: test/service-thread.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListDomainsCommand, PollForActivityTaskCommand, RegisterDomainCommand } from '@aws-sdk/client-swf';
import { ValidationError } from '@swf-flow/common';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  type CreateServerOptions,
  DataDirectoryInUseError,
  type LocalSwfServerThread,
  ManualClock,
  ServerThreadError,
  createServer,
  startServerThread,
  systemClock,
} from '../src/index.js';
import { type ChildServer, startChildServer } from './support/child-server.js';
import { httpClient } from './support/sdk.js';

const root = mkdtempSync(join(tmpdir(), 'swf-flow-thread-'));
const children: ChildServer[] = [];
afterAll(() => {
  for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** Waits (at most 10 s) until the service on the thread holds `n` long polls. */
async function waitingPolls(server: LocalSwfServerThread, n: number): Promise<void> {
  await vi.waitFor(async () => expect(await server.waitingPolls()).toBe(n), { timeout: 10_000, interval: 10 });
}

/** What `start(options)` rejects with: its class and message, and Node's error code if any. */
async function failure(start: Promise<unknown>): Promise<{ type: string; message: string; code?: unknown }> {
  const err = await start.then(
    () => expect.fail('started'),
    (e: unknown) => e as Error & { code?: unknown },
  );
  return { type: err.constructor.name, message: err.message, ...(err.code === undefined ? {} : { code: err.code }) };
}

describe('startServerThread (the service on a thread of its own, a SQLite file, the SDK over HTTP)', () => {
  it('serves the SWF API and the web UI from its thread; its data is on disk and the directory is free after close', async () => {
    const dataDir = join(root, 'serves');
    const server = await startServerThread({ dataDir, port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.uiUrl).toBe(`${server.url}/`);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.threadId).toBeGreaterThan(0);
    expect(server).not.toHaveProperty('service');
    expect(server).not.toHaveProperty('requestHandler');
    const swf = httpClient(server.url);
    await swf.send(new RegisterDomainCommand({ name: 'threaded', workflowExecutionRetentionPeriodInDays: '1' }));
    const { domainInfos } = await swf.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    expect(domainInfos?.map((d) => d.name)).toEqual(['threaded']);
    const home = await fetch(server.uiUrl);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('threaded');
    expect(existsSync(join(dataDir, 'swf.sqlite'))).toBe(true);
    swf.destroy();
    await server.close();
    await expect(server.closed).resolves.toBeUndefined();

    // The thread let go of the directory: a service on this thread opens it and finds the domain.
    const again = await createServer({ dataDir, port: 0 });
    const info = await again.service.handle('DescribeDomain', { name: 'threaded' });
    expect(info).toMatchObject({ domainInfo: { name: 'threaded', status: 'REGISTERED' } });
    await again.close();
  });

  it('answers while the calling thread is blocked (as by a long replay or an activity that computes)', async () => {
    const server = await startServerThread({ port: 0 });
    try {
      // execFileSync blocks this thread until the child exits; the child exits once it has its answer.
      const script = `fetch(${JSON.stringify(`${server.url}/health`)}).then(async (r) => console.log(r.status, (await r.json()).status))`;
      const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
      expect(out.trim()).toBe('200 ok');
    } finally {
      await server.close();
    }
  });

  it('close() ends a pending long poll (it would wait 60 s) and is safe twice', async () => {
    const server = await startServerThread({ dataDir: join(root, 'close'), port: 0, pollTimeoutMs: 60_000 });
    const swf = httpClient(server.url);
    await swf.send(new RegisterDomainCommand({ name: 'lp', workflowExecutionRetentionPeriodInDays: '1' }));
    const pending = swf.send(new PollForActivityTaskCommand({ domain: 'lp', taskList: { name: 'tl' } })).then(
      (task) => task.taskToken ?? '',
      () => 'closed',
    );
    await waitingPolls(server, 1);
    const first = server.close();
    const second = server.close();
    await Promise.all([first, second]);
    expect(['', 'closed']).toContain(await pending);
    await expect(server.close()).resolves.toBeUndefined();
    await expect(server.closed).resolves.toBeUndefined();
    await expect(server.waitingPolls()).rejects.toBeInstanceOf(ServerThreadError);
    swf.destroy();
  });

  it('a port in use fails the start with the error createServer gives', async () => {
    const taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const onThread = await failure(startServerThread({ port }));
      expect(onThread).toEqual(await failure(createServer({ port })));
      expect(onThread).toMatchObject({ code: 'EADDRINUSE', message: expect.stringContaining(`127.0.0.1:${port}`) });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('a data directory held by another process fails the start with DataDirectoryInUseError naming it', async () => {
    const dataDir = join(root, 'held');
    const holder = await startChildServer(dataDir);
    children.push(holder);
    const err = await startServerThread({ dataDir, port: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirectoryInUseError);
    expect(err).toMatchObject({ dataDir, holder: { pid: holder.process.pid, url: holder.url } });
    expect((err as Error).message).toContain(`pid ${holder.process.pid}`);
    holder.process.kill('SIGTERM');
    expect(await holder.exited).toBe(0);
  }, 120_000); // a child server's start is bounded at 60 s (support/child-server.ts)

  it.each<[string, CreateServerOptions]>([
    ['a port out of range', { port: 70_000 }],
    ['a headers timeout longer than the request timeout', { headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 }],
    ['a non-positive keep-alive timeout', { keepAliveTimeoutMs: 0 }],
    ['an unknown durability (found on the thread)', { durability: 'sometimes' as never }],
    ['a bad Lambda endpoint (found on the thread)', { lambdas: { endpoint: 'ftp://example.com' } }],
  ])('%s fails the start with the error createServer gives', async (_, options) => {
    const onThread = await failure(startServerThread({ port: 0, ...(options as object) }));
    expect(onThread).toEqual(await failure(createServer({ port: 0, ...options })));
  });

  it('refuses what cannot cross to a thread, saying what to do', async () => {
    await expect(startServerThread({ clock: new ManualClock() as never })).rejects.toThrow(
      new ValidationError(
        'startServerThread: a clock cannot cross to the service thread (its schedule and its advance() live in ' +
          'this one); run the service on this thread with createServer({ clock }) — or startLocalService({ clock }), ' +
          'which does so — or leave the clock out for real time',
      ),
    );
    const invoker = { invoke: () => Promise.resolve({ ok: true as const, result: '' }) };
    await expect(startServerThread({ lambdas: invoker as never })).rejects.toThrow(
      /a Lambda invoker of your own cannot cross to the service thread; pass \{ handlers: '\.\/lambdas' \}/,
    );
    await expect(
      startServerThread({
        lambdas: { endpoint: 'http://127.0.0.1:3001', client: { credentials: () => ({}) as never } },
      }),
    ).rejects.toThrow(/option lambdas cannot be copied to the service thread \(.*\); give it as plain data/);
    await expect(startServerThread({ clock: new ManualClock() as never })).rejects.toBeInstanceOf(ValidationError);
    // The real-time clock is the default one: accepted.
    const server = await startServerThread({ port: 0, clock: systemClock as never });
    await server.close();
  });

  it('a thread that stops without close() rejects closed and close() with ServerThreadError instead of hanging', async () => {
    const server = await startServerThread({ port: 0 });
    const stopped = server.closed.catch((e: unknown) => e);
    // A message the thread does not know makes it throw: the way an internal failure would end it.
    const { serverThreadWorker } = await import('../src/thread/start.js');
    serverThreadWorker(server)?.postMessage({ type: 'nonsense' });
    const err = (await stopped) as ServerThreadError;
    expect(err).toBeInstanceOf(ServerThreadError);
    expect(err.message).toMatch(
      /thread \(http:\/\/127\.0\.0\.1:\d+\) stopped: the service thread got a message it does not know/,
    );
    await expect(server.close()).rejects.toBe(err);
    await expect(server.waitingPolls()).rejects.toBe(err);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});
