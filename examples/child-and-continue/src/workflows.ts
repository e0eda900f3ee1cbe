/**
 * Two patterns for work that outgrows one workflow run:
 * - `batchTotal` (parent) starts one `sumBatch` child workflow per batch, all at once, and adds up
 *   their results;
 * - `pagedImport` processes pages in a loop and, every `pagesPerRun` pages, continues as a new run
 *   (`continueAsNew`) carrying its cursor and running total, so no history grows without bound.
 */
import { continueAsNew, defineWorkflow, proxyActivities, startChild, workflowInfo } from '@swf-flow/workflow';
import { BatchActivities } from './activities.js';

const acts = proxyActivities(BatchActivities);
const TASK_LIST = 'child-and-continue';

/** Workflow type `SumBatch` 1.0: the child, adding up one batch in an activity. */
export const sumBatch = defineWorkflow(
  async function sumBatch(numbers: number[]): Promise<number> {
    return await acts.sumBatch(numbers);
  },
  {
    name: 'SumBatch',
    version: '1.0',
    taskList: TASK_LIST,
    executionStartToCloseTimeout: '10 minutes',
    taskStartToCloseTimeout: '1 minute',
    childPolicy: 'TERMINATE',
  },
);

/** What the parent returns. */
export interface BatchTotal {
  /** Each child's workflow id and result, in batch order. */
  children: Array<{ workflowId: string; sum: number }>;
  total: number;
}

/** Workflow type `BatchTotal` 1.0: the parent, one child per batch. */
export const batchTotal = defineWorkflow(
  async function batchTotal(batches: number[][]): Promise<BatchTotal> {
    const { workflowId } = workflowInfo();
    // All children start in one decision task and run in parallel.
    const handles = await Promise.all(
      batches.map((batch, i) => startChild(sumBatch, { workflowId: `${workflowId}-batch-${i + 1}`, args: [batch] })),
    );
    const sums = await Promise.all(handles.map((h) => h.result()));
    return {
      children: handles.map((h, i) => ({ workflowId: h.workflowId, sum: sums[i] ?? 0 })),
      total: sums.reduce((a, b) => a + b, 0),
    };
  },
  {
    name: 'BatchTotal',
    version: '1.0',
    taskList: TASK_LIST,
    executionStartToCloseTimeout: '1 hour',
    taskStartToCloseTimeout: '1 minute',
    childPolicy: 'TERMINATE',
  },
);

/** Where a paged import is; carried from run to run. */
export interface ImportCursor {
  /** The next page to process. */
  nextPage: number;
  /** Pages in all. */
  pages: number;
  /** Items processed so far. */
  items: number;
  /** Runs so far, this one included. */
  run: number;
}

/** What the import returns once every page is done. */
export interface ImportResult {
  pages: number;
  items: number;
  runs: number;
}

/** Workflow type `PagedImport` 1.0: a long loop that continues as new every `pagesPerRun` pages. */
export const pagedImport = defineWorkflow(
  async function pagedImport(cursor: ImportCursor, pagesPerRun: number = 5): Promise<ImportResult> {
    let { nextPage, items } = cursor;
    const end = Math.min(cursor.pages, nextPage + pagesPerRun);
    for (; nextPage < end; nextPage++) items += await acts.processPage(nextPage);
    if (nextPage < cursor.pages)
      return continueAsNew({ nextPage, pages: cursor.pages, items, run: cursor.run + 1 }, pagesPerRun);
    return { pages: cursor.pages, items, runs: cursor.run };
  },
  {
    name: 'PagedImport',
    version: '1.0',
    taskList: TASK_LIST,
    executionStartToCloseTimeout: '1 hour',
    taskStartToCloseTimeout: '1 minute',
  },
);
