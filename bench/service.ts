/**
 * The local service end to end over HTTP (target 3): the real server on a SQLite file in WAL mode
 * (default durability: `full`, an fsync per commit), the project's own `Worker` and `WorkflowClient`
 * over real localhost HTTP with the AWS SDK (signed requests), in one process.
 *
 * - `floor`: the wire floor of one step, measured in the same process: 4 localhost HTTP round trips
 *   (keep-alive, ~300-byte JSON bodies: what a step's four requests carry at least) plus 1 SQLite
 *   WAL commit (synchronous FULL) on a file in the same temporary directory.
 * - `sequential`: one `seqWorkflow(n)` alone; ms per activity step from the server's own event
 *   timestamps (WorkflowExecutionStarted to WorkflowExecutionCompleted, divided by n), and the
 *   process's CPU time (service + worker + client) per step.
 * - `concurrent`: 100 `seqWorkflow(10)` started at once; activity steps per second over the span
 *   from the first start to the last close, and decision latency (DecisionTaskScheduled to its
 *   DecisionTaskCompleted) p50 / p99, and CPU time per step.
 *
 * With `--profile DIR`, each phase's CPU profile is written to `DIR/sequential.cpuprofile` and
 * `DIR/concurrent.cpuprofile` (`bench/profile-summary.ts` sums them up by area).
 *
 *     tsx bench/service.ts [--steps 200] [--workflows 100] [--profile DIR]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer as createHttpServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowClient, type WorkflowHandle } from '@swf-flow/client';
import type { HistoryEvent } from '@swf-flow/common';
import { quietLogger } from '@swf-flow/dev';
import { CountClosedWorkflowExecutionsCommand, SWFClient } from '@aws-sdk/client-swf';
import { createServer, localSwfClientConfig, type Durability, type LocalSwfClientConfig } from '@swf-flow/server';
import { Worker } from '@swf-flow/worker';
import { median, percentile, round } from './child.js';
import { phaseProfiler } from './profile.js';
import { BenchActivities, seqResult, seqWorkflow } from './seq-workflow.js';

const BODY = JSON.stringify({
  domain: 'bench',
  taskList: { name: 'bench' },
  identity: '12345@bench-host',
  taskToken: 'x'.repeat(180),
});

/** ms of 4 keep-alive localhost round trips + 1 WAL commit, median of `reps`. */
async function wireFloor(dir: string, reps: number): Promise<number> {
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.stringify({ echo: JSON.parse(Buffer.concat(chunks).toString()) });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const roundTrip = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/',
          agent,
          headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(BODY) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => (JSON.parse(Buffer.concat(chunks).toString()) ? resolve() : reject(new Error('empty'))));
        },
      );
      req.on('error', reject);
      req.end(BODY);
    });
  const db = new Database(join(dir, 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const commit = db.transaction((v: string) => insert.run(v));
  const times: number[] = [];
  try {
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      for (let i = 0; i < 4; i++) await roundTrip();
      commit(BODY);
      times.push(performance.now() - t0);
    }
  } finally {
    db.close();
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
  return median(times.slice(reps >> 3));
}

const ms = (e: HistoryEvent | undefined): number =>
  e?.eventTimestamp instanceof Date ? e.eventTimestamp.getTime() : Number.NaN;

async function finish(handle: WorkflowHandle<number>, n: number): Promise<HistoryEvent[]> {
  const result = await handle.result({ maxPollInterval: '100ms', timeout: '10 minutes' });
  if (result !== seqResult(n)) throw new Error(`seqWorkflow(${n}) returned ${result}; expected ${seqResult(n)}`);
  return handle.history();
}

/** How many executions of the domain have closed. */
async function closedCount(swf: LocalSwfClientConfig): Promise<number> {
  const client = (closedCount.client ??= new SWFClient(swf));
  const out = await client.send(
    new CountClosedWorkflowExecutionsCommand({ domain: 'bench', startTimeFilter: { oldestDate: new Date(0) } }),
  );
  return out.count ?? 0;
}
closedCount.client = undefined as SWFClient | undefined;

/** Scheduled-to-completed ms of every decision task of the history. */
function decisionLatencies(events: readonly HistoryEvent[]): number[] {
  const byId = new Map(events.map((e) => [e.eventId, e]));
  return events
    .filter((e) => e.eventType === 'DecisionTaskCompleted')
    .map((e) => ms(e) - ms(byId.get(e.decisionTaskCompletedEventAttributes?.scheduledEventId)));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const steps = arg('--steps', 200);
  const workflows = arg('--workflows', 100);
  const durability = argv.includes('--durability') ? (argv[argv.indexOf('--durability') + 1] as Durability) : 'full';
  const profiler = await phaseProfiler(argv.includes('--profile') ? argv[argv.indexOf('--profile') + 1] : undefined);
  const dir = mkdtempSync(join(tmpdir(), 'swf-flow-bench-service-'));
  const server = await createServer({ dataDir: join(dir, 'data'), port: 0, pollTimeoutMs: 5_000, durability });
  const swf = localSwfClientConfig(server, { transport: 'http' });
  let worker: Worker | undefined;
  try {
    worker = await Worker.create({
      swf,
      domain: 'bench',
      taskList: 'bench',
      workflows: [seqWorkflow],
      activities: [new BenchActivities()],
      logger: quietLogger,
    });
    const running = worker.run();
    const client = new WorkflowClient({ swf, domain: 'bench' });
    await finish(await client.start(seqWorkflow, { workflowId: 'warm-up', args: [20] }), 20);

    const floorMs = await wireFloor(dir, 400);

    const cpu = (since: NodeJS.CpuUsage): number => {
      const d = process.cpuUsage(since);
      return (d.user + d.system) / 1000;
    };
    let c0 = process.cpuUsage();
    const seq = await profiler.phase('sequential', async () =>
      finish(await client.start(seqWorkflow, { workflowId: 'sequential', args: [steps] }), steps),
    );
    const stepMs = (ms(seq.at(-1)) - ms(seq[0])) / steps;
    const seqCpuMs = cpu(c0) / steps;

    const perWorkflow = 10;
    c0 = process.cpuUsage();
    const handles = await profiler.phase('concurrent', async () => {
      const started = await Promise.all(
        Array.from({ length: workflows }, (_, i) =>
          client.start(seqWorkflow, { workflowId: `concurrent-${i}`, args: [perWorkflow] }),
        ),
      );
      // One count per 200 ms while they run (a result poll per handle would load the service itself).
      while ((await closedCount(swf)) < workflows + 2) await new Promise((resolve) => setTimeout(resolve, 200));
      return started;
    });
    const concurrentCpuMs = cpu(c0) / (workflows * perWorkflow);
    const histories = await Promise.all(handles.map((h) => finish(h, perWorkflow)));
    const first = Math.min(...histories.map((h) => ms(h[0])));
    const last = Math.max(...histories.map((h) => ms(h.at(-1))));
    const latencies = histories.flatMap(decisionLatencies);
    const stats = worker.stats();
    await worker.shutdown();
    await running;
    worker = undefined;
    console.log(
      JSON.stringify({
        bench: 'service',
        durability,
        wireFloorMs: round(floorMs, 3),
        sequentialSteps: steps,
        sequentialStepMs: round(stepMs, 3),
        sequentialCpuMsPerStep: round(seqCpuMs, 3),
        concurrentWorkflows: workflows,
        concurrentSteps: workflows * perWorkflow,
        concurrentSpanMs: last - first,
        concurrentCpuMsPerStep: round(concurrentCpuMs, 3),
        stepsPerSec: round((workflows * perWorkflow) / ((last - first) / 1000)),
        decisionLatencyP50Ms: percentile(latencies, 50),
        decisionLatencyP99Ms: percentile(latencies, 99),
        cacheHits: stats.cache.hits,
        cacheMisses: stats.cache.misses,
      }),
    );
  } finally {
    if (worker) await worker.shutdown();
    profiler.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
