/**
 * The local service end to end over HTTP (target 3): the real server on a SQLite file in WAL mode
 * (default durability: `full`, an fsync per commit), the project's own `Worker` and `WorkflowClient`
 * over real localhost HTTP with the AWS SDK (signed requests). Run three times, each in a process
 * of its own on a fresh data directory (`--mode one|one-loop|split|all`, default all):
 *
 * - one process (`bench: 'service'`, the figure the suite judges): what `npm start` runs
 *   (`startLocalService`): the service on a thread of its own (`startServerThread`), the Worker and
 *   the client on the main thread; CPU is the process's (both threads).
 * - one loop (`bench: 'service-one-loop'`): the service (`createServer`), the Worker and the client
 *   on one event loop, as `startLocalService` ran them before it moved the service to a thread
 *   (and as `createServer` callers still do).
 * - split (`bench: 'service-split'`): the service in this process, the Worker and the client in a
 *   child process (`service-worker.ts`), as a deployment runs them; each process's CPU over the same
 *   phase is reported apart (`...ServiceCpuMsPerStep`, `...WorkerCpuMsPerStep`), so a step's CPU is
 *   split between the service and everything outside it. On a 2-core machine the two processes
 *   each have a core, as the service thread and the main thread do in the one-process run.
 *
 * Measured in each run:
 * - `floor`: the wire floor of one step, measured in the service's process: 4 localhost HTTP round
 *   trips (keep-alive, ~300-byte JSON bodies: what a step's four requests carry at least) plus 1
 *   SQLite WAL commit (synchronous FULL) on a file in the same temporary directory.
 * - `sequential`: one `seqWorkflow(n)` alone; ms per activity step from the server's own event
 *   timestamps (WorkflowExecutionStarted to WorkflowExecutionCompleted, divided by n), and CPU time
 *   (service + worker + client) per step.
 * - `concurrent`: 100 `seqWorkflow(10)` started at once; activity steps per second over the span
 *   from the first start to the last close, and decision latency (DecisionTaskScheduled to its
 *   DecisionTaskCompleted) p50 / p99, and CPU time per step.
 * - then both again, warm (`concurrent-warm`, `sequential-warm`; the fields prefixed `warm`): the
 *   first time a process runs a phase's paths, V8 compiles them on its background threads (~0.8 s
 *   of CPU in the concurrent phase: ~0.8 ms of each of its 1,000 steps), a fixed cost that a
 *   running service and Worker have paid once. The suite judges the warm figures and prints the
 *   cold ones beside them (BENCHMARKS.md, "session 14").
 *
 * `--pollers N` gives the Worker N decision and N activity long polls per task list (default: the
 * Worker's defaults). With `--profile DIR`, each phase's CPU profile is written to DIR
 * (`sequential`, `concurrent`, … for one process and one loop — in the one-process run, of the main
 * thread only: the service thread is not profiled; `service-…` and `worker-…` for the split run);
 * `bench/profile-summary.ts` sums one up by area.
 *
 * The suite runs it as built JavaScript (`node scripts/run-ts.mjs bench/service.ts`, as `npm start`
 * runs); under tsx (`npx tsx bench/service.ts`) every closure pays tsx's `keepNames` wrapper too.
 *
 *     node scripts/run-ts.mjs bench/service.ts [--steps 200] [--workflows 100] [--mode all] [--pollers N]
 *       [--profile DIR]
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer as createHttpServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createServer,
  localSwfClientConfig,
  startServerThread,
  type Durability,
  type LocalSwfClientConfig,
} from '@swf-flow/server';
import { forkTs, median, round } from './child.js';
import { phaseProfiler, type PhaseProfiler } from './profile.js';
// Types only: the Worker (and the replayer's process-wide patches and async hooks) is loaded by the
// one-process run alone, so that the split run's service process holds the service only.
import type { ConcurrentResults, PhaseOptions, PhaseResults } from './service-phases.js';

const BODY = JSON.stringify({
  domain: 'bench',
  taskList: { name: 'bench' },
  identity: '12345@bench-host',
  taskToken: 'x'.repeat(180),
});

/** Wire floors measured so far (each on a file of its own). */
let floorRuns = 0;

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
  const db = new Database(join(dir, `floor-${++floorRuns}.sqlite`));
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

