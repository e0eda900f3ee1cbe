// Every NonDeterminismError names a line of workflow code when there is one: also for commands
// swf-flow issues itself (cancels reacting to a cancel request, retry timers) and for close
// decisions; never a frame of Node or of swf-flow. And it advises patched() only when a code
// change can be the cause.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ApplicationFailure, NonDeterminismError } from '@swf-flow/common';
import { Activities, Activity } from '@swf-flow/activity';
import { proxyActivities } from '../api/activities.js';
import { startChild } from '../api/children.js';
import { uuid4 } from '../api/side-effect.js';
import { WorkflowExecutor } from '../executor.js';
import { scheduleActivity } from './activity-command.js';
import { sleep } from './timer-command.js';
import { scheduleLambda } from './lambda-command.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay } from '../test-support/run.js';

const file = fileURLToPath(import.meta.url);
const lineOf = (marker: string): number =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(marker) && !l.includes('lineOf(')) + 1;
const A = (name: string): { activityType: { name: string; version: string }; args: unknown[] } => ({
  activityType: { name, version: '1.0' },
  args: [],
});

@Activities({ version: '1.0', startToCloseTimeout: '1 minute' })
class Flaky {
  @Activity({ name: 'Flaky' })
  async flaky(): Promise<void> {}
}
const retrying = proxyActivities(Flaky, { retry: { maximumAttempts: 3, initialInterval: '10s' } });

async function waitsOnCharge(): Promise<void> {
  await scheduleActivity(A('Charge')); // LOC: charge
}
async function sleeper(): Promise<void> {
  await sleep('1h'); // LOC: sleep
}
async function parent(): Promise<void> {
  const child = await startChild('Kid'); // LOC: child
  await child.result();
}
async function retrier(): Promise<void> {
  await retrying.flaky(); // LOC: retry
}
async function returner(): Promise<string> {
  await scheduleActivity(A('A')); // LOC: last command
  return 'early';
}
async function thrower(): Promise<void> {
  await scheduleActivity(A('A'));
  throw new Error('changed my mind'); // LOC: throw
}
async function failsOnActivity(): Promise<void> {
  await scheduleActivity(A('Charge')); // LOC: failing activity
}

/** A history whose last task recorded `Other` where the code now decides something else. */
function divergeAfter(h: HistoryBuilder): HistoryBuilder {
  h.decisionTask();
  h.scheduled('Other', 'other-1', h.completed());
  return h.decisionTask();
}

interface LocationRow {
  what: string;
  workflow: (...args: any[]) => Promise<unknown>;
  history(): HistoryBuilder;
  attempted: RegExp;
  marker: string;
}

const ROWS: LocationRow[] = [
  {
    what: 'RequestCancelActivityTask after a cancel request: the activity call',
    workflow: waitsOnCharge,
    history: () => {
      const h = new HistoryBuilder().start('waitsOnCharge').decisionTask();
      h.scheduled('Charge', 'activity-1', h.completed());
      h.add('WorkflowExecutionCancelRequested', { externalInitiatedEventId: 0 });
      return divergeAfter(h);
    },
    attempted: /^RequestCancelActivityTask activity-1 \(for the ScheduleActivityTask issued at that line\)$/,
    marker: 'LOC: charge',
  },
  {
    what: 'CancelTimer after a cancel request: the sleep call',
    workflow: sleeper,
    history: () => {
      const h = new HistoryBuilder().start('sleeper').decisionTask();
      h.timerStarted('timer-1', h.completed(), '3600');
      h.add('WorkflowExecutionCancelRequested', { externalInitiatedEventId: 0 });
      return divergeAfter(h);
    },
    attempted: /^CancelTimer timer-1 \(for the StartTimer issued at that line\)$/,
    marker: 'LOC: sleep',
  },
  {
    what: "a child's cancel request after a cancel request: the startChild call",
    workflow: parent,
    history: () => {
      const h = new HistoryBuilder().start('parent').decisionTask();
      const i = h.add('StartChildWorkflowExecutionInitiated', {
        workflowId: 'wf-1-child-1',
        workflowType: { name: 'Kid', version: '1.0' },
        decisionTaskCompletedEventId: h.completed(),
      });
      h.add('ChildWorkflowExecutionStarted', {
        initiatedEventId: i,
        workflowExecution: { workflowId: 'wf-1-child-1', runId: 'k' },
        workflowType: { name: 'Kid', version: '1.0' },
      });
      h.add('WorkflowExecutionCancelRequested', { externalInitiatedEventId: 0 });
      return divergeAfter(h);
    },
    attempted:
      /^RequestCancelExternalWorkflowExecution wf-1-child-1 \(for the StartChildWorkflowExecution issued at that line\)$/,
    marker: 'LOC: child',
  },
  {
    what: 'a retry-policy timer: the activity call',
    workflow: retrier,
    history: () => {
      const h = new HistoryBuilder().start('retrier').decisionTask();
      const s = h.scheduled('Flaky', 'activity-1', h.completed());
      h.add('ActivityTaskFailed', {
        scheduledEventId: s,
        reason: 'Error',
        details: JSON.stringify({ message: 'flaky' }),
      });
      return divergeAfter(h);
    },
    attempted: /^StartTimer \(timerId timer-1, 10s\)/,
    marker: 'LOC: retry',
  },
  {
    what: 'CompleteWorkflowExecution: the last command before the function returned',
    workflow: returner,
    history: () => {
      const h = new HistoryBuilder().start('returner').decisionTask();
      h.activityCompleted(h.scheduled('A', 'activity-1', h.completed()));
      return divergeAfter(h);
    },
    attempted: /^CompleteWorkflowExecution \(the workflow function returned after its command at that line\)$/,
    marker: 'LOC: last command',
  },
  {
    what: 'FailWorkflowExecution: the throw',
    workflow: thrower,
    history: () => {
      const h = new HistoryBuilder().start('thrower').decisionTask();
      h.activityCompleted(h.scheduled('A', 'activity-1', h.completed()));
      return divergeAfter(h);
    },
    attempted: /^FailWorkflowExecution \(the workflow ended with Error: changed my mind, thrown at that line\)$/,
    marker: 'LOC: throw',
  },
  {
    what: "FailWorkflowExecution from an activity's failure: the activity call (not the activity's own stack)",
    workflow: failsOnActivity,
    history: () => {
      const h = new HistoryBuilder().start('failsOnActivity').decisionTask();
      const s = h.scheduled('Charge', 'activity-1', h.completed());
      const failure = new ApplicationFailure('declined', { type: 'CardDeclined', nonRetryable: true });
      h.add('ActivityTaskFailed', {
        scheduledEventId: s,
        reason: 'CardDeclined',
        details: JSON.stringify({ message: failure.message, stack: failure.stack }),
      });
      return divergeAfter(h);
    },
    attempted: /^FailWorkflowExecution \(the workflow ended with ActivityFailure: .*after its command at that line\)$/,
    marker: 'LOC: failing activity',
  },
];

