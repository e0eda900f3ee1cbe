/**
 * The service's own cost per workflow step, with no SDK, worker or replayer in the way: the real
 * server (`createServer`, a SQLite file in WAL mode) driven over keep-alive `node:http` with request
 * bodies built from prebuilt JSON text, in one process. Each driver runs one workflow through
 * `steps` sequential activity steps: poll a decision task (newest first, at most 25 events, from the
 * previous DecisionTaskStarted on, as the worker asks for a cached run), schedule the next activity,
 * poll it, complete it; the last decision completes the run.
 *
 * - `floor`: the wire floor of one step, same process, same run: 4 keep-alive `node:http` round
 *   trips of ~300-byte JSON (a plain server that parses and echoes) plus one SQLite WAL commit with
 *   `synchronous = FULL`, CPU and wall time per step.
 * - `sequential`: one driver; process CPU time (`process.cpuUsage`, user + system, all threads:
 *   client and server) per step and per operation (each request is timed alone, nothing else runs),
 *   wall time per step; and both beside the floor.
 * - `concurrent`: `workflows` drivers at once (each with its own task lists), CPU per step and steps
 *   per second of wall time.
 * - the event loop's delay (`monitorEventLoopDelay`, 1 ms resolution) over both, p99 and max: how
 *   long the service stalls, e.g. for a WAL checkpoint inside a commit.
 * - `--polls waiting`: each run is driven as the project's Worker drives it — a decider loop and an
 *   activity loop side by side, so each poll is already waiting when the other loop's answer makes
 *   its task ready (the service then hands the task over inside that answer's transaction). CPU is
 *   then measured per run, not per request (`sequentialCpuMsPerStep` is the whole process's).
 *
 *     tsx bench/server-step.ts [--steps 500] [--workflows 100] [--per-workflow 10] [--durability full]
 *       [--floor-reps 400] [--against ../before] [--polls ready|waiting]
 *
 * `--against DIR` measures this checkout beside another (its `packages/server/src`, e.g. a worktree
 * of `main`) in the same process: the two servers take the sequential steps in turn and the
 * concurrent runs in alternating order (4 rounds), so that the machine's load hits both alike; the
 * sequential CPU is then the sum of each side's requests (`this` and `against_` in the output).
 *
 * Prints one JSON line (`bench: 'server-step'`). Run it with `node --cpu-prof --import tsx` to see
 * where the service's time goes.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer as createHttpServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer, type Durability } from '@swf-flow/server';
import { DURABILITIES } from '@swf-flow/server/embedding';
import { median, percentile, round } from './child.js';

type Reply = Record<string, unknown>;

/** A keep-alive JSON 1.0 client of one server: `call(target, body)` resolves with the parsed answer. */
function jsonClient(port: number, agent: Agent) {
  return (target: string, body: string): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/',
          agent,
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': `SimpleWorkflowService.${target}`,
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200) reject(new Error(`${target} answered ${res.statusCode}: ${text}`));
            else resolve(JSON.parse(text) as Reply);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

const cpuUs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return d.user + d.system;
};

const FLOOR_BODY = JSON.stringify({
  domain: 'bench',
  taskList: { name: 'bench' },
  identity: '12345@bench-host',
  taskToken: 'x'.repeat(180),
});

