/**
 * Lambda tasks run by the engine from local handler modules, each in a real child process: every
 * path SWF records (completed, failed, unknown function, no lambdaRole, timed out, refused) and
 * what a handler cannot do to the service (loop forever, exit).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestEngine, decide, makeEngine, pollDecision, start } from '../engine/test-support.js';
import { LocalHandlers } from './local-handlers.js';

let dir: string;
let handlers: LocalHandlers;
let t: TestEngine;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'swf-flow-lambdas-'));
  writeFileSync(
    join(dir, 'resize.mjs'),
    'export async function handler(event, context) { return { key: event.key.replace(".png", "-" + event.width + ".png"), by: context.functionName, hasTime: context.getRemainingTimeInMillis() > 0 }; }\n',
  );
  // as in a project of ES modules ("type": "module"), where tsx loads a .ts handler as one
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'crash.js'),
    'export async function handler() { class ImageTooLarge extends Error { name = "ImageTooLarge"; } throw new ImageTooLarge("cat.png is 40 MB"); }\n',
  );
  writeFileSync(join(dir, 'echo.cjs'), 'exports.handler = (event) => event;\n');
  writeFileSync(join(dir, 'spin.mjs'), 'export function handler() { for (;;) {} }\n');
  writeFileSync(join(dir, 'quit.mjs'), 'export function handler() { process.exit(3); }\n');
  writeFileSync(join(dir, 'nothing.mjs'), 'export const notAHandler = 1;\n');
  writeFileSync(
    join(dir, 'typed.ts'),
    'export async function handler(event: { n: number }): Promise<number> { const twice: number = event.n * 2; return twice; }\n',
  );
});

afterEach(() => {
  t?.engine.close();
  // every handler process is gone once the service closed
  expect(handlers.processCount()).toBe(0);
});

const ROLE = { lambdaRole: 'arn:aws:iam::123456789012:role/swf-lambda' };

function engine(config = {}): TestEngine {
  handlers = new LocalHandlers({ dir });
  return makeEngine({ lambdaInvoker: handlers, config });
}

const lambda = (id: string, name: string, input?: unknown, startToCloseTimeout?: string) => ({
  decisionType: 'ScheduleLambdaFunction',
  scheduleLambdaFunctionDecisionAttributes: {
    id,
    name,
    ...(input === undefined ? {} : { input: JSON.stringify(input) }),
    ...(startToCloseTimeout ? { startToCloseTimeout } : {}),
  },
});

/** Starts a run (with a lambdaRole unless told), answers its first task with `decisions`; returns the run id. */
async function run(decisions: unknown[], extra: Record<string, unknown> = ROLE): Promise<string> {
  const runId = await start(t, 'wf1', extra);
  await decide(t, (await pollDecision(t)).taskToken, decisions);
  return runId;
}

/** The events after the first DecisionTaskCompleted, once `done` holds for them. */
async function eventsWhen(runId: string, done: (types: string[]) => boolean): Promise<Array<Record<string, any>>> {
  let events: Array<Record<string, any>> = [];
  await expect
    .poll(
      async () => {
        events = (await t.events('wf1', runId)).slice(4);
        return done(events.map((e) => String(e.eventType)));
      },
      { timeout: 20_000, message: 'the Lambda task to close (a handler process answers)' },
    )
    .toBe(true);
  return events;
}

const closed = (types: string[]): boolean => types.includes('DecisionTaskScheduled');

