/** child-and-continue replays: histories recorded from real runs replay to the same outcome. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayHistories, replayHistory } from '@swf-flow/testing';
import { batchTotal, pagedImport, sumBatch } from '../src/workflows.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('child-and-continue replays', () => {
  it('replays every recorded history clean', async () => {
    const reports = await replayHistories(fileURLToPath(new URL('./fixtures', import.meta.url)), {
      BatchTotal: batchTotal,
      SumBatch: sumBatch,
      PagedImport: pagedImport,
    });
    expect(reports).toHaveLength(4);
  });

  it('the parent adds up its three children', async () => {
    const out = await replayHistory(fixture('batch-total-parent.json'), batchTotal);
    expect(out).toMatchObject({ status: 'COMPLETED', result: { total: 136 } });
    expect(await replayHistory(fixture('batch-total-child.json'), sumBatch)).toMatchObject({
      status: 'COMPLETED',
      result: 30,
    });
  });

  it('the first run of the import continues as new; the second completes', async () => {
    expect(await replayHistory(fixture('paged-import-run-1-continued.json'), pagedImport)).toMatchObject({
      status: 'CONTINUED_AS_NEW',
      decisions: [],
    });
    expect(await replayHistory(fixture('paged-import-run-2-completed.json'), pagedImport)).toMatchObject({
      status: 'COMPLETED',
      result: { pages: 7, items: 28, runs: 2 },
    });
  });
});
