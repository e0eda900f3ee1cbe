/**
 * The thumbnail workflow: one Lambda task per thumbnail size, all at once, each retried up to 3
 * times (except an image too large, which no retry fixes). SWF itself invokes the functions: no
 * activity worker is involved, only the decider.
 */
import { defineWorkflow, proxyLambdas } from '@swf-flow/workflow';

/** An image in the bucket. */
export interface Image {
  key: string;
  width: number;
  height: number;
}

/** A thumbnail the function made. */
export interface Thumb {
  key: string;
  width: number;
  height: number;
}

/**
 * The Lambda functions the workflow calls, by function name: locally `src/lambdas/resize.ts`, on AWS
 * the function `resize` of the account (or put its ARN in `executeLambda`).
 */
export interface ThumbnailLambdas {
  resize(input: { image: Image; width: number }): Promise<Thumb>;
}

/** The thumbnail widths, in pixels. */
export const WIDTHS = [64, 128, 256] as const;

const lambdas = proxyLambdas<ThumbnailLambdas>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', maximumAttempts: 3, nonRetryableErrorTypes: ['ImageTooLarge'] },
});

/** Workflow type `MakeThumbnails` 1.0 on task list `thumbnails`. */
export const makeThumbnails = defineWorkflow(
  async function makeThumbnails(image: Image): Promise<Thumb[]> {
    return await Promise.all(WIDTHS.map((width) => lambdas.resize({ image, width })));
  },
  {
    name: 'MakeThumbnails',
    version: '1.0',
    taskList: 'thumbnails',
    executionStartToCloseTimeout: '10 minutes',
    taskStartToCloseTimeout: '1 minute',
  },
);