describe('Lambda tasks from local handler modules', () => {
  it('completed: Scheduled, Started, Completed with the response as result, then a decision task', async () => {
    t = engine();
    const runId = await run([lambda('l1', 'resize', { key: 'cat.png', width: 128 }, '30')]);
    const events = await eventsWhen(runId, closed);
    expect(events.map((e) => e.eventType)).toEqual([
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionCompleted',
      'DecisionTaskScheduled',
    ]);
    expect(events[0]!.lambdaFunctionScheduledEventAttributes).toEqual({
      id: 'l1',
      name: 'resize',
      input: '{"key":"cat.png","width":128}',
      startToCloseTimeout: '30',
      decisionTaskCompletedEventId: 4,
    });
    expect(events[1]!.lambdaFunctionStartedEventAttributes).toEqual({ scheduledEventId: 5 });
    expect(events[2]!.lambdaFunctionCompletedEventAttributes).toEqual({
      scheduledEventId: 5,
      startedEventId: 6,
      result: '{"key":"cat-128.png","by":"resize","hasTime":true}',
    });
  });

  it('a function named by ARN runs its handler; a CommonJS handler with no input gets {}', async () => {
    t = engine();
    const runId = await run([lambda('l1', 'arn:aws:lambda:us-east-1:123456789012:function:echo')]);
    const events = await eventsWhen(runId, closed);
    expect(events[2]!.lambdaFunctionCompletedEventAttributes.result).toBe('{}');
  });

  it('a TypeScript handler runs (through tsx)', async () => {
    t = engine();
    const runId = await run([lambda('l1', 'typed', { n: 21 })]);
    const events = await eventsWhen(runId, closed);
    expect(events[2]!.lambdaFunctionCompletedEventAttributes.result).toBe('42');
  });

  it("failed: reason Unhandled, details Lambda's error payload (errorType, errorMessage, trace)", async () => {
    t = engine();
    const runId = await run([lambda('l1', 'crash')]);
    const events = await eventsWhen(runId, closed);
    expect(events.map((e) => e.eventType)).toEqual([
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'DecisionTaskScheduled',
    ]);
    const failed = events[2]!.lambdaFunctionFailedEventAttributes;
    expect(failed).toMatchObject({ scheduledEventId: 5, startedEventId: 6, reason: 'Unhandled' });
    const details = JSON.parse(failed.details) as { errorType: string; errorMessage: string; trace: string[] };
    expect(details).toMatchObject({ errorType: 'ImageTooLarge', errorMessage: 'cat.png is 40 MB' });
    expect(details.trace[0]).toBe('ImageTooLarge: cat.png is 40 MB');
  });

  it('an unknown function: Started, then Failed with ResourceNotFoundException (no process started)', async () => {
    t = engine();
    const runId = await run([lambda('l1', 'nope'), lambda('l2', '../resize')]);
    const events = await eventsWhen(runId, (types) => types.filter((x) => x === 'LambdaFunctionFailed').length === 2);
    const failed = events
      .filter((e) => e.eventType === 'LambdaFunctionFailed')
      .map((e) => e.lambdaFunctionFailedEventAttributes);
    expect(failed.map((f) => f.reason)).toEqual(['ResourceNotFoundException', 'ResourceNotFoundException']);
    expect(failed[0].details).toMatch(/^Function not found: nope \(no nope\.js or \.ts handler module in /);
  });

  it('a module without a handler export, and a handler that exits: failures in Lambda runtime terms', async () => {
    t = engine();
    const runId = await run([lambda('l1', 'nothing'), lambda('l2', 'quit')]);
    const events = await eventsWhen(runId, (types) => types.filter((x) => x === 'LambdaFunctionFailed').length === 2);
    const types = events
      .filter((e) => e.eventType === 'LambdaFunctionFailed')
      .map((e) => JSON.parse(e.lambdaFunctionFailedEventAttributes.details).errorType as string);
    expect(types.sort()).toEqual(['Runtime.ExitError', 'Runtime.HandlerNotFound']);
  });

  it('no lambdaRole: Scheduled, then StartLambdaFunctionFailed ASSUME_ROLE_FAILED (never started)', async () => {
    t = engine();
    const runId = await run([lambda('l1', 'resize', { key: 'a.png', width: 1 })], {});
    const events = (await t.events('wf1', runId)).slice(4);
    expect(events.map((e) => e.eventType)).toEqual([
      'LambdaFunctionScheduled',
      'StartLambdaFunctionFailed',
      'DecisionTaskScheduled',
    ]);
    expect(events[1]!.startLambdaFunctionFailedEventAttributes).toMatchObject({
      scheduledEventId: 5,
      cause: 'ASSUME_ROLE_FAILED',
      // Amazon SWF's words (glenbraun/FsDecider's histories of real runs, TestScheduleLambdaFunction.fs).
      message: 'No IAM role is attached to the current workflow execution.',
    });
  });

  it('timed out: a handler that never returns is killed at its start-to-close deadline and the service goes on', async () => {
    t = engine();
    const runId = await run([lambda('l1', 'spin', undefined, '5')]);
    await expect
      .poll(() => handlers.processCount(), { timeout: 10_000, message: 'the handler process to start' })
      .toBe(1);
    expect(
      (await t.engine.handlers.DescribeWorkflowExecution!(
        { domain: 'd', execution: { workflowId: 'wf1', runId } },
        {},
      )) as Record<string, any>,
    ).toMatchObject({ openCounts: { openLambdaFunctions: 1 } });
    t.clock.advance(5_000);
    const events = await eventsWhen(runId, closed);
    expect(events.map((e) => e.eventType)).toEqual([
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionTimedOut',
      'DecisionTaskScheduled',
    ]);
    expect(events[2]!.lambdaFunctionTimedOutEventAttributes).toEqual({
      scheduledEventId: 5,
      startedEventId: 6,
      timeoutType: 'START_TO_CLOSE',
    });
    await expect
      .poll(() => handlers.processCount(), { timeout: 10_000, message: 'the spinning process to be killed' })
      .toBe(0);
  });

  it('a run that closes drops its open Lambda tasks and stops their handlers', async () => {
    t = engine();
    const runId = await run([lambda('l1', 'spin')]);
    await expect
      .poll(() => handlers.processCount(), { timeout: 10_000, message: 'the handler process to start' })
      .toBe(1);
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'wf1', runId });
    await expect.poll(() => handlers.processCount(), { timeout: 10_000, message: 'the process to be killed' }).toBe(0);
    expect((await t.types('wf1', runId)).slice(-1)).toEqual(['WorkflowExecutionTerminated']);
  });

  it('ScheduleLambdaFunctionFailed: ID_ALREADY_IN_USE for an open task, OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED past the limit', async () => {
    t = engine({ maxOpenPerExecution: 2 });
    const runId = await run([lambda('a', 'spin'), lambda('a', 'spin'), lambda('b', 'spin'), lambda('c', 'spin')]);
    const events = (await t.events('wf1', runId)).slice(4);
    const refused = events
      .filter((e) => e.eventType === 'ScheduleLambdaFunctionFailed')
      .map((e) => e.scheduleLambdaFunctionFailedEventAttributes);
    expect(refused).toEqual([
      { id: 'a', name: 'spin', cause: 'ID_ALREADY_IN_USE', decisionTaskCompletedEventId: 4 },
      { id: 'c', name: 'spin', cause: 'OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED', decisionTaskCompletedEventId: 4 },
    ]);
  });

  it("one answer's Lambda decisions are recorded together, their starts after them (as the replayer reads a decision task)", async () => {
    t = engine();
    const runId = await run([
      lambda('l1', 'echo', { n: 1 }),
      lambda('l2', 'echo', { n: 2 }),
      lambda('l3', 'echo', { n: 3 }),
    ]);
    const events = await eventsWhen(
      runId,
      (types) => types.filter((x) => x === 'LambdaFunctionCompleted').length === 3,
    );
    expect(events.slice(0, 6).map((e) => e.eventType)).toEqual([
      'LambdaFunctionScheduled',
      'LambdaFunctionScheduled',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionStarted',
      'LambdaFunctionStarted',
    ]);
    const results = events
      .filter((e) => e.eventType === 'LambdaFunctionCompleted')
      .map((e) => e.lambdaFunctionCompletedEventAttributes as { scheduledEventId: number; result: string });
    expect(
      results.sort((a, b) => a.scheduledEventId - b.scheduledEventId).map((r) => [r.scheduledEventId, r.result]),
    ).toEqual([
      [5, '{"n":1}'],
      [6, '{"n":2}'],
      [7, '{"n":3}'],
    ]);
  });

  it('a Lambda task scheduled in the answer that closes the run never starts', async () => {
    t = engine();
    const runId = await run([
      lambda('l1', 'echo'),
      { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: 'done' } },
    ]);
    expect((await t.types('wf1', runId)).slice(4)).toEqual(['LambdaFunctionScheduled', 'WorkflowExecutionCompleted']);
    expect(handlers.processCount()).toBe(0);
  });

  it('a start-to-close timeout outside 1-900 s refuses the whole answer, recording nothing', async () => {
    t = engine();
    const runId = await start(t, 'wf1', ROLE);
    const task = await pollDecision(t);
    await expect(decide(t, task.taskToken, [lambda('l1', 'resize', {}, '901')])).rejects.toMatchObject({
      fault: 'ValidationException',
      message: expect.stringMatching(
        /startToCloseTimeout' failed to satisfy constraint: Member must be a whole number of seconds from 1 to 900/,
      ),
    });
    expect(await t.types('wf1', runId)).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
    ]);
  });
});

