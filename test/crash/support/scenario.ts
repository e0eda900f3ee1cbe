/**
 * The service crash scenario: the service runs as a child process on one data directory; the
 * project's own Worker (two of them, several long polls each) and WorkflowClient run in this
 * process. Workflows of every shape are started, and signalled, while the service is SIGKILLed at
 * seeded random moments and started again on the same port. Afterwards: every workflow completed
 * with its expected result, every history read before a kill is still the prefix of the final one,
 * no task or timer was closed twice, every acknowledged start and signal is there, the workers (never
 * restarted) carried on by themselves and ran one more workflow, and SQLite's integrity_check
 * passed after every kill and at the end.
 */
import { type HistoryEvent, SWFClient } from '@aws-sdk/client-swf';
import { WorkflowClient, type WorkflowHandle } from '@swf-flow/client';
import type { Logger } from '@swf-flow/common';
import { Worker } from '@swf-flow/worker';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { eventAttributes, historyProblems, prefixProblem } from './history-checks.js';
import { killAll } from './processes.js';
import { freePort, ServiceProcess } from './service.js';
import {
  activityRuns,
  addItem,
  allWorkflows,
  CrashActivities,
  sequential,
  TASK_LIST,
  withChild,
  withSignals,
  withTimer,
} from './shapes.js';

/** Options of {@link crashScenario}. */
export interface CrashOptions {
  seed: number;
  /** SIGKILLs of the service. */
  kills: number;
  /** Workflows of each of the four shapes. */
  perShape: number;
  /** `--durability` of the service. @default 'full' */
  durability?: 'full' | 'normal';
  /** Progress lines. */
  log?: (line: string) => void;
}

/** What a scenario measured; `failures` lists each broken promise in words. */
export interface CrashReport {
  seed: number;
  kills: number;
  workflows: number;
  completed: number;
  signalsAcknowledged: number;
  snapshotsChecked: number;
  eventsChecked: number;
  /** Activity executions beyond the first of a step (work redone after a lost task or answer). */
  activityReruns: number;
  activitySteps: number;
  decisionTaskTimeouts: number;
  activityTaskTimeouts: number;
  seconds: number;
  failures: string[];
}

/** Seeded choices (mulberry32). */
function random(seed: number): (min: number, max: number) => number {
  let state = seed >>> 0;
  return (min, max) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return min + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (max - min + 1));
  };
}

/** True for an error of the connection (the service is down or restarting), not an answer from it. */
function isTransportError(err: unknown): boolean {
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === undefined;
}