/** ms of CPU (user + system, all threads) of this process since `since`. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/** The service on a fresh data directory, the CPU its process spends per phase, and the wire floor. */
interface Service {
  url: string;
  close(): Promise<void>;
}

/**
 * The service on a fresh data directory: on a thread of its own (`thread`: what `startLocalService`
 * runs, with the bench's durability) or on this thread's event loop (`loop`: `createServer`).
 */
async function startService(
  dir: string,
  name: string,
  durability: Durability,
  where: 'thread' | 'loop' = 'loop',
): Promise<Service & { config: LocalSwfClientConfig }> {
  const options = { dataDir: join(dir, name), port: 0, pollTimeoutMs: 5_000, durability };
  const server = where === 'thread' ? await startServerThread(options) : await createServer(options);
  return { url: server.url, config: localSwfClientConfig(server, { transport: 'http' }), close: () => server.close() };
}

/**
 * One process: the Worker and the client on this thread, the service on a thread of its own (the
 * figure the suite judges, as `npm start` runs) or on this thread's event loop too (`loop`).
 */
async function oneProcess(
  dir: string,
  options: PhaseOptions,
  durability: Durability,
  profiler: PhaseProfiler,
  where: 'thread' | 'loop',
) {
  const { runPhases } = await import('./service-phases.js');
  const service = await startService(dir, where === 'thread' ? 'one-process' : 'one-loop', durability, where);
  try {
    const cpu: Record<string, number> = {};
    let floorMs = 0;
    const results = await runPhases(
      service.config,
      options,
      async (phase, fn) => {
        const c0 = process.cpuUsage();
        try {
          return await profiler.phase(phase, fn);
        } finally {
          cpu[phase] = cpuMs(c0);
        }
      },
      async () => void (floorMs = await wireFloor(dir, 400)),
    );
    return { floorMs, cpu, results };
  } finally {
    await service.close();
  }
}