/** CPU and wall ms of 4 keep-alive round trips + 1 WAL commit (FULL), medians of `reps`. */
async function wireFloor(dir: string, reps: number): Promise<{ cpuMs: number; wallMs: number }> {
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.stringify({ echo: JSON.parse(Buffer.concat(chunks).toString()) as unknown });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const call = jsonClient((server.address() as AddressInfo).port, agent);
  const db = new Database(join(dir, 'floor.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const commit = db.transaction((v: string) => insert.run(v));
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let r = 0; r < reps; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < 4; i++) await call('Echo', FLOOR_BODY);
      commit(FLOOR_BODY);
      wall.push(performance.now() - t0);
      cpu.push(cpuUs(c0) / 1000);
    }
    const warm = reps >> 3;
    return { cpuMs: median(cpu.slice(warm)), wallMs: median(wall.slice(warm)) };
  } finally {
    db.close();
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Per-operation CPU (µs, summed) of the requests a driver made, when it runs alone. */
type OpCpu = Map<string, { calls: number; us: number; wallMs: number[] }>;

/** One workflow on its own task lists, taken through its steps by the caller. */
interface Run {
  start(): Promise<void>;
  /** Step `i`: poll the decision task, schedule activity `i`, poll it, complete it. */
  step(i: number): Promise<void>;
  /** Polls the last decision task and completes the run. */
  complete(): Promise<void>;
  /** All the steps and the completion, with a decider loop and an activity loop side by side. */
  loops(): Promise<void>;
}

/** How a run's polls meet their tasks: `ready` (each poll after the task is scheduled) or `waiting` (as a Worker). */
type Polls = 'ready' | 'waiting';

/** A run of `steps` steps; with `perOp`, each request's CPU is added to it (meaningful only when nothing else runs). */
function run(call: (target: string, body: string) => Promise<Reply>, id: string, steps: number, perOp?: OpCpu): Run {
  const timed = async (target: string, body: string): Promise<Reply> => {
    if (!perOp) return call(target, body);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const reply = await call(target, body);
    const entry = perOp.get(target) ?? { calls: 0, us: 0, wallMs: [] };
    entry.calls += 1;
    entry.us += cpuUs(c0);
    entry.wallMs.push(performance.now() - t0);
    perOp.set(target, entry);
    return reply;
  };
  const decisions = JSON.stringify({
    domain: 'bench',
    taskList: { name: `d-${id}` },
    identity: '12345@bench-host',
    maximumPageSize: 25,
    reverseOrder: true,
    startAtPreviousStartedEvent: true,
  });
  const activities = JSON.stringify({ domain: 'bench', taskList: { name: `a-${id}` }, identity: '12345@bench-host' });
  const schedule = (token: string, i: number): string =>
    `{"taskToken":${JSON.stringify(token)},"decisions":[{"decisionType":"ScheduleActivityTask",` +
    `"scheduleActivityTaskDecisionAttributes":{"activityId":"${i}","activityType":{"name":"step","version":"1"},` +
    `"taskList":{"name":"a-${id}"},"input":"[${i}]"}}]}`;
  const complete = (token: string): string =>
    `{"taskToken":${JSON.stringify(token)},"decisions":[{"decisionType":"CompleteWorkflowExecution",` +
    `"completeWorkflowExecutionDecisionAttributes":{"result":"${steps}"}}]}`;
  const token = (reply: Reply, what: string): string => {
    if (typeof reply.taskToken !== 'string' || reply.taskToken === '')
      throw new Error(`${id}: ${what} came back empty: ${JSON.stringify(reply).slice(0, 200)}`);
    return reply.taskToken;
  };
  return {
    async start() {
      await timed(
        'StartWorkflowExecution',
        JSON.stringify({
          domain: 'bench',
          workflowId: id,
          workflowType: { name: 'seq', version: '1' },
          taskList: { name: `d-${id}` },
          input: `[${steps}]`,
        }),
      );
    },
    async step(i) {
      const decision = token(await timed('PollForDecisionTask', decisions), 'a decision poll');
      await timed('RespondDecisionTaskCompleted', schedule(decision, i));
      const activity = token(await timed('PollForActivityTask', activities), 'an activity poll');
      await timed('RespondActivityTaskCompleted', `{"taskToken":${JSON.stringify(activity)},"result":"${i + 1}"}`);
    },
    async complete() {
      const decision = token(await timed('PollForDecisionTask', decisions), 'a decision poll');
      await timed('RespondDecisionTaskCompleted', complete(decision));
    },
    async loops() {
      // A poll that comes back empty (its time was up) is sent again, as a Worker does.
      const decider = async (): Promise<void> => {
        for (let i = 0; i <= steps;) {
          const reply = await timed('PollForDecisionTask', decisions);
          if (typeof reply.taskToken !== 'string' || reply.taskToken === '') continue;
          await timed(
            'RespondDecisionTaskCompleted',
            i === steps ? complete(reply.taskToken) : schedule(reply.taskToken, i),
          );
          i++;
        }
      };
      const worker = async (): Promise<void> => {
        for (let i = 0; i < steps;) {
          const reply = await timed('PollForActivityTask', activities);
          if (typeof reply.taskToken !== 'string' || reply.taskToken === '') continue;
          await timed(
            'RespondActivityTaskCompleted',
            `{"taskToken":${JSON.stringify(reply.taskToken)},"result":"${i + 1}"}`,
          );
          i++;
        }
      };
      await Promise.all([decider(), worker()]);
    },
  };
}

/** Takes one run through all its steps. */
async function drive(
  call: (target: string, body: string) => Promise<Reply>,
  id: string,
  steps: number,
  polls: Polls,
  perOp?: OpCpu,
): Promise<void> {
  const r = run(call, id, steps, perOp);
  await r.start();
  if (polls === 'waiting') return r.loops();
  for (let i = 0; i < steps; i++) await r.step(i);
  await r.complete();
}

/** `createServer` of this checkout, or of the one at `--against` (its sources, run by tsx). */
type CreateServer = typeof createServer;

/** A started server with the bench's domain and types, and a client of it. */
async function benchServer(
  create: CreateServer,
  dataDir: string,
  durability: Durability,
  sockets: number,
): Promise<{ call: (target: string, body: string) => Promise<Reply>; close: () => Promise<void> }> {
  const server = await create({ dataDir, port: 0, pollTimeoutMs: 5_000, durability });
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const call = jsonClient(server.port, agent);
  await call('RegisterDomain', '{"name":"bench","workflowExecutionRetentionPeriodInDays":"1"}');
  await call(
    'RegisterWorkflowType',
    JSON.stringify({
      domain: 'bench',
      name: 'seq',
      version: '1',
      defaultTaskStartToCloseTimeout: '60',
      defaultExecutionStartToCloseTimeout: '86400',
      defaultChildPolicy: 'TERMINATE',
    }),
  );
  await call(
    'RegisterActivityType',
    JSON.stringify({
      domain: 'bench',
      name: 'step',
      version: '1',
      defaultTaskScheduleToStartTimeout: 'NONE',
      defaultTaskScheduleToCloseTimeout: 'NONE',
      defaultTaskStartToCloseTimeout: '60',
      defaultTaskHeartbeatTimeout: 'NONE',
    }),
  );
  await drive(call, 'warm-up', 50, 'ready');
  return {
    call,
    close: async () => {
      agent.destroy();
      await server.close();
    },
  };
}

/** CPU per step and steps/s of `workflows` runs of `perWorkflow` steps at once. */
async function concurrent(
  call: (target: string, body: string) => Promise<Reply>,
  prefix: string,
  workflows: number,
  perWorkflow: number,
  polls: Polls,
): Promise<{ cpuMsPerStep: number; stepsPerSec: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: workflows }, (_, i) => drive(call, `${prefix}-${i}`, perWorkflow, polls)));
  const wallMs = performance.now() - t0;
  const steps = workflows * perWorkflow;
  return { cpuMsPerStep: round(cpuUs(c0) / 1000 / steps, 3), stepsPerSec: round(steps / (wallMs / 1000)) };
}