/** Calls `fn` until the service answers (bounded); faults are thrown as they are. */
async function whenUp<T>(what: string, fn: () => Promise<T>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransportError(err) || Date.now() > deadline)
        throw new Error(`${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      await delay(100);
    }
  }
}

function sdkClient(url: string, maxAttempts: number): SWFClient {
  return new SWFClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts,
  });
}

interface Run {
  workflowId: string;
  runId: string;
  expected: unknown;
  handle: WorkflowHandle;
}

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Runs the scenario; every process it started is gone when it returns or throws. */
export async function crashScenario(options: CrashOptions): Promise<CrashReport> {
  const started = Date.now();
  const rnd = random(options.seed);
  const log = options.log ?? (() => undefined);
  const dataDir = mkdtempSync(join(tmpdir(), 'swf-flow-crash-'));
  const service = new ServiceProcess(await freePort(), dataDir, ['--durability', options.durability ?? 'full']);
  const failures: string[] = [];
  const domain = 'crash';
  const workerSwf = sdkClient(service.url, 3);
  const clientSwf = sdkClient(service.url, 1);
  const workers: Worker[] = [];
  const running: Array<Promise<void>> = [];
  const workerFailures: string[] = [];
  activityRuns.clear();
  try {
    await service.start();
    for (let i = 0; i < 2; i++) {
      const worker = await Worker.create({
        swf: workerSwf,
        domain,
        taskList: TASK_LIST,
        workflows: allWorkflows,
        activities: [new CrashActivities()],
        identity: `crash-worker-${i}`,
        logger: quiet,
        handleSignals: false,
        decisionPollers: 3,
        activityPollers: 3,
        pollBackoffInitial: '50ms',
        pollBackoffMax: '500ms',
        // A ready-made client (its own handler) would wait out each open poll (60 s) at the end;
        // every workflow has completed by then, so the polls are cut at once.
        pollShutdownGraceTime: 0,
      });
      workers.push(worker);
      running.push(worker.run().catch((err: unknown) => void workerFailures.push(String(err))));
    }
    const client = new WorkflowClient({ swf: clientSwf, domain });

    // Starts and signals go on in the background while the service is killed.
    const runs: Run[] = [];
    const signalsAcknowledged: Array<{ workflowId: string; id: string }> = [];
    const shapes = [
      { workflow: sequential, args: [3, 0] as unknown[], expected: 3 as unknown },
      { workflow: withTimer, args: [], expected: 2 },
      { workflow: withSignals, args: [3], expected: undefined },
      { workflow: withChild, args: [], expected: 24 },
    ];
    const starting = (async () => {
      for (let i = 0; i < options.perShape; i++) {
        for (const [s, shape] of shapes.entries()) {
          const workflowId = `crash-${s}-${i}`;
          const handle = await whenUp(`start ${workflowId}`, async () => {
            try {
              return await client.start(shape.workflow as typeof sequential, {
                workflowId,
                args: shape.args as [number, number],
              });
            } catch (err) {
              // A start retried after its answer was lost: the first attempt was stored.
              if ((err as { name?: string }).name === 'WorkflowExecutionAlreadyStartedFault')
                return client.getHandle(workflowId);
              throw err;
            }
          });
          const runId =
            handle.runId ?? (await whenUp('describe', () => handle.describe())).executionInfo?.execution?.runId ?? '';
          const ids = [0, 1, 2].map((k) => `${workflowId}-s${k}`);
          runs.push({
            workflowId,
            runId,
            expected: shape.workflow === withSignals ? ids.sort().join(',') : shape.expected,
            handle: client.getHandle(workflowId, runId),
          });
          if (shape.workflow === withSignals) {
            for (const id of ids) {
              await delay(rnd(0, 200));
              await whenUp(`signal ${id}`, () => client.getHandle(workflowId, runId).signal(addItem, id));
              signalsAcknowledged.push({ workflowId, id });
            }
          }
          await delay(rnd(0, 150));
        }
      }
    })().catch(
      (err: unknown) =>
        void failures.push(`starting and signalling: ${err instanceof Error ? err.message : String(err)}`),
    );

    // The kills, at seeded moments; before each, the histories acknowledged so far.
    const snapshots: Array<{ run: Run; events: HistoryEvent[] }> = [];
    const readHistory = (run: Pick<Run, 'workflowId' | 'runId'>): Promise<HistoryEvent[]> =>
      whenUp('history', () => client.getHandle(run.workflowId, run.runId).history());
    for (let k = 0; k < options.kills; k++) {
      await delay(rnd(300, 1_500));
      for (const run of [...runs]) {
        try {
          snapshots.push({ run, events: await run.handle.history() });
        } catch (err) {
          if (!isTransportError(err)) throw err;
        }
      }
      await service.kill();
      const db = new Database(join(dataDir, 'swf.sqlite'));
      const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
        .map((r) => r.integrity_check)
        .join('; ');
      db.close();
      if (integrity !== 'ok') failures.push(`integrity_check after kill ${k + 1}: ${integrity}`);
      log(
        `kill ${k + 1}/${options.kills}: ${runs.length} runs started, ${snapshots.length} snapshots, integrity ${integrity}`,
      );
      await delay(rnd(0, 300));
      await service.start();
      log(`restarted (${service.starts} starts)`);
    }
    await starting;
    log(`all ${runs.length} runs started`);

    // Every run completes with its result; the workers were never restarted.
    let completed = 0;
    for (const run of runs) {
      try {
        const result = await whenUp(`result of ${run.workflowId}`, () =>
          run.handle.result({ timeout: '90s', maxPollInterval: '200ms' }),
        );
        log(`${run.workflowId} closed`);
        if (JSON.stringify(result) === JSON.stringify(run.expected)) completed += 1;
        else
          failures.push(
            `${run.workflowId}: result ${JSON.stringify(result)}, expected ${JSON.stringify(run.expected)}`,
          );
      } catch (err) {
        failures.push(`${run.workflowId}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const after = await whenUp('start after the last restart', () =>
      client.start(sequential, { workflowId: 'crash-after', args: [2, 100] }),
    );
    const afterResult = await whenUp('result after the last restart', () =>
      after.result({ timeout: '60s', maxPollInterval: '200ms' }),
    ).catch((err: unknown) => String(err));
    log(`a workflow started after the last restart: ${JSON.stringify(afterResult)}`);
    if (afterResult !== 102)
      failures.push(`a workflow started after the last restart ended with ${JSON.stringify(afterResult)}, not 102`);
    for (const [i, worker] of workers.entries())
      if (worker.stats().state !== 'RUNNING') failures.push(`worker ${i} is ${worker.stats().state}`);
    failures.push(...workerFailures.map((f) => `a worker stopped: ${f}`));

    // The histories: consistent, and every snapshot and acknowledged signal kept.
    const finals = new Map<string, HistoryEvent[]>();
    let eventsChecked = 0;
    let decisionTaskTimeouts = 0;
    let activityTaskTimeouts = 0;
    const children = runs
      .filter((r) => r.workflowId.startsWith('crash-3-'))
      .map((r) => ({ workflowId: `${r.workflowId}-child`, runId: '' }));
    for (const run of [...runs, ...children]) {
      let runId = run.runId;
      if (!runId)
        runId =
          (await whenUp('describe child', () => client.getHandle(run.workflowId).describe())).executionInfo?.execution
            ?.runId ?? '';
      const events = await readHistory({ workflowId: run.workflowId, runId });
      finals.set(runId, events);
      eventsChecked += events.length;
      failures.push(...historyProblems(run.workflowId, events));
      decisionTaskTimeouts += events.filter((e) => e.eventType === 'DecisionTaskTimedOut').length;
      activityTaskTimeouts += events.filter((e) => e.eventType === 'ActivityTaskTimedOut').length;
    }
    for (const snapshot of snapshots) {
      const problem = prefixProblem(snapshot.run.workflowId, snapshot.events, finals.get(snapshot.run.runId) ?? []);
      if (problem) failures.push(problem);
    }
    for (const { workflowId, id } of signalsAcknowledged) {
      const run = runs.find((r) => r.workflowId === workflowId);
      const signalled = (finals.get(run?.runId ?? '') ?? [])
        .filter((e) => e.eventType === 'WorkflowExecutionSignaled')
        .map((e) => String(eventAttributes(e).input));
      if (!signalled.some((input) => input.includes(id)))
        failures.push(`${workflowId}: acknowledged signal ${id} is missing`);
    }

    log(`histories checked: ${eventsChecked} events`);
    for (const worker of workers) await worker.shutdown();
    await Promise.all(running);
    log('workers stopped');
    const code = await service.stop();
    if (code !== 0) failures.push(`the service exited with ${String(code)} on SIGTERM`);
    const db = new Database(join(dataDir, 'swf.sqlite'), { readonly: true });
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
    db.close();
    if (integrity !== 'ok') failures.push(`integrity_check at the end: ${integrity}`);

    const steps = activityRuns.size;
    const executions = [...activityRuns.values()].reduce((a, b) => a + b, 0);
    return {
      seed: options.seed,
      kills: options.kills,
      workflows: runs.length,
      completed,
      signalsAcknowledged: signalsAcknowledged.length,
      snapshotsChecked: snapshots.length,
      eventsChecked,
      activityReruns: executions - steps,
      activitySteps: steps,
      decisionTaskTimeouts,
      activityTaskTimeouts,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      failures,
    };
  } finally {
    await Promise.race([Promise.all(workers.map((w) => w.shutdown())), delay(10_000)]);
    workerSwf.destroy();
    clientSwf.destroy();
    killAll();
    await service.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
