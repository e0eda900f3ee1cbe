/**
 * Slow clients are timed out, long polls are not: connections that trickle their headers or body,
 * or send nothing at all, are closed after the configured timeouts while polls that wait longer
 * than those timeouts still answer. (Timeouts are scaled down here; the defaults are 10 s / 30 s.)
 */
import { type Socket, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 1_500;
const POLL_TIMEOUT_MS = 2 * REQUEST_TIMEOUT_MS;

let server: LocalSwfServer;
beforeAll(async () => {
  server = await createServer({
    dataDir: ':memory:',
    port: 0,
    headersTimeoutMs: HEADERS_TIMEOUT_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    pollTimeoutMs: POLL_TIMEOUT_MS,
  });
  await post('RegisterDomain', { name: 'slow', workflowExecutionRetentionPeriodInDays: '1' });
  await post('RegisterWorkflowType', {
    domain: 'slow',
    name: 'W',
    version: '1',
    defaultTaskList: { name: 'tl' },
    defaultTaskStartToCloseTimeout: '60',
    defaultExecutionStartToCloseTimeout: '600',
    defaultChildPolicy: 'TERMINATE',
  });
});
afterAll(() => server.close());

function post(target: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `SimpleWorkflowService.${target}` },
    body: JSON.stringify(body),
  });
}

/** A raw connection that records what the server sent and resolves `closed` when the server hangs up. */
interface Raw {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
}

function open(): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString()));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.once('connect', () => resolve({ socket, received: () => received, closed }));
    socket.once('error', reject);
  });
}

/** Writes `text` one byte at a time, a byte every `everyMs`, until the connection is closed. */
function trickle(raw: Raw, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (raw.socket.destroyed || i >= text.length) return clearInterval(timer);
    raw.socket.write(text[i++] as string);
  }, everyMs);
  void raw.closed.then(() => clearInterval(timer));
}

const SLOW_HEADERS = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: SimpleWorkflowService.ListDomains\r\nX-Padding: ${'a'.repeat(10_000)}\r\n\r\n`;
const SLOW_BODY_HEAD =
  'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: SimpleWorkflowService.ListDomains\r\nContent-Length: 10000\r\n\r\n';

describe('slow clients (real sockets)', () => {
  it(
    'closes connections that trickle headers, trickle a body or send nothing, and keeps serving others',
    { timeout: 30_000 },
    async () => {
      const trickleHeaders = await Promise.all(Array.from({ length: 20 }, open));
      const trickleBody = await Promise.all(Array.from({ length: 10 }, open));
      const silent = await Promise.all(Array.from({ length: 10 }, open));
      for (const raw of trickleHeaders) trickle(raw, SLOW_HEADERS, 20);
      for (const raw of trickleBody) {
        raw.socket.write(SLOW_BODY_HEAD);
        trickle(raw, '{'.padEnd(10_000, ' '), 20);
      }
      // Served meanwhile.
      const listed = await post('ListDomains', { registrationStatus: 'REGISTERED' });
      expect(listed.status).toBe(200);

      await Promise.all([...trickleHeaders, ...trickleBody, ...silent].map((raw) => raw.closed));
      for (const raw of [...trickleHeaders, ...trickleBody])
        expect(raw.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      // Closed by the connection timeout (nothing sent) or by Node's header timeout (a 408), whichever checks first.
      for (const raw of silent) expect(raw.received()).toMatch(/^(|HTTP\/1\.1 408 Request Timeout\r\n[\s\S]*)$/);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    },
  );

  it(
    'a long poll that waits longer than both timeouts still answers (empty at the poll timeout)',
    { timeout: 30_000 },
    async () => {
      const res = await post('PollForDecisionTask', { domain: 'slow', taskList: { name: 'tl' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ startedEventId: 0, previousStartedEventId: 0 });
    },
  );

  it(
    'many long polls wait side by side past the timeouts, then each started workflow goes to exactly one poller',
    { timeout: 30_000 },
    async () => {
      type PollAnswer = { status: number; body: { taskToken?: string; workflowExecution?: { workflowId: string } } };
      const pollMany = (n: number): Promise<PollAnswer[]> =>
        Promise.all(
          Array.from({ length: n }, () =>
            post('PollForDecisionTask', { domain: 'slow', taskList: { name: 'many' } }).then(async (r) => ({
              status: r.status,
              body: (await r.json()) as PollAnswer['body'],
            })),
          ),
        );
      const idle = await pollMany(50);
      expect(idle.map((a) => [a.status, a.body.taskToken ?? ''])).toEqual(Array.from({ length: 50 }, () => [200, '']));

      const polls = pollMany(50);
      for (let i = 0; i < 50; i++) {
        const started = await post('StartWorkflowExecution', {
          domain: 'slow',
          workflowId: `many-${i}`,
          workflowType: { name: 'W', version: '1' },
          taskList: { name: 'many' },
        });
        expect(started.status).toBe(200);
      }
      const answers = await polls;
      expect(answers.every((a) => a.status === 200)).toBe(true);
      const got = answers
        .map((a) => a.body.workflowExecution?.workflowId)
        .filter((id): id is string => id !== undefined);
      expect(new Set(got).size).toBe(got.length);
      const pending = (await (
        await post('CountPendingDecisionTasks', { domain: 'slow', taskList: { name: 'many' } })
      ).json()) as { count: number };
      expect(got.length + pending.count).toBe(50);
    },
  );
});

describe('createServer timeout options', () => {
  it('rejects timeouts that are not positive, longer than a timer waits, or contradict each other', async () => {
    await expect(createServer({ port: 0, headersTimeoutMs: 0 })).rejects.toThrow(
      'headersTimeoutMs must be a positive number of milliseconds; got 0',
    );
    await expect(createServer({ port: 0, headersTimeoutMs: 2_000, requestTimeoutMs: 1_000 })).rejects.toThrow(
      'headersTimeoutMs (2000) must not be longer than requestTimeoutMs (1000)',
    );
    await expect(createServer({ port: 0, keepAliveTimeoutMs: -1 })).rejects.toThrow(
      'keepAliveTimeoutMs must be a positive number of milliseconds; got -1',
    );
    // Longer than a Node.js timer waits: the timer would fire at once, closing each kept-alive connection after its answer.
    await expect(createServer({ port: 0, keepAliveTimeoutMs: 3_000_000_000 })).rejects.toThrow(
      'keepAliveTimeoutMs must be at most 2147483647 ms (about 24.8 days, the longest a Node.js timer waits); got 3000000000',
    );
  });
});
