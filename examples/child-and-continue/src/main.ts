/**
 * child-and-continue, end to end: a parent that starts three child workflows and adds up their
 * results, then a paged import of 12 pages that continues as new every 5 pages; the client's
 * `result()` follows the runs to the last one. Prints each event as it lands.
 *
 *     npx tsx examples/child-and-continue/src/main.ts
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@swf-flow/common';
import { Worker, type SwfClientLike } from '@swf-flow/worker';
import { quietLogger, runIfProgram, runLocal } from '@swf-flow/dev';
import { BatchActivities } from './activities.js';
import { batchTotal, pagedImport, sumBatch, type BatchTotal, type ImportResult } from './workflows.js';

/** The domain the example works in. */
export const DOMAIN = 'child-and-continue';

/** One worker deciding all three workflow types and running the activities. */
export async function createWorkers(swf: SwfClientLike, logger: Logger = quietLogger): Promise<Worker[]> {
  return [
    await Worker.create({
      swf,
      domain: DOMAIN,
      taskList: 'child-and-continue',
      workflows: [batchTotal, sumBatch, pagedImport],
      activities: [new BatchActivities()],
      logger,
    }),
  ];
}

/** Options of {@link main}. */
export interface MainOptions {
  /** The local service's data directory, or `':memory:'`. @default $SWF_FLOW_DATA or ./.swf-flow */
  dataDir?: string;
  /** Where progress lines go. @default console.log */
  print?: (line: string) => void;
}

/** Runs both parts once; resolves with their results. */
export async function main(options: MainOptions = {}): Promise<{ batches: BatchTotal; import: ImportResult }> {
  return runLocal(
    { domain: DOMAIN, createWorkers, dataDir: options.dataDir, print: options.print },
    async ({ client, print, watch }) => {
      const id = randomUUID().slice(0, 8);

      const parent = await client.start(batchTotal, {
        workflowId: `batches-${id}`,
        args: [[[1, 2, 3], [10, 20], [100]]],
      });
      print(`started BatchTotal ${parent.workflowId}`);
      const [, batches] = await watch(parent);
      print(`result: ${batches.children.map((c) => `${c.workflowId}=${c.sum}`).join(', ')}; total ${batches.total}`);

      const paged = await client.start(pagedImport, {
        workflowId: `import-${id}`,
        args: [{ nextPage: 0, pages: 12, items: 0, run: 1 }, 5],
      });
      print(`started PagedImport ${paged.workflowId} (12 pages, 5 per run)`);
      const [, imported] = await watch(paged);
      print(`result: ${imported.pages} pages, ${imported.items} items, in ${imported.runs} runs`);
      return { batches, import: imported };
    },
  );
}

runIfProgram(import.meta.url, () => main());
