// Failures that leave the run recoverable: a NonDeterminismError or an uncaught
// DeterminismViolationError fails the decision task (nothing is answered; the task times out and
// comes back), is logged as an error once, and a worker running fixed code then continues the run.
// With failWorkflowOnNonDeterminism the execution is failed instead. Real workers, real local
// service over HTTP; the decision task timeout is 1 s so that the retried task comes back quickly.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { WorkflowExecutionFailedError } from '@swf-flow/common';
import { defineWorkflow, sleep } from '@swf-flow/workflow';
import { useTestEnv } from './env.js';
import { acts, ChangingV1, ChangingV2, TestActivities } from './fixtures.js';
import { recordingLogger, waitFor } from './helpers.js';

const env = useTestEnv('task-failure-it');

/** Greets, then (broken) arms a real timer, which workflow code may not do; fixed: sleeps. */
const BrokenTimer = defineWorkflow(
  async function brokenTimer(): Promise<string> {
    const greeting = await acts.greet('first');
    setTimeout(() => undefined, 10); // throws DeterminismViolationError: not caught
    return greeting;
  },
  { name: 'Timed', version: '1.0' },
);
const FixedTimer = defineWorkflow(
  async function fixedTimer(): Promise<string> {
    const greeting = await acts.greet('first');
    await sleep('1s');
    return greeting;
  },
  { name: 'Timed', version: '1.0' },
);

/** Greets, then (broken) reads a file in workflow code; fixed: sleeps. */
const BrokenRead = defineWorkflow(
  async function brokenRead(): Promise<string> {
    const greeting = await acts.greet('first');
    await readFile('/proc/self/status'); // I/O the workflow API does not drive: stopped where it happens
    return greeting;
  },
  { name: 'Reads', version: '1.0' },
);
const FixedRead = defineWorkflow(
  async function fixedRead(): Promise<string> {
    const greeting = await acts.greet('first');
    await sleep('1s');
    return greeting;
  },
  { name: 'Reads', version: '1.0' },
);

/** A promise made outside every workflow run that nothing settles (a module-level cache, a client, ...). */
const outsideGate = new Promise<void>(() => undefined);
/** Greets, then (broken) waits for the outside promise; fixed: sleeps. */
const BrokenGate = defineWorkflow(
  async function brokenGate(): Promise<string> {
    const greeting = await acts.greet('first');
    await outsideGate; // would leave the decider nothing to decide: an empty decision list before
    return greeting;
  },
  { name: 'WaitsOutside', version: '1.0' },
);
const FixedGate = defineWorkflow(
  async function fixedGate(): Promise<string> {
    const greeting = await acts.greet('first');
    await sleep('1s');
    return greeting;
  },
  { name: 'WaitsOutside', version: '1.0' },
);

const FAST_TASKS = { timeouts: { taskStartToClose: '1s' } } as const;

interface Case {
  name: string;
  broken: typeof ChangingV1;
  fixed: typeof ChangingV1;
  /** The fixed code runs the execution until this event; the broken code then cannot go on. */
  until: string;
  error: string;
  message: RegExp;
}

const CASES: Case[] = [
  // ChangingV2 now calls Step where the history recorded Greet
  {
    name: 'NonDeterminismError',
    broken: ChangingV2,
    fixed: ChangingV1,
    until: 'TimerStarted',
    error: 'NonDeterminismError',
    message: /does not match its history at event \d+/,
  },
  // BrokenTimer arms a real timer once Greet completed
  {
    name: 'an uncaught DeterminismViolationError',
    broken: BrokenTimer,
    fixed: FixedTimer,
    until: 'ActivityTaskScheduled',
    error: 'DeterminismViolationError',
    message: /setTimeout\(\)/,
  },
  // BrokenRead awaits file I/O once Greet completed
  {
    name: 'I/O in workflow code',
    broken: BrokenRead,
    fixed: FixedRead,
    until: 'ActivityTaskScheduled',
    error: 'DeterminismViolationError',
    message: /started file system I\/O with readFile \(node:fs\/promises\).*task-failure\.test\.ts:\d+/,
  },
  // BrokenGate awaits a promise made outside the run once Greet completed
  {
    name: 'awaiting a promise made outside the run',
    broken: BrokenGate,
    fixed: FixedGate,
    until: 'ActivityTaskScheduled',
    error: 'DeterminismViolationError',
    message: /awaits a promise that was created outside this workflow run.*task-failure\.test\.ts:\d+/,
  },
];

