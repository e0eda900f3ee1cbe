/**
 * lambda-thumbnail replays: histories recorded from real runs against the local service (which ran
 * `src/lambdas/resize.ts`) replay to the same outcome with no Lambda function and no service at all;
 * a workflow changed to call another function no longer matches them (replay matches Lambda tasks
 * by order and function name, as activities by order and type; inputs are not compared).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LambdaFailure, NonDeterminismError } from '@swf-flow/common';
import { replayHistories, replayHistory } from '@swf-flow/testing';
import { defineWorkflow, proxyLambdas } from '@swf-flow/workflow';
import { makeThumbnails, WIDTHS, type Image, type Thumb, type ThumbnailLambdas } from '../src/workflows.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** The same workflow type calling a function of another name: a change that breaks running executions. */
const renamed = proxyLambdas<{ resizeImage: ThumbnailLambdas['resize'] }>({ startToCloseTimeout: '30s' });
const otherFunction = defineWorkflow(
  async (image: Image): Promise<Thumb[]> =>
    await Promise.all(WIDTHS.map((width) => renamed.resizeImage({ image, width }))),
  {
    name: 'MakeThumbnails',
    version: '1.0',
  },
);

describe('lambda-thumbnail replays', () => {
  it('replays every recorded history clean', async () => {
    expect(
      await replayHistories(fileURLToPath(new URL('./fixtures', import.meta.url)), { MakeThumbnails: makeThumbnails }),
    ).toHaveLength(2);
  });

  it('three Lambda tasks completed: the thumbnails, and nothing more to decide', async () => {
    const out = await replayHistory(fixture('three-thumbnails.json'), makeThumbnails);
    expect(out).toMatchObject({ status: 'COMPLETED', decisions: [] });
    expect((out.result as Thumb[]).map((t) => t.key)).toEqual([
      'thumbs/cat-64.png',
      'thumbs/cat-128.png',
      'thumbs/cat-256.png',
    ]);
  });

  it('an image too large: the run failed with the LambdaFailure whose cause is the function error ImageTooLarge', async () => {
    const out = await replayHistory(fixture('image-too-large.json'), makeThumbnails);
    expect(out.status).toBe('FAILED');
    expect(out.failure).toBeInstanceOf(LambdaFailure);
    const failure = out.failure as LambdaFailure;
    expect(failure.functionName).toBe('resize');
    expect(failure.attempt).toBe(1);
    expect(failure.cause).toMatchObject({
      type: 'ImageTooLarge',
      message: 'huge.tif has 400000000 pixels; resize takes at most 50 million',
    });
  });

  it('calling another function breaks the recorded runs with a NonDeterminismError naming both', async () => {
    const err = (await replayHistory(fixture('three-thumbnails.json'), otherFunction).catch(
      (e: unknown) => e,
    )) as NonDeterminismError;
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect(err.recorded).toMatch(/^LambdaFunctionScheduled resize \(id lambda-1\)/);
    expect(err.attempted).toMatch(/^ScheduleLambdaFunction resizeImage \(id lambda-1\)/);
  });
});
