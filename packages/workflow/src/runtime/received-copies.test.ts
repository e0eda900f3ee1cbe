/**
 * What workflow code receives from the history is its own: code that changes everything it was
 * handed (its arguments, `workflowInfo()`, an activity's result, a failure's details, a signal's
 * input) leaves the events as they were, and a second replay of the same event objects decides
 * the same. The Worker relies on both: a cached run keeps the events it was fed and replays them
 * again, in a fresh executor, before a decision that closes the run (`@swf-flow/worker`'s
 * kept-history.ts).
 */
import { describe, expect, it } from 'vitest';
import { ApplicationFailure, encodeFailure, type ActivityFailure, type HistoryEvent } from '@swf-flow/common';
import { WorkflowExecutor } from '../executor.js';
import { condition } from '../api/condition.js';
import { workflowInfo } from '../api/info.js';
import { defineSignal, setHandler } from '../api/signals.js';
import { scheduleActivity } from './activity-command.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { summarize } from '../test-support/run.js';

type Box = { list: number[]; nested: { label: string } };

const data = defineSignal<[Box]>('data');

const call = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });

/** Changes, in place, every object it is handed, and returns what it saw first. */
async function meddler(input: Box): Promise<string[]> {
  const seen: string[] = [JSON.stringify(input)];
  input.list.push(99);
  input.nested.label = 'changed';
  const info = workflowInfo();
  seen.push(JSON.stringify([info.workflowType, info.tagList, info.parent, info.startTime]));
  info.tagList.push('changed');
  info.workflowType.name = 'changed';
  if (info.parent) info.parent.workflowId = 'changed';
  info.startTime.setTime(0);
  let signalled: Box | undefined;
  setHandler(data, (box) => {
    seen.push(JSON.stringify(box));
    box.list.length = 0;
    box.nested.label = 'changed';
    signalled = box;
  });
  const result = (await call('Get')) as Box;
  seen.push(JSON.stringify(result));
  result.list.reverse();
  result.nested.label = 'changed';
  try {
    await call('Fail');
  } catch (err) {
    const details = ((err as ActivityFailure).cause as { details?: unknown[] }).details as Box[];
    seen.push(JSON.stringify(details));
    details[0]!.list.push(7);
    details[0]!.nested.label = 'changed';
  }
  await condition(() => signalled !== undefined);
  seen.push(JSON.stringify(workflowInfo().tagList));
  return seen;
}

function history(): HistoryEvent[] {
  const box = (label: string): Box => ({ list: [1, 2], nested: { label } });
  const h = new HistoryBuilder().start('meddler', [box('input')], {
    tagList: ['blue'],
    parentWorkflowExecution: { workflowId: 'parent', runId: 'parent-run' },
    parentInitiatedEventId: 5,
  });
  h.decisionTask();
  h.activityCompleted(h.scheduled('Get', 'activity-1', h.completed()), JSON.stringify(box('result')));
  h.decisionTask();
  const failed = h.scheduled('Fail', 'activity-2', h.completed());
  const started = h.add('ActivityTaskStarted', { scheduledEventId: failed, identity: 'test' });
  // As an activity worker records a failure with details (the same encoder).
  const { reason, details } = encodeFailure(ApplicationFailure.nonRetryable('no', 'Refused', box('details')));
  h.add('ActivityTaskFailed', { scheduledEventId: failed, startedEventId: started, reason, details });
  h.signaled('data', [box('signal')]);
  h.decisionTask();
  return h.events;
}

function replayed(events: HistoryEvent[]) {
  return new WorkflowExecutor({
    workflows: { meddler },
    execution: { workflowId: 'wf-1', runId: 'run-1' },
  }).processEvents(events);
}

describe('workflow code gets its own copy of what the history holds', () => {
  it('changing it leaves the events as they were, and a second replay of them decides the same', async () => {
    const events = history();
    const before = structuredClone(events);
    const first = await replayed(events);
    expect(first.status).toBe('COMPLETED');
    const seen = first.result as string[];
    // What the code saw is what the history holds (so the test changes real values, not copies it made up).
    expect(seen).toEqual([
      '{"list":[1,2],"nested":{"label":"input"}}',
      '[{"name":"meddler","version":"1.0"},["blue"],{"workflowId":"parent","runId":"parent-run"},"2024-01-01T12:00:00.000Z"]',
      '{"list":[1,2],"nested":{"label":"result"}}',
      // the signal came in the failure's task: its handler runs before the code after the await
      '{"list":[1,2],"nested":{"label":"signal"}}',
      '[{"list":[1,2],"nested":{"label":"details"}}]',
      '["blue"]',
    ]);
    expect(events).toEqual(before);

    const second = await replayed(events);
    expect(second.result).toEqual(seen);
    expect(summarize(second.decisions)).toEqual(summarize(first.decisions));
    expect(events).toEqual(before);
  });
});
