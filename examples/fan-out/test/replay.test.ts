/** fan-out replays: a history recorded from a real run replays to the same report. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { historyBuilder, replayHistory } from '@swf-flow/testing';
import { unitsFor } from '../src/activities.js';
import { skus } from '../src/main.js';
import { stockReport } from '../src/workflows.js';

describe('fan-out replays', () => {
  it('the recorded run of 12 SKUs replays to the same report', async () => {
    const input = skus(12);
    const units = input.map(unitsFor);
    const out = await replayHistory(
      fileURLToPath(new URL('./fixtures/completed-12-skus.json', import.meta.url)),
      stockReport,
    );
    expect(out).toMatchObject({
      status: 'COMPLETED',
      decisions: [],
      result: {
        checked: 12,
        totalUnits: units.reduce((a, b) => a + b, 0),
        outOfStock: input.filter((_, i) => units[i] === 0),
      },
    });
  });

  it('the first decision schedules one CheckStock per SKU', async () => {
    const history = historyBuilder({ workflowType: 'StockReport' })
      .workflowStarted({ args: [skus(3)], taskList: 'fan-out' })
      .openDecisionTask()
      .build();
    const out = await replayHistory(history, stockReport);
    expect(
      out.decisions.map((d) => [
        d.scheduleActivityTaskDecisionAttributes?.activityType?.name,
        d.scheduleActivityTaskDecisionAttributes?.input,
      ]),
    ).toEqual([
      ['CheckStock', '["SKU-001"]'],
      ['CheckStock', '["SKU-002"]'],
      ['CheckStock', '["SKU-003"]'],
    ]);
  });
});
