/**
 * A claim reads the first entry of an index: SQLite's plan for the next decision task and the next
 * activity task sorts nothing (no temporary B-tree), so draining n queued tasks is not quadratic.
 * (bench/drain.ts measures the per-claim cost with 1,000 and 10,000 queued.)
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db.js';
import { NEXT_ACTIVITY_SQL } from './activities.js';
import { NEXT_DECISION_SQL } from './decision-tasks.js';
import { engineSchema } from './schema.js';
import { makeEngine, pollDecision, start } from './test-support.js';

describe('task claims', () => {
  it.each([
    ['decision', NEXT_DECISION_SQL, 'executions_ready'],
    ['activity', NEXT_ACTIVITY_SQL, 'activities_queued'],
  ])('the next %s task is read from an index in claim order, without sorting', (_kind, sql, index) => {
    const db = openDatabase(':memory:', engineSchema);
    try {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('d', 'list') as Array<{ detail: string }>).map(
        (r) => r.detail,
      );
      expect(plan.join('\n')).toContain(`USING INDEX ${index}`);
      expect(plan.join('\n')).not.toContain('TEMP B-TREE');
    } finally {
      db.close();
    }
  });
});

describe('decision task claim order', () => {
  it('higher taskPriority first (negative below the default 0), then the first scheduled', async () => {
    const t = makeEngine();
    try {
      for (const [id, priority] of [
        ['a', undefined],
        ['b', '3'],
        ['c', '-2'],
        ['d', '3'],
        ['e', undefined],
      ] as const) {
        await start(t, id, priority === undefined ? {} : { taskPriority: priority });
        t.clock.advance(1);
      }
      const order: string[] = [];
      for (let i = 0; i < 5; i++) order.push(String((await pollDecision(t)).workflowExecution.workflowId));
      expect(order).toEqual(['b', 'd', 'a', 'e', 'c']);
      expect(await t.call('PollForDecisionTask', { domain: 'd', taskList: { name: 'wf' } })).toMatchObject({
        startedEventId: 0,
      });
    } finally {
      t.engine.close();
    }
  });
});
