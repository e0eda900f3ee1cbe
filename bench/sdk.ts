/**
 * The worker's per-request SDK CPU (issue 9, target 3): `SWFClient.send` against a local HTTP
 * server that answers at once with canned SWF responses, so nearly all the time is the client's:
 * middleware, endpoint, SigV4 signing, serialization and parsing. Each of the hot operations of a
 * worker and a client is timed; beside each, the same exchange with `node:http` and JSON (the wire
 * floor). `--stock` uses the SDK's own client as `new SWFClient(config)` builds it (nothing of
 * swf-flow's pipeline changes), for a before/after in one process. `--no-socket` hands each
 * request to an in-process handler that answers at once (no HTTP on either side): the CPU is then
 * the SDK pipeline's alone, beside a floor of `JSON.stringify` of the input and `JSON.parse` of the
 * answer. Beside each figure, the promises one call creates (counted by an async hook after the
 * timing): each of them also runs every process-wide async hook of a worker process.
 *
 * `--hooks` runs the calls as a worker process does: with a process-wide `async_hooks` hook with an
 * `init` (the replayer keeps one) and an `AsyncLocalStorage` entered (the worker's), so each
 * promise a request creates also pays what it pays in a worker.
 *
 * `--against DIR` builds a second client the same way with another checkout's `resolveSwfClient`
 * (same SDK) and times both in turns, `--rounds` times each (median; default 5): a before/after of
 * swf-flow's pipeline that the machine's load affects alike.
 *
 *     tsx bench/sdk.ts [--calls 2000] [--only PollForDecisionTask,...] [--stock] [--no-socket] [--hooks] [--against DIR [--rounds 5]]
 */
import {
  GetWorkflowExecutionHistoryCommand,
  PollForActivityTaskCommand,
  PollForDecisionTaskCommand,
  RecordActivityTaskHeartbeatCommand,
  RespondActivityTaskCompletedCommand,
  RespondDecisionTaskCompletedCommand,
  SWFClient,
} from '@aws-sdk/client-swf';
import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveSwfClient } from '../packages/common/src/swf-client.js';
import { round } from './child.js';
import { seqHistory } from './seq-workflow.js';

const history = seqHistory(20).events;
const newestFirst = history.slice().reverse();
const token = 't'.repeat(120);
const execution = { workflowId: 'wf', runId: 'run' };

/** A hot operation: the call through the SDK, its input (for the wire floor), the canned answer. */
interface Case {
  op: string;
  send: (swf: SWFClient) => Promise<unknown>;
  input: object;
  answer: string;
}

const decisionPage = (size: number): string =>
  JSON.stringify({
    taskToken: token,
    startedEventId: newestFirst[0]?.eventId,
    previousStartedEventId: (newestFirst[0]?.eventId ?? 6) - 6,
    workflowExecution: execution,
    workflowType: { name: 'seqWorkflow', version: '1.0' },
    events: newestFirst.slice(0, size),
  });

const pollDecision = (maximumPageSize: number) => ({
  domain: 'bench',
  taskList: { name: 'bench' },
  identity: 'bench',
  reverseOrder: true,
  maximumPageSize,
});
const pollActivity = { domain: 'bench', taskList: { name: 'bench' }, identity: 'bench' };
const respondDecision = {
  taskToken: token,
  decisions: [
    {
      decisionType: 'ScheduleActivityTask' as const,
      scheduleActivityTaskDecisionAttributes: {
        activityType: { name: 'step', version: '1.0' },
        activityId: '8',
        input: '[4]',
        taskList: { name: 'bench' },
      },
    },
  ],
};
const respondActivity = { taskToken: token, result: '42' };
const heartbeat = { taskToken: token, details: '"half way"' };
const readHistory = { domain: 'bench', execution, reverseOrder: true, maximumPageSize: 100 };