/** Starts the execution and lets a worker running the fixed code take it to `c.until`. */
async function startAndRunFixedUntil(
  c: Case,
  taskList: string,
  workflowId: string,
): Promise<Awaited<ReturnType<typeof env.client.start>>> {
  const first = await env.worker(taskList, { workflows: [c.fixed], activities: [new TestActivities()] });
  const handle = await env.client.start(c.fixed, { workflowId, taskList, ...FAST_TASKS });
  // Stopped as soon as an activity is scheduled, the worker may be stopped while the service hands
  // that activity to its waiting poll: the shutdown half-closes the poll and still runs the task it
  // was handed (test/shutdown-handoff.test.ts), so the broken worker below gets its decision task.
  await first.runUntil(() =>
    waitFor(c.until, async () => (await handle.history()).some((e) => e.eventType === c.until)),
  );
  return handle;
}

describe('a failed decision task leaves the run recoverable', () => {
  it.each(CASES)('$name: by default the task fails, is logged once, and fixed code continues the run', async (c) => {
    const taskList = `tf-${CASES.indexOf(c)}`;
    const workflowId = `tf-default-${CASES.indexOf(c)}`;
    const handle = await startAndRunFixedUntil(c, taskList, workflowId);

    const logger = recordingLogger();
    const broken = await env.worker(taskList, { workflows: [c.broken], activities: [new TestActivities()], logger });
    await broken.runUntil(() =>
      waitFor('the task to fail twice', () => broken.stats().decisionTasks.nondeterministic >= 2),
    );
    const errors = logger.lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1); // logged clearly, once
    expect(errors[0]?.message).toMatch(c.message);
    expect(errors[0]?.message).toMatch(/decision task was failed.*fixed code/);
    expect(errors[0]?.meta).toMatchObject({ workflowId, runId: handle.runId, error: c.error });
    expect(logger.lines.some((l) => l.level === 'debug' && /failed again/.test(l.message))).toBe(true);
    expect(broken.stats().decisionTasks.completed).toBe(0);
    expect(broken.stats().cache.size).toBe(0); // the run was not kept
    const history = await handle.history();
    expect(history.map((e) => e.eventType)).toContain('DecisionTaskTimedOut');
    expect(history.map((e) => e.eventType)).not.toContain('WorkflowExecutionFailed');
    expect((await handle.describe()).executionInfo?.executionStatus).toBe('OPEN');

    // A deployment of fixed code continues the same run to its end.
    const fixed = await env.worker(taskList, { workflows: [c.fixed], activities: [new TestActivities()] });
    const result = await fixed.runUntil(() => handle.result({ timeout: '20s' }));
    expect(result).toMatch(/^Hello, /);
    expect(fixed.stats().decisionTasks.nondeterministic).toBe(0);
  });

  it.each(CASES)('$name: with failWorkflowOnNonDeterminism the execution fails with it', async (c) => {
    const taskList = `tf-fail-${CASES.indexOf(c)}`;
    const workflowId = `tf-fail-${CASES.indexOf(c)}`;
    const handle = await startAndRunFixedUntil(c, taskList, workflowId);
    const broken = await env.worker(taskList, {
      workflows: [c.broken],
      activities: [new TestActivities()],
      failWorkflowOnNonDeterminism: true,
    });
    const err = await broken.runUntil(() => handle.result({ timeout: '20s' }).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
    expect((err as WorkflowExecutionFailedError).status).toBe('FAILED');
    expect((err as Error).cause).toMatchObject({ type: c.error });
    expect(((err as Error).cause as Error).message).toMatch(c.message);
  });
});