describe('restart', () => {
  it('a Lambda task still open when the service stopped is invoked again by the next one on the same data', async () => {
    const data = mkdtempSync(join(tmpdir(), 'swf-flow-lambda-restart-'));
    const before = mkdtempSync(join(tmpdir(), 'swf-flow-lambdas-before-'));
    const after = mkdtempSync(join(tmpdir(), 'swf-flow-lambdas-after-'));
    writeFileSync(join(before, 'later.mjs'), 'export function handler() { for (;;) {} }\n');
    writeFileSync(join(after, 'later.mjs'), 'export async function handler() { return "done after restart"; }\n');
    handlers = new LocalHandlers({ dir: before });
    t = makeEngine({ dataDir: data, lambdaInvoker: handlers });
    const runId = await run([lambda('l1', 'later')]);
    await expect
      .poll(() => handlers.processCount(), { timeout: 10_000, message: 'the handler process to start' })
      .toBe(1);
    t.engine.close();
    t.db.close();
    expect(handlers.processCount()).toBe(0);
    handlers = new LocalHandlers({ dir: after });
    t = makeEngine({ dataDir: data, lambdaInvoker: handlers });
    const events = await eventsWhen(runId, closed);
    expect(events.map((e) => e.eventType)).toEqual([
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionCompleted',
      'DecisionTaskScheduled',
    ]);
    expect(events[2]!.lambdaFunctionCompletedEventAttributes.result).toBe('"done after restart"');
  });
});

describe('LocalHandlers', () => {
  it('refuses a directory that does not exist, saying what to pass', () => {
    expect(() => new LocalHandlers({ dir: join(dir, 'missing') })).toThrow(
      /is not a directory; pass the directory that holds <function>\.js or <function>\.ts/,
    );
    handlers = new LocalHandlers({ dir });
  });
});