const cases: Case[] = [
  {
    op: 'PollForDecisionTask',
    send: (swf) => swf.send(new PollForDecisionTaskCommand(pollDecision(25))),
    input: pollDecision(25),
    answer: decisionPage(25),
  },
  {
    op: 'PollForDecisionTask100',
    send: (swf) => swf.send(new PollForDecisionTaskCommand(pollDecision(100))),
    input: pollDecision(100),
    answer: decisionPage(100),
  },
  {
    op: 'PollForActivityTask',
    send: (swf) => swf.send(new PollForActivityTaskCommand(pollActivity)),
    input: pollActivity,
    answer: JSON.stringify({
      taskToken: token,
      activityId: '7',
      startedEventId: 9,
      workflowExecution: execution,
      activityType: { name: 'step', version: '1.0' },
      input: '[3]',
    }),
  },
  {
    op: 'RespondDecisionTaskCompleted',
    send: (swf) => swf.send(new RespondDecisionTaskCompletedCommand(respondDecision)),
    input: respondDecision,
    answer: '{}',
  },
  {
    op: 'RespondActivityTaskCompleted',
    send: (swf) => swf.send(new RespondActivityTaskCompletedCommand(respondActivity)),
    input: respondActivity,
    answer: '{}',
  },
  {
    op: 'RecordActivityTaskHeartbeat',
    send: (swf) => swf.send(new RecordActivityTaskHeartbeatCommand(heartbeat)),
    input: heartbeat,
    answer: '{"cancelRequested":false}',
  },
  {
    op: 'GetWorkflowExecutionHistory',
    send: (swf) => swf.send(new GetWorkflowExecutionHistoryCommand(readHistory)),
    input: readHistory,
    answer: JSON.stringify({ events: newestFirst.slice(0, 100) }),
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const calls = argv.includes('--calls') ? Number(argv[argv.indexOf('--calls') + 1]) : 2000;
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1]?.split(',') : undefined;
  const stock = argv.includes('--stock');
  const hooks = argv.includes('--hooks');
  if (hooks) {
    // what a worker process carries: the replayer's init hook and an entered AsyncLocalStorage
    let seen = 0;
    createHook({
      init(_id, type) {
        if (type === 'PROMISE') seen++;
      },
    }).enable();
    new AsyncLocalStorage<{ seen: () => number }>().enterWith({ seen: () => seen });
  }
  const answers = new Map(cases.map((c) => [c.op, c.answer]));
  let answer = '{}';
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const config = {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
  };
  const noSocket = argv.includes('--no-socket');
  // answers at once, in process: what the SDK's HTTP handler would hand back, without the socket
  const inProcess = {
    handle: async () => ({
      response: {
        statusCode: 200,
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: Buffer.from(answer),
      },
    }),
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
  const full = noSocket ? { ...config, requestHandler: inProcess as never } : config;
  const swf: SWFClient = stock ? new SWFClient(full) : resolveSwfClient(SWFClient, full, 'swf', { debug() {} });
  // --against DIR: the same SDK through another checkout's resolveSwfClient, taking turns in this process
  const againstDir = argv.includes('--against') ? argv[argv.indexOf('--against') + 1] : undefined;
  const rounds = againstDir ? Number(argv.includes('--rounds') ? argv[argv.indexOf('--rounds') + 1] : 5) : 1;
  const against: SWFClient | undefined = againstDir
    ? (
        (await import(pathToFileURL(resolvePath(againstDir, 'packages/common/src/swf-client.ts')).href)) as {
          resolveSwfClient: typeof resolveSwfClient;
        }
      ).resolveSwfClient(SWFClient, full, 'swf', { debug() {} })
    : undefined;
  const agent = new Agent({ keepAlive: true });
  const raw = (target: string, body: string): Promise<unknown> =>
    noSocket ? Promise.resolve(JSON.parse(answer) as unknown) : overHttp(target, body);
  const overHttp = (target: string, body: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/',
          agent,
          headers: {
            'x-amz-target': target,
            'content-type': 'application/x-amz-json-1.0',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const cpuPerCall = async (fn: () => Promise<unknown>): Promise<number> => {
    for (let i = 0; i < 200; i++) await fn();
    const c0 = process.cpuUsage();
    for (let i = 0; i < calls; i++) await fn();
    const d = process.cpuUsage(c0);
    return (d.user + d.system) / 1000 / calls;
  };
  // Promises the client's pipeline creates per call (PROMISE resources seen by an async hook, counted
  // after the timing so the hook costs it nothing): each also runs every process-wide hook a worker has.
  const promisesPerCall = async (fn: () => Promise<unknown>): Promise<number> => {
    let count = 0;
    const hook = createHook({
      init(_id, type) {
        if (type === 'PROMISE') count++;
      },
    });
    hook.enable();
    try {
      for (let i = 0; i < 100; i++) await fn();
    } finally {
      hook.disable();
    }
    return count / 100;
  };
  const results: Record<
    string,
    { sdkMs: number; rawMs: number; ratio: number; promises: number; againstMs?: number; againstPromises?: number }
  > = {};
  for (const c of cases) {
    // warm every path first, so the first operation measured does not pay the process's JIT warm-up
    answer = answers.get(c.op) ?? '{}';
    for (let i = 0; i < 300; i++) await c.send(swf);
    if (against) for (let i = 0; i < 300; i++) await c.send(against);
    for (let i = 0; i < 300; i++)
      await raw(`SimpleWorkflowService.${c.op.replace(/\d+$/, '')}`, JSON.stringify(c.input));
  }
  for (const c of cases) {
    if (only && !only.includes(c.op)) continue;
    answer = answers.get(c.op) ?? '{}';
    const target = `SimpleWorkflowService.${c.op.replace(/\d+$/, '')}`;
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      ours.push(await cpuPerCall(() => c.send(swf)));
      if (against) theirs.push(await cpuPerCall(() => c.send(against)));
    }
    const sdkMs = median(ours);
    const rawMs = await cpuPerCall(() => raw(target, JSON.stringify(c.input)));
    const promises = round(await promisesPerCall(() => c.send(swf)), 1);
    const result: (typeof results)[string] = {
      sdkMs: round(sdkMs, 3),
      rawMs: round(rawMs, 3),
      ratio: round(sdkMs / rawMs, 2),
      promises,
    };
    if (against) {
      result.againstMs = round(median(theirs), 3);
      result.againstPromises = round(await promisesPerCall(() => c.send(against)), 1);
    }
    results[c.op] = result;
  }
  const client = stock ? 'stock' : 'swf-flow';
  const transport = noSocket ? 'none' : 'http';
  console.log(JSON.stringify({ bench: 'sdk', client, transport, hooks, calls, rounds, against: againstDir, results }));
  swf.destroy();
  against?.destroy();
  agent.destroy();
  server.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