describe('NonDeterminismError names the line of workflow code', () => {
  it.each(ROWS)('$what', async (row) => {
    const err = await replay(row.history(), { [row.workflow.name]: row.workflow }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NonDeterminismError);
    const nd = err as NonDeterminismError;
    expect(nd.attempted).toMatch(row.attempted);
    expect(nd.location).toMatch(new RegExp(`locations\\.test\\.ts:${lineOf(row.marker)}:\\d+$`));
    expect(nd.message).not.toMatch(/node:|packages[\\/](workflow|common|testing)[\\/]src[\\/](?!.*\.test\.)/);
  });
});

describe('NonDeterminismError advises patched() only when a code change can be the cause', () => {
  async function randomChild(): Promise<void> {
    const which = uuid4().startsWith('0') ? 'A' : 'B'; // decided by the run id's PRNG
    await scheduleActivity(A(which === 'A' ? 'A' : `B-${Math.random() < 2 ? 'x' : 'y'}`));
  }
  // What the code decided with the real run id 'the-run' (placeholders would decide otherwise).
  const decided = async (runId: string): Promise<string> => {
    const ex = new WorkflowExecutor({ workflows: randomChild, execution: { workflowId: 'wf', runId } });
    const out = await ex.processEvents(new HistoryBuilder().start('randomChild').decisionTask().events);
    return String(out.decisions[0]?.scheduleActivityTaskDecisionAttributes?.activityType?.name);
  };

  it('randomness without the execution: pass the execution ids, not patched()', async () => {
    let runId = 'the-run';
    for (let i = 0; (await decided(runId)) === (await decided('unknown-run-id')); i++) runId = `the-run-${i}`;
    const h = new HistoryBuilder().start('randomChild').decisionTask();
    h.scheduled(await decided(runId), 'activity-1', h.completed());
    h.decisionTask();
    const err = (await new WorkflowExecutor({ workflows: randomChild })
      .processEvents(h.events)
      .catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect(err.message).toMatch(/seeded from the run id.*pass execution: \{ workflowId, runId \}/);
    expect(err.message).not.toMatch(/patched/);
    // given the right execution, the same history replays
    const ok = await new WorkflowExecutor({
      workflows: randomChild,
      execution: { workflowId: 'wf', runId },
    }).processEvents(h.events);
    expect(ok.status).toBe('OPEN');
  });

  it('a recorded Lambda task the code no longer calls: a code change, guard it with patched()', async () => {
    const h = new HistoryBuilder().start('waitsOnCharge').decisionTask();
    h.add('LambdaFunctionScheduled', { id: 'l1', name: 'fn', decisionTaskCompletedEventId: h.completed() });
    h.decisionTask();
    const err = (await replay(h, waitsOnCharge).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect(err.message).toMatch(/LambdaFunctionScheduled fn/);
    expect(err.message).toMatch(/guard the change with patched\(id\)/);
  });

  it('a code change: guard it with patched()', async () => {
    const h = new HistoryBuilder().start('waitsOnCharge').decisionTask();
    h.scheduled('Verify', 'activity-1', h.completed());
    h.decisionTask();
    const err = (await replay(h, waitsOnCharge).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/guard the change with patched\(id\)/);
  });

  it('the Lambda command matches a recorded Lambda task', async () => {
    async function usesLambda(): Promise<unknown> {
      return scheduleLambda({ name: 'fn' });
    }
    const h = new HistoryBuilder().start('usesLambda').decisionTask();
    h.add('LambdaFunctionScheduled', { id: 'lambda-1', name: 'fn', decisionTaskCompletedEventId: h.completed() });
    h.decisionTask();
    expect((await replay(h, usesLambda)).status).toBe('OPEN');
  });
});
