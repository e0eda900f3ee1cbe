// Which of two outcomes applied in one batch workflow code sees first depends on how many promise
// steps lie between the event and the code's await (an activity stub's is longer than a timer's).
// A change to that depth would make unchanged code decide differently on a recorded history, so
// the order is pinned here for the hot command kinds, both orders of the events in the batch (the
// expectations are what the code before the one-object commands decided).
import { describe, expect, it } from 'vitest';
import { Activities, Activity } from '@swf-flow/activity';
import { proxyActivities } from '../api/activities.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay } from '../test-support/run.js';
import { scheduleActivity } from './activity-command.js';
import { sleep } from './timer-command.js';

@Activities({ version: '1.0', startToCloseTimeout: '1 minute' })
class Acts {
  @Activity({ name: 'A' })
  async a(): Promise<string> {
    return 'activity';
  }
}
const acts = proxyActivities(Acts);

async function stubVsTimer(): Promise<string> {
  return Promise.race([acts.a(), sleep('1m').then(() => 'timer')]);
}
async function commandVsTimer(): Promise<unknown> {
  return Promise.race([
    scheduleActivity({ activityType: { name: 'A', version: '1.0' }, args: [] }),
    sleep('1m').then(() => 'timer'),
  ]);
}
async function stubVsBareTimer(): Promise<unknown> {
  return Promise.race([acts.a(), sleep('1m')]);
}

/** Activity A and a timer scheduled in the first task; both outcomes in the next batch, in `order`. */
function bothInOneBatch(name: string, order: 'activity first' | 'timer first'): HistoryBuilder {
  const h = new HistoryBuilder().start(name).decisionTask();
  const done = h.completed();
  const s = h.scheduled('A', 'activity-1', done);
  const t = h.timerStarted('timer-1', done);
  if (order === 'timer first') h.timerFired('timer-1', t);
  h.activityCompleted(s, JSON.stringify('activity'));
  if (order === 'activity first') h.timerFired('timer-1', t);
  return h.decisionTask();
}

const ROWS: { workflow: () => Promise<unknown>; order: 'activity first' | 'timer first'; winner: unknown }[] = [
  { workflow: stubVsTimer, order: 'activity first', winner: 'activity' },
  { workflow: stubVsTimer, order: 'timer first', winner: 'timer' },
  { workflow: commandVsTimer, order: 'activity first', winner: 'activity' },
  // The timer's extra then() outweighs its head start; the stub's extra steps outweigh the activity's.
  { workflow: commandVsTimer, order: 'timer first', winner: 'activity' },
  { workflow: stubVsBareTimer, order: 'activity first', winner: undefined },
  { workflow: stubVsBareTimer, order: 'timer first', winner: undefined },
];

describe('outcomes in one batch reach the code in a pinned order', () => {
  it.each(ROWS)('$workflow.name, $order: $winner', async ({ workflow, order, winner }) => {
    const out = await replay(bothInOneBatch(workflow.name, order), { [workflow.name]: workflow });
    expect(out.status).toBe('COMPLETED');
    expect(out.result).toBe(winner);
  });
});
