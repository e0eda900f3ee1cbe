/** Test support (used by the engine's tests only): a fake registry and an engine over SQLite. */
import type { Logger } from '@swf-flow/common';
import { ManualClock } from '../clock.js';
import { type Db, openDatabase, turnBatchOf } from '../db.js';
import { SwfFault } from '../faults.js';
import { type LambdaInvoker } from '../lambda/invoker.js';
import { validateInput } from '../model/validate.js';
import type { EngineOperationName } from '../operation.js';
import { Engine } from './engine.js';
import { engineSchema } from './schema.js';
import {
  type ActivityTypeRecord,
  type DomainRecord,
  type EngineConfig,
  type RegistryLike,
  type WorkflowTypeRecord,
} from './types.js';

/** A registry held in maps, pre-filled with domain `d`, workflow `W` 1 and activity `A` 1. */
export class FakeRegistry implements RegistryLike {
  domains = new Map<string, DomainRecord>([['d', { name: 'd', status: 'REGISTERED', retentionDays: 1 }]]);
  workflows = new Map<string, WorkflowTypeRecord>();
  activities = new Map<string, ActivityTypeRecord>();

  constructor() {
    this.addWorkflow({
      domain: 'd',
      name: 'W',
      version: '1',
      status: 'REGISTERED',
      defaultTaskList: 'wf',
      defaultExecutionStartToCloseTimeout: '3600',
      defaultTaskStartToCloseTimeout: '10',
      defaultChildPolicy: 'TERMINATE',
    });
    this.addActivity({
      domain: 'd',
      name: 'A',
      version: '1',
      status: 'REGISTERED',
      defaultTaskList: 'act',
      defaultTaskScheduleToStartTimeout: '100',
      defaultTaskScheduleToCloseTimeout: '300',
      defaultTaskStartToCloseTimeout: '60',
      defaultTaskHeartbeatTimeout: 'NONE',
    });
  }

  addWorkflow(t: WorkflowTypeRecord): void {
    this.workflows.set(`${t.domain}/${t.name}/${t.version}`, t);
  }

  addActivity(t: ActivityTypeRecord): void {
    this.activities.set(`${t.domain}/${t.name}/${t.version}`, t);
  }

  requireDomain(name: string): DomainRecord {
    const d = this.domains.get(name);
    if (!d) throw new SwfFault('UnknownResourceFault', `Unknown domain: ${name}`);
    return d;
  }

  getDomain(name: string): DomainRecord | undefined {
    return this.domains.get(name);
  }

  getWorkflowType(domain: string, name: string, version: string): WorkflowTypeRecord | undefined {
    return this.workflows.get(`${domain}/${name}/${version}`);
  }

  getActivityType(domain: string, name: string, version: string): ActivityTypeRecord | undefined {
    return this.activities.get(`${domain}/${name}/${version}`);
  }
}

/** An engine under test with a manual clock; `call` runs a handler and awaits it. */
export interface TestEngine {
  engine: Engine;
  db: Db;
  clock: ManualClock;
  registry: FakeRegistry;
  call<T = Record<string, unknown>>(op: EngineOperationName, input: unknown, signal?: AbortSignal): Promise<T>;
  /** The event types of a run's history. */
  types(workflowId: string, runId: string): Promise<string[]>;
  /** The events of a run's history. */
  events(workflowId: string, runId: string): Promise<Array<Record<string, any>>>;
}

/** Makes an engine over `dataDir` (default `:memory:`) with a fake registry and a manual clock. */
export function makeEngine(
  opts: {
    dataDir?: string;
    clock?: ManualClock;
    registry?: FakeRegistry;
    config?: EngineConfig;
    lambdaInvoker?: LambdaInvoker;
    logger?: Logger;
  } = {},
): TestEngine {
  const db = openDatabase(opts.dataDir ?? ':memory:', engineSchema);
  const clock = opts.clock ?? new ManualClock();
  const registry = opts.registry ?? new FakeRegistry();
  const engine = new Engine({
    db,
    clock,
    registry,
    config: { pollTimeoutMs: 50, ...opts.config },
    ...(opts.lambdaInvoker ? { lambdaInvoker: opts.lambdaInvoker } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  engine.start();
  const batches = turnBatchOf(db);
  // As the service calls it: the answer once the turn's transaction (a data directory's) has committed.
  const run = async <K extends EngineOperationName>(op: K, input: unknown, signal?: AbortSignal): Promise<unknown> => {
    try {
      return await engine.handlers[op](validateInput(op, input), { signal });
    } finally {
      await batches?.pending();
    }
  };
  const call = async <T>(op: EngineOperationName, input: unknown, signal?: AbortSignal): Promise<T> =>
    (await run(op, input, signal)) as T;
  const events = async (workflowId: string, runId: string): Promise<Array<Record<string, any>>> =>
    (
      await call<{ events: Array<Record<string, any>> }>('GetWorkflowExecutionHistory', {
        domain: 'd',
        execution: { workflowId, runId },
      })
    ).events;
  const types = async (workflowId: string, runId: string): Promise<string[]> =>
    (await events(workflowId, runId)).map((e) => String(e.eventType));
  return { engine, db, clock, registry, call, events, types };
}

/** Starts `W` 1 as `workflowId` and returns its run id. */
export async function start(t: TestEngine, workflowId = 'wf1', extra: Record<string, unknown> = {}): Promise<string> {
  const out = await t.call<{ runId: string }>('StartWorkflowExecution', {
    domain: 'd',
    workflowId,
    workflowType: { name: 'W', version: '1' },
    ...extra,
  });
  return out.runId;
}

/** Polls a decision task on `wf` (fails the test when there is none). */
export async function pollDecision(
  t: TestEngine,
  taskList = 'wf',
  extra: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const task = await t.call<Record<string, any>>('PollForDecisionTask', {
    domain: 'd',
    taskList: { name: taskList },
    identity: 'decider',
    ...extra,
  });
  if (!task.taskToken) throw new Error('no decision task');
  return task;
}

/** Answers a decision task with decisions. */
export async function decide(
  t: TestEngine,
  taskToken: string,
  decisions: unknown[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  await t.call('RespondDecisionTaskCompleted', { taskToken, decisions, ...extra });
}

/** Polls an activity task on `act` (fails the test when there is none). */
export async function pollActivity(t: TestEngine, taskList = 'act'): Promise<Record<string, any>> {
  const task = await t.call<Record<string, any>>('PollForActivityTask', {
    domain: 'd',
    taskList: { name: taskList },
    identity: 'worker',
  });
  if (!task.taskToken) throw new Error('no activity task');
  return task;
}

/** A ScheduleActivityTask decision for `A` 1. */
export function scheduleA(activityId: string, attrs: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    decisionType: 'ScheduleActivityTask',
    scheduleActivityTaskDecisionAttributes: {
      activityType: { name: 'A', version: '1' },
      activityId,
      input: 'in',
      ...attrs,
    },
  };
}