/** Two processes: the service here, the Worker and the client in a child (`service-worker.ts`). */
async function split(dir: string, options: PhaseOptions, durability: Durability, profiler: PhaseProfiler) {
  const service = await startService(dir, 'split', durability);
  const child = forkTs(
    fileURLToPath(new URL('service-worker.ts', import.meta.url)),
    [
      service.url,
      String(options.steps),
      String(options.workflows),
      String(options.pollers),
      ...(profiler.dir ? [profiler.dir] : []),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  try {
    const serviceCpu: Record<string, number> = {};
    let floorMs = 0;
    let c0 = process.cpuUsage();
    const done = new Promise<{ results: PhaseResults; cpu: Record<string, number> }>((resolve, reject) => {
      child.on(
        'message',
        (m: { type: string; phase?: string; results?: PhaseResults; cpu?: Record<string, number> }) => {
          void (async () => {
            if (m.type === 'warm') floorMs = await wireFloor(dir, 400);
            else if (m.type === 'start') {
              await profiler.start();
              c0 = process.cpuUsage();
            } else if (m.type === 'end') {
              serviceCpu[m.phase ?? ''] = cpuMs(c0);
              await profiler.stop(`service-${m.phase}`);
            } else if (m.type === 'results') return resolve({ results: m.results!, cpu: m.cpu ?? {} });
            child.send({ type: 'ack' });
          })().catch(reject);
        },
      );
      child.on('exit', (code) => reject(new Error(`bench/service-worker.ts exited with ${code} before its results`)));
    });
    const { results, cpu } = await done;
    return { floorMs, serviceCpu, workerCpu: cpu, results };
  } finally {
    if (child.exitCode === null) child.kill();
    await service.close();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const options: PhaseOptions = {
    steps: arg('--steps', 200),
    workflows: arg('--workflows', 100),
    pollers: arg('--pollers', 0), // 0: the Worker's defaults
  };
  const mode = argv.includes('--mode') ? argv[argv.indexOf('--mode') + 1] : 'all';
  if (!['one', 'one-loop', 'split', 'all'].includes(mode ?? ''))
    throw new Error(`--mode must be one, one-loop, split or all; got ${mode}`);
  if (mode === 'all') {
    // Each run in a process of its own (its lines go to this one's stdout).
    for (const one of ['one', 'one-loop', 'split']) {
      const rest = argv.filter((a, i) => a !== '--mode' && argv[i - 1] !== '--mode');
      const child = forkTs(fileURLToPath(import.meta.url), [...rest, '--mode', one], { stdio: 'inherit' });
      const code = await new Promise((resolve) => child.on('exit', resolve));
      if (code !== 0) throw new Error(`bench/service.ts --mode ${one} exited with ${code}`);
    }
    return;
  }
  const durability = argv.includes('--durability') ? (argv[argv.indexOf('--durability') + 1] as Durability) : 'full';
  const profiler = await phaseProfiler(argv.includes('--profile') ? argv[argv.indexOf('--profile') + 1] : undefined);
  const dir = mkdtempSync(join(tmpdir(), 'swf-flow-bench-service-'));
  const perStep = (cpu: number | undefined, steps: number): number => round((cpu ?? Number.NaN) / steps, 3);
  // A round of the concurrent phase: the first (cold) under the names it had before the second
  // (warm) was added, the second under the same names prefixed with `warm`.
  const concurrent = (r: ConcurrentResults, prefix: '' | 'warm') => {
    const fields = {
      concurrentSteps: r.concurrentSteps,
      concurrentSpanMs: r.concurrentSpanMs,
      stepsPerSec: round(r.stepsPerSec),
      decisionLatencyP50Ms: r.decisionLatencyP50Ms,
      decisionLatencyP99Ms: r.decisionLatencyP99Ms,
      decisionWaitP50Ms: r.decisionWaitP50Ms,
      decisionWorkP50Ms: r.decisionWorkP50Ms,
      activityLatencyP50Ms: r.activityLatencyP50Ms,
      activityLatencyP99Ms: r.activityLatencyP99Ms,
      cacheHits: r.cacheHits,
      cacheMisses: r.cacheMisses,
    };
    if (prefix === '') return fields;
    return Object.fromEntries(Object.entries(fields).map(([k, v]) => [prefix + k[0]!.toUpperCase() + k.slice(1), v]));
  };
  const common = (r: PhaseResults) => ({
    sequentialSteps: options.steps,
    sequentialStepMs: round(r.sequentialStepMs, 3),
    concurrentWorkflows: options.workflows,
    ...concurrent(r, ''),
    ...concurrent(r.warm, 'warm'),
    warmSequentialStepMs: round(r.warm.sequentialStepMs, 3),
  });
  try {
    if (mode === 'one' || mode === 'one-loop') {
      const where = mode === 'one' ? 'thread' : 'loop';
      const { floorMs, cpu, results } = await oneProcess(dir, options, durability, profiler, where);
      console.log(
        JSON.stringify({
          bench: mode === 'one' ? 'service' : 'service-one-loop',
          durability,
          pollers: options.pollers || 'default',
          wireFloorMs: round(floorMs, 3),
          ...common(results),
          sequentialCpuMsPerStep: perStep(cpu.sequential, options.steps),
          concurrentCpuMsPerStep: perStep(cpu.concurrent, results.concurrentSteps),
          warmSequentialCpuMsPerStep: perStep(cpu['sequential-warm'], options.steps),
          warmConcurrentCpuMsPerStep: perStep(cpu['concurrent-warm'], results.warm.concurrentSteps),
        }),
      );
    }
    if (mode === 'split') {
      const { floorMs, serviceCpu, workerCpu, results } = await split(dir, options, durability, profiler);
      console.log(
        JSON.stringify({
          bench: 'service-split',
          durability,
          pollers: options.pollers || 'default',
          wireFloorMs: round(floorMs, 3),
          ...common(results),
          sequentialServiceCpuMsPerStep: perStep(serviceCpu.sequential, options.steps),
          sequentialWorkerCpuMsPerStep: perStep(workerCpu.sequential, options.steps),
          concurrentServiceCpuMsPerStep: perStep(serviceCpu.concurrent, results.concurrentSteps),
          concurrentWorkerCpuMsPerStep: perStep(workerCpu.concurrent, results.concurrentSteps),
          warmSequentialServiceCpuMsPerStep: perStep(serviceCpu['sequential-warm'], options.steps),
          warmSequentialWorkerCpuMsPerStep: perStep(workerCpu['sequential-warm'], options.steps),
          warmConcurrentServiceCpuMsPerStep: perStep(serviceCpu['concurrent-warm'], results.warm.concurrentSteps),
          warmConcurrentWorkerCpuMsPerStep: perStep(workerCpu['concurrent-warm'], results.warm.concurrentSteps),
        }),
      );
    }
  } finally {
    profiler.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
