/**
 * lambda-thumbnail end to end: a real decider over HTTP against the real local service, which runs
 * the Lambda function `resize` from `src/lambdas/resize.ts` in processes of its own. The workflow asks
 * for three thumbnails at once; an image too large fails without retries; a run started without a
 * lambdaRole fails as on Amazon SWF (ASSUME_ROLE_FAILED).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowClient } from '@swf-flow/client';
import { ApplicationFailure, silentLogger, WorkflowExecutionFailedError } from '@swf-flow/common';
import { type LocalService, type RunningWorkers, runWorkers, startLocalService } from '@swf-flow/dev';
import { createWorkers, DOMAIN, LAMBDA_ROLE, LAMBDAS_DIR } from '../src/main.js';
import { makeThumbnails } from '../src/workflows.js';

/** The failure's chain of causes, outermost first. */
function causes(err: unknown): Error[] {
  const chain: Error[] = [];
  for (let e: unknown = err; e instanceof Error && chain.length < 5; e = e.cause) chain.push(e);
  return chain;
}

describe('lambda-thumbnail over HTTP (the service runs the Lambda functions)', () => {
  let local: LocalService;
  let workers: RunningWorkers;
  let client: WorkflowClient;

  beforeAll(async () => {
    local = await startLocalService({ dataDir: ':memory:', pollTimeoutMs: 2000, lambdas: { handlers: LAMBDAS_DIR } });
    workers = runWorkers(await createWorkers(local.swf, silentLogger));
    client = new WorkflowClient({ swf: local.swf, domain: DOMAIN });
  });

  afterAll(async () => {
    await workers?.stop();
    await local?.server.close();
  });

  it('makes three thumbnails with three Lambda tasks scheduled by one decision', async () => {
    const handle = await client.start(makeThumbnails, {
      workflowId: 'thumbs-cat',
      args: [{ key: 'cat.jpg', width: 4000, height: 3000 }],
      lambdaRole: LAMBDA_ROLE,
    });
    expect(await handle.result({ timeout: '60s', maxPollInterval: '50ms' })).toEqual([
      { key: 'thumbs/cat-64.png', width: 64, height: 48 },
      { key: 'thumbs/cat-128.png', width: 128, height: 96 },
      { key: 'thumbs/cat-256.png', width: 256, height: 192 },
    ]);
    const history = await handle.history();
    const types = history.map((e) => e.eventType);
    expect(types.slice(4, 10)).toEqual([
      'LambdaFunctionScheduled',
      'LambdaFunctionScheduled',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionStarted',
      'LambdaFunctionStarted',
    ]);
    expect(types.filter((t) => t === 'LambdaFunctionCompleted')).toHaveLength(3);
    const scheduled = history.flatMap((e) =>
      e.lambdaFunctionScheduledEventAttributes ? [e.lambdaFunctionScheduledEventAttributes] : [],
    );
    expect(scheduled.map((a) => [a.id, a.name, a.startToCloseTimeout, a.input])).toEqual([
      ['lambda-1', 'resize', '30', '{"image":{"key":"cat.jpg","width":4000,"height":3000},"width":64}'],
      ['lambda-2', 'resize', '30', '{"image":{"key":"cat.jpg","width":4000,"height":3000},"width":128}'],
      ['lambda-3', 'resize', '30', '{"image":{"key":"cat.jpg","width":4000,"height":3000},"width":256}'],
    ]);
  });

  it('an image too large: the function throws ImageTooLarge, which is not retried; the run fails with it', async () => {
    const handle = await client.start(makeThumbnails, {
      workflowId: 'thumbs-huge',
      args: [{ key: 'huge.tif', width: 20000, height: 20000 }],
      lambdaRole: LAMBDA_ROLE,
    });
    const err = await handle.result({ timeout: '60s', maxPollInterval: '50ms' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
    const failure = causes(err).find((e) => e instanceof ApplicationFailure && e.type === 'ImageTooLarge');
    expect(failure?.message).toBe('huge.tif has 400000000 pixels; resize takes at most 50 million');
    const history = await handle.history();
    // three tasks, one attempt each: no retry timer, no second attempt
    expect(history.filter((e) => e.eventType === 'LambdaFunctionScheduled')).toHaveLength(3);
    expect(history.filter((e) => e.eventType === 'TimerStarted')).toHaveLength(0);
    const reasons = history.flatMap((e) =>
      e.lambdaFunctionFailedEventAttributes ? [e.lambdaFunctionFailedEventAttributes.reason] : [],
    );
    expect(reasons.length).toBeGreaterThanOrEqual(1);
    expect(new Set(reasons)).toEqual(new Set(['Unhandled']));
  });

  it('a run started without a lambdaRole fails as on Amazon SWF: StartLambdaFunctionFailed, ASSUME_ROLE_FAILED', async () => {
    const handle = await client.start(makeThumbnails, {
      workflowId: 'thumbs-no-role',
      args: [{ key: 'dog.png', width: 800, height: 600 }],
    });
    const err = await handle.result({ timeout: '60s', maxPollInterval: '50ms' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowExecutionFailedError);
    const chain = causes(err);
    // the workflow failed with a LambdaFailure; the client rebuilds it from the history by its type
    expect(chain.some((e) => e instanceof ApplicationFailure && e.type === 'LambdaFailure')).toBe(true);
    expect(chain.some((e) => e instanceof ApplicationFailure && e.type === 'ASSUME_ROLE_FAILED')).toBe(true);
    const history = await handle.history();
    expect(
      history
        .filter((e) => e.eventType === 'StartLambdaFunctionFailed')
        .map((e) => e.startLambdaFunctionFailedEventAttributes?.cause),
    ).toContain('ASSUME_ROLE_FAILED');
    expect(history.some((e) => e.eventType === 'LambdaFunctionStarted')).toBe(false);
  });
});
