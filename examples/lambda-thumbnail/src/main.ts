/**
 * lambda-thumbnail, end to end: the local service runs the Lambda function `resize` from
 * `src/lambdas/resize.ts` (each call in a process of its own) while one decider runs the workflow,
 * which asks for three thumbnails at once. Prints each event as it lands, then the thumbnails.
 *
 *     npx tsx examples/lambda-thumbnail/src/main.ts [key] [width] [height]
 */
import { fileURLToPath } from 'node:url';
import type { Logger } from '@swf-flow/common';
import { quietLogger, runIfProgram, runLocal } from '@swf-flow/dev';
import { Worker, type SwfClientLike } from '@swf-flow/worker';
import { makeThumbnails, type Image, type Thumb } from './workflows.js';

/** The domain the example works in. */
export const DOMAIN = 'lambda-thumbnail';

/** The directory of the Lambda handler modules. */
export const LAMBDAS_DIR = fileURLToPath(new URL('./lambdas/', import.meta.url));

/**
 * The IAM role SWF assumes to invoke the functions. On Amazon SWF it must be a real role that may
 * invoke them; the local service only requires one (without it each task fails: ASSUME_ROLE_FAILED).
 */
export const LAMBDA_ROLE = 'arn:aws:iam::123456789012:role/swf-lambda';

/** One worker on task list `thumbnails`: the decider (no activities: SWF runs the functions). */
export async function createWorkers(swf: SwfClientLike, logger: Logger = quietLogger): Promise<Worker[]> {
  return [await Worker.create({ swf, domain: DOMAIN, taskList: 'thumbnails', workflows: [makeThumbnails], logger })];
}

/** Options of {@link main}. */
export interface MainOptions {
  /** The local service's data directory, or `':memory:'`. @default $SWF_FLOW_DATA or ./.swf-flow */
  dataDir?: string;
  /** The image. @default cat.jpg, 4000 × 3000 */
  image?: Image;
  /** Where progress lines go. @default console.log */
  print?: (line: string) => void;
}

/** Runs the example once; resolves with the thumbnails. */
export async function main(options: MainOptions = {}): Promise<Thumb[]> {
  const image = options.image ?? { key: 'cat.jpg', width: 4000, height: 3000 };
  return runLocal(
    {
      domain: DOMAIN,
      createWorkers,
      dataDir: options.dataDir,
      print: options.print,
      lambdas: { handlers: LAMBDAS_DIR },
    },
    async ({ client, print, watch }) => {
      const handle = await client.start(makeThumbnails, {
        workflowId: `thumbs-${image.key}-${Date.now()}`,
        args: [image],
        lambdaRole: LAMBDA_ROLE,
      });
      print(`started MakeThumbnails ${handle.workflowId}`);
      const [, thumbs] = await watch(handle);
      print(`result: ${thumbs.map((t) => `${t.key} (${t.width}x${t.height})`).join(', ')}`);
      return thumbs;
    },
  );
}

runIfProgram(import.meta.url, () => {
  const [key, width, height] = process.argv.slice(2);
  return main(key ? { image: { key, width: Number(width ?? 4000), height: Number(height ?? 3000) } } : {});
});
