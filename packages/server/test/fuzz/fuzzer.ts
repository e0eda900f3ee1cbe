/**
 * The seeded fuzzer: random and mutated requests for every operation of the SWF model, sent over
 * real HTTP to a running service, carrying state from answer to answer (domains, types, runs, task
 * tokens). After a poll hands out a task, the next request usually answers it, with fuzzed decisions
 * or a fuzzed activity outcome. Same seed and same answers, same requests.
 */
import { mutate, type WireCall } from './mutations.js';
import { Pool } from './pool.js';
import { Random } from './random.js';
import { generateInput, operations } from './values.js';
import { send } from './wire.js';

/** Options of {@link fuzz}. */
export interface FuzzOptions {
  /** The service's URL. */
  url: string;
  seed: number;
  /** Requests to send (after a dozen set-up requests). */
  requests: number;
  /** Share of requests mutated after generation. @default 0.3 */
  mutationRate?: number;
  /** Called every `progressEvery` requests (long runs). */
  onProgress?: (sent: number) => void;
  /** @default 10000 */
  progressEvery?: number;
}

/** Counts per operation. */
export interface OperationCounts {
  sent: number;
  ok: number;
  faults: Record<string, number>;
}

/** What a run did and what broke. */
export interface FuzzReport {
  seed: number;
  requests: number;
  byOperation: Record<string, OperationCounts>;
  /** Broken invariants, each with the request that broke it (at most 20 kept). */
  violations: Array<{ index: number; problem: string; target: string | undefined; body: string }>;
  violationCount: number;
  /** Tasks the polls handed out. */
  handedOut: { decisionTasks: number; activityTasks: number };
  /** What the fuzzer learned, for the checks that follow a run. */
  pool: Pool;
}

/** How often each operation is chosen: the ones that move executions along, more often. */
const WEIGHT: Record<string, number> = {
  StartWorkflowExecution: 6,
  PollForDecisionTask: 8,
  RespondDecisionTaskCompleted: 6,
  PollForActivityTask: 6,
  RespondActivityTaskCompleted: 4,
  RespondActivityTaskFailed: 2,
  RespondActivityTaskCanceled: 1.5,
  RecordActivityTaskHeartbeat: 2,
  SignalWorkflowExecution: 4,
  RequestCancelWorkflowExecution: 2,
  TerminateWorkflowExecution: 1,
  RegisterWorkflowType: 2,
  RegisterActivityType: 2,
  RegisterDomain: 1,
  GetWorkflowExecutionHistory: 2,
  DeprecateDomain: 0.2,
  DeleteWorkflowType: 0.3,
  DeleteActivityType: 0.3,
  DeprecateWorkflowType: 0.5,
  DeprecateActivityType: 0.5,
};

/** The set-up: two domains with one workflow type and one activity type each, described for their ARNs. */
function setUpCalls(): Array<[string, Record<string, unknown>]> {
  const calls: Array<[string, Record<string, unknown>]> = [];
  for (const domain of ['fz-a', 'fz-b']) {
    calls.push(['RegisterDomain', { name: domain, workflowExecutionRetentionPeriodInDays: '1' }]);
    calls.push(['DescribeDomain', { name: domain }]);
    for (const version of ['1', '2']) {
      calls.push([
        'RegisterWorkflowType',
        {
          domain,
          name: 'Wf',
          version,
          defaultTaskList: { name: 'tl1' },
          defaultTaskStartToCloseTimeout: '30',
          defaultExecutionStartToCloseTimeout: '600',
          defaultChildPolicy: 'TERMINATE',
        },
      ]);
      calls.push([
        'RegisterActivityType',
        {
          domain,
          name: 'Act',
          version,
          defaultTaskList: { name: 'tl2' },
          defaultTaskScheduleToStartTimeout: '60',
          defaultTaskScheduleToCloseTimeout: '120',
          defaultTaskStartToCloseTimeout: '60',
          defaultTaskHeartbeatTimeout: 'NONE',
        },
      ]);
    }
  }
  return calls;
}

/** The follow-up a handed-out task usually gets: an answer, picked from what a worker might send. */
function followUp(r: Random, operation: string): string | undefined {
  if (operation === 'PollForDecisionTask') return r.chance(0.85) ? 'RespondDecisionTaskCompleted' : undefined;
  if (operation === 'PollForActivityTask') {
    return r.weighted<string | undefined>([
      ['RespondActivityTaskCompleted', 5],
      ['RespondActivityTaskFailed', 2],
      ['RespondActivityTaskCanceled', 1],
      ['RecordActivityTaskHeartbeat', 1.5],
      [undefined, 1],
    ]);
  }
  return undefined;
}

/** Runs the fuzzer against `options.url`; never throws for what the service answers. */
export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const r = new Random(options.seed);
  const pool = new Pool();
  const all = operations();
  const weighted = all.map((op) => [op, WEIGHT[op] ?? 1] as const);
  const byOperation: Record<string, OperationCounts> = Object.fromEntries(
    all.map((op) => [op, { sent: 0, ok: 0, faults: {} }]),
  );
  const violations: FuzzReport['violations'] = [];
  let violationCount = 0;
  const mutationRate = options.mutationRate ?? 0.3;

  const handedOut = { decisionTasks: 0, activityTasks: 0 };
  const exchange = async (
    index: number,
    call: WireCall,
    input: Record<string, unknown> | undefined,
  ): Promise<Record<string, unknown> | undefined> => {
    const answer = await send(options.url, call);
    const counts = byOperation[call.operation] as OperationCounts;
    counts.sent += 1;
    if (answer.problem) {
      violationCount += 1;
      if (violations.length < 20)
        violations.push({ index, problem: answer.problem, target: call.target, body: call.body.slice(0, 500) });
    }
    if (answer.status === 200 && answer.output) {
      counts.ok += 1;
      if (input) pool.learn(call.operation, input, answer.output);
      return answer.output;
    }
    if (answer.fault) counts.faults[answer.fault] = (counts.faults[answer.fault] ?? 0) + 1;
    return undefined;
  };

  for (const [operation, input] of setUpCalls()) {
    await exchange(-1, { target: `SimpleWorkflowService.${operation}`, body: JSON.stringify(input), operation }, input);
  }

  let next: string | undefined;
  for (let i = 0; i < options.requests; i++) {
    const operation = next ?? r.weighted(weighted);
    next = undefined;
    const input = generateInput(r, pool, operation);
    const mutated = r.chance(mutationRate);
    const call = mutated
      ? mutate(r, operation, input, r.int(1, 3))
      : { target: `SimpleWorkflowService.${operation}`, body: JSON.stringify(input), operation };
    const output = await exchange(i, call, mutated ? undefined : input);
    if (typeof output?.taskToken === 'string' && output.taskToken !== '') {
      if (operation === 'PollForDecisionTask') handedOut.decisionTasks += 1;
      else handedOut.activityTasks += 1;
      if (!mutated) next = followUp(r, operation);
    }
    if (options.onProgress && (i + 1) % (options.progressEvery ?? 10_000) === 0) options.onProgress(i + 1);
  }

  return {
    seed: options.seed,
    requests: options.requests,
    byOperation,
    violations,
    violationCount,
    handedOut,
    pool,
  };
}