const perOperation = (perOp: OpCpu): Record<string, { calls: number; cpuUsPerCall: number }> =>
  Object.fromEntries([...perOp].map(([op, { calls, us }]) => [op, { calls, cpuUsPerCall: round(us / calls, 1) }]));

const sumUs = (perOp: OpCpu): number => [...perOp.values()].reduce((sum, { us }) => sum + us, 0);

/** Wall time of every request timed alone: the median, the 99.9th percentile and the longest (a stall shows here). */
function requestWall(perOp: OpCpu): { p50Ms: number; p999Ms: number; maxMs: number } {
  const all = [...perOp.values()].flatMap(({ wallMs }) => wallMs);
  return {
    p50Ms: round(median(all), 3),
    p999Ms: round(percentile(all, 99.9), 2),
    maxMs: round(Math.max(...all), 2),
  };
}

/**
 * `--against DIR`: this checkout's server and the one in DIR (e.g. a worktree of `main`), both in
 * this process, take the sequential steps in turn (one step on each, alternately), and the
 * concurrent runs in alternating order, so that the machine's load hits both alike.
 */
async function compare(
  dir: string,
  against: string,
  o: { steps: number; workflows: number; perWorkflow: number; durability: Durability; floorReps: number; polls: Polls },
): Promise<void> {
  const other = (await import(join(against, 'packages/server/src/index.ts'))) as { createServer: CreateServer };
  const sockets = o.polls === 'waiting' ? 2 * o.workflows : o.workflows;
  const sides = {
    this: await benchServer(createServer, join(dir, 'this'), o.durability, sockets),
    against: await benchServer(other.createServer, join(dir, 'against'), o.durability, sockets),
  };
  try {
    const floor = await wireFloor(dir, o.floorReps);
    if (o.polls === 'waiting') return await compareWaiting(sides, floor, against, o);
    const perOp = { this: new Map() as OpCpu, against: new Map() as OpCpu };
    const runs = {
      this: run(sides.this.call, 'sequential', o.steps, perOp.this),
      against: run(sides.against.call, 'sequential', o.steps, perOp.against),
    };
    await runs.this.start();
    await runs.against.start();
    for (let i = 0; i < o.steps; i++) {
      if (i % 2 === 0) {
        await runs.this.step(i);
        await runs.against.step(i);
      } else {
        await runs.against.step(i);
        await runs.this.step(i);
      }
    }
    await runs.this.complete();
    await runs.against.complete();
    const rounds: Record<'this' | 'against', Array<{ cpuMsPerStep: number; stepsPerSec: number }>> = {
      this: [],
      against: [],
    };
    for (let r = 0; r < 4; r++) {
      const order = r % 2 === 0 ? (['this', 'against'] as const) : (['against', 'this'] as const);
      for (const side of order)
        rounds[side].push(await concurrent(sides[side].call, `concurrent-${r}`, o.workflows, o.perWorkflow, 'ready'));
    }
    const side = (name: 'this' | 'against') => {
      const cpuMs = sumUs(perOp[name]) / 1000 / o.steps;
      return {
        sequentialCpuMsPerStep: round(cpuMs, 3),
        sequentialCpuVsFloor: round(cpuMs / floor.cpuMs, 2),
        concurrentCpuMsPerStep: median(rounds[name].map((x) => x.cpuMsPerStep)),
        concurrentStepsPerSec: median(rounds[name].map((x) => x.stepsPerSec)),
        concurrentRounds: rounds[name],
        sequentialRequestWall: requestWall(perOp[name]),
        operations: perOperation(perOp[name]),
      };
    };
    console.log(
      JSON.stringify({
        bench: 'server-step-compare',
        against,
        durability: o.durability,
        floorCpuMs: round(floor.cpuMs, 3),
        floorWallMs: round(floor.wallMs, 3),
        sequentialSteps: o.steps,
        this: side('this'),
        against_: side('against'),
      }),
    );
  } finally {
    await sides.this.close();
    await sides.against.close();
  }
}

type Side = { call: (target: string, body: string) => Promise<Reply> };

/**
 * `--against DIR --polls waiting`: runs driven as a Worker drives them, the two sides taking turns —
 * 4 sequential runs of `steps / 4` steps each, then 4 concurrent rounds — CPU per step of each run.
 */
async function compareWaiting(
  sides: Record<'this' | 'against', Side>,
  floor: { cpuMs: number; wallMs: number },
  against: string,
  o: { steps: number; workflows: number; perWorkflow: number; durability: Durability },
): Promise<void> {
  const perRun = Math.max(1, Math.floor(o.steps / 4));
  const seq: Record<'this' | 'against', Array<{ cpuMsPerStep: number; stepsPerSec: number }>> = {
    this: [],
    against: [],
  };
  const conc: typeof seq = { this: [], against: [] };
  for (let r = 0; r < 4; r++) {
    const order = r % 2 === 0 ? (['this', 'against'] as const) : (['against', 'this'] as const);
    for (const side of order)
      seq[side].push(await concurrent(sides[side].call, `sequential-${r}`, 1, perRun, 'waiting'));
  }
  for (let r = 0; r < 4; r++) {
    const order = r % 2 === 0 ? (['this', 'against'] as const) : (['against', 'this'] as const);
    for (const side of order)
      conc[side].push(await concurrent(sides[side].call, `concurrent-${r}`, o.workflows, o.perWorkflow, 'waiting'));
  }
  const side = (name: 'this' | 'against') => ({
    sequentialCpuMsPerStep: median(seq[name].map((x) => x.cpuMsPerStep)),
    sequentialCpuVsFloor: round(median(seq[name].map((x) => x.cpuMsPerStep)) / floor.cpuMs, 2),
    sequentialWallMsPerStep: round(1000 / median(seq[name].map((x) => x.stepsPerSec)), 3),
    sequentialRounds: seq[name],
    concurrentCpuMsPerStep: median(conc[name].map((x) => x.cpuMsPerStep)),
    concurrentStepsPerSec: median(conc[name].map((x) => x.stepsPerSec)),
    concurrentRounds: conc[name],
  });
  console.log(
    JSON.stringify({
      bench: 'server-step-compare',
      polls: 'waiting',
      against,
      durability: o.durability,
      floorCpuMs: round(floor.cpuMs, 3),
      floorWallMs: round(floor.wallMs, 3),
      sequentialSteps: 4 * perRun,
      this: side('this'),
      against_: side('against'),
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      steps: { type: 'string', default: '500' },
      workflows: { type: 'string', default: '100' },
      'per-workflow': { type: 'string', default: '10' },
      durability: { type: 'string', default: 'full' },
      'floor-reps': { type: 'string', default: '400' },
      against: { type: 'string' },
      polls: { type: 'string', default: 'ready' },
    },
  });
  const polls = values.polls as Polls;
  if (polls !== 'ready' && polls !== 'waiting') throw new Error('--polls takes ready or waiting');
  const steps = Number(values.steps);
  const workflows = Number(values.workflows);
  const perWorkflow = Number(values['per-workflow']);
  const durability = values.durability as Durability;
  const floorReps = Number(values['floor-reps']);
  if (![steps, workflows, perWorkflow, floorReps].every((n) => Number.isInteger(n) && n > 0))
    throw new Error('--steps, --workflows, --per-workflow and --floor-reps take positive integers');
  if (!DURABILITIES.includes(durability)) throw new Error(`--durability takes ${DURABILITIES.join(' or ')}`);

  const dir = mkdtempSync(join(tmpdir(), 'swf-flow-bench-server-step-'));
  try {
    if (values.against !== undefined) {
      await compare(dir, values.against, { steps, workflows, perWorkflow, durability, floorReps, polls });
      return;
    }
    const { call, close } = await benchServer(
      createServer,
      join(dir, 'data'),
      durability,
      polls === 'waiting' ? 2 * workflows : workflows,
    );
    try {
      const floor = await wireFloor(dir, floorReps);
      const perOp: OpCpu = new Map();
      const loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await drive(call, 'sequential', steps, polls, polls === 'waiting' ? undefined : perOp);
      const seqCpuMs = cpuUs(c0) / 1000 / steps;
      const seqWallMs = (performance.now() - t0) / steps;
      const conc = await concurrent(call, 'concurrent', workflows, perWorkflow, polls);
      loop.disable();
      console.log(
        JSON.stringify({
          bench: 'server-step',
          polls,
          durability,
          floorCpuMs: round(floor.cpuMs, 3),
          floorWallMs: round(floor.wallMs, 3),
          sequentialSteps: steps,
          sequentialCpuMsPerStep: round(seqCpuMs, 3),
          sequentialWallMsPerStep: round(seqWallMs, 3),
          sequentialCpuVsFloor: round(seqCpuMs / floor.cpuMs, 2),
          sequentialWallVsFloor: round(seqWallMs / floor.wallMs, 2),
          concurrentWorkflows: workflows,
          concurrentSteps: workflows * perWorkflow,
          concurrentCpuMsPerStep: conc.cpuMsPerStep,
          concurrentStepsPerSec: conc.stepsPerSec,
          eventLoopDelayP99Ms: round(loop.percentile(99) / 1e6, 2),
          eventLoopDelayMaxMs: round(loop.max / 1e6, 2),
          ...(polls === 'ready' ? { sequentialRequestWall: requestWall(perOp), operations: perOperation(perOp) } : {}),
        }),
      );
    } finally {
      await close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
