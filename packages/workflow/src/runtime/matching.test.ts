import { describe, expect, it } from 'vitest';
import { NonDeterminismError } from '@swf-flow/common';
import { startChild } from '../api/children.js';
import { getExternalWorkflowHandle } from '../api/external.js';
import { workflowInfo } from '../api/info.js';
import { WorkflowExecutor } from '../executor.js';
import { sleep } from './timer-command.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay, summarize } from '../test-support/run.js';

const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('what matching compares', () => {
  it('a timer whose duration changed still matches (like Temporal: sleep lengths may change)', async () => {
    async function nap(): Promise<string> {
      await sleep('5s'); // the history recorded a 60 s timer
      return 'rested';
    }
    const h = new HistoryBuilder().start('nap').decisionTask();
    h.timerFired('timer-1', h.timerStarted('timer-1', h.completed(), '60'));
    h.decisionTask();
    const r = await replay(h, nap);
    expect(r.status).toBe('COMPLETED');
    expect(r.result).toBe('rested');
  });

  it('an external signal to another workflowId than recorded is a NonDeterminismError', async () => {
    async function notify(): Promise<void> {
      await getExternalWorkflowHandle('order-2').signal('hello');
    }
    const h = new HistoryBuilder().start('notify').decisionTask();
    h.add('SignalExternalWorkflowExecutionInitiated', {
      workflowId: 'order-1',
      signalName: 'hello',
      decisionTaskCompletedEventId: h.completed(),
    });
    h.decisionTask();
    const err = await failure(replay(h, notify));
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect((err as NonDeterminismError).eventId).toBe(5);
    expect((err as NonDeterminismError).recorded).toBe(
      'SignalExternalWorkflowExecutionInitiated hello to order-1 (event 5)',
    );
    expect((err as NonDeterminismError).attempted).toBe('SignalExternalWorkflowExecution hello to order-2');
    expect((err as Error).message).toMatch(/targets workflowId order-1, the code order-2/);
    expect((err as NonDeterminismError).location).toMatch(/matching\.test\.ts/);
  });

  it('the same signal to the recorded workflowId replays', async () => {
    async function notify(): Promise<void> {
      await getExternalWorkflowHandle('order-1').signal('hello');
    }
    const h = new HistoryBuilder().start('notify').decisionTask();
    const i = h.add('SignalExternalWorkflowExecutionInitiated', {
      workflowId: 'order-1',
      signalName: 'hello',
      decisionTaskCompletedEventId: h.completed(),
    });
    h.add('ExternalWorkflowExecutionSignaled', {
      initiatedEventId: i,
      workflowExecution: { workflowId: 'order-1', runId: 'r' },
    });
    h.decisionTask();
    expect((await replay(h, notify)).status).toBe('COMPLETED');
  });

  it('a cancel request to another workflowId than recorded is a NonDeterminismError (also when refused)', async () => {
    async function stop(): Promise<void> {
      await getExternalWorkflowHandle('b')
        .cancel()
        .catch(() => undefined);
    }
    for (const type of [
      'RequestCancelExternalWorkflowExecutionInitiated',
      'RequestCancelExternalWorkflowExecutionFailed',
    ]) {
      const h = new HistoryBuilder().start('stop').decisionTask();
      h.add(type, {
        workflowId: 'a',
        cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION',
        decisionTaskCompletedEventId: h.completed(),
      });
      h.decisionTask();
      const err = await failure(replay(h, stop));
      expect(err).toBeInstanceOf(NonDeterminismError);
      expect((err as Error).message).toMatch(/targets workflowId a, the code b/);
    }
  });

  it("a child's explicit workflowId must be the recorded one; a generated one adopts the recorded id", async () => {
    let adopted = '';
    async function explicit(): Promise<void> {
      await startChild('Kid', { workflowId: 'kid-new' });
    }
    async function generated(): Promise<void> {
      const child = await startChild('Kid');
      adopted = child.workflowId;
      await child.signal('poke');
    }
    const build = (type: string): HistoryBuilder => {
      const h = new HistoryBuilder().start('p').decisionTask();
      const i = h.add(type, {
        workflowId: 'kid-old',
        workflowType: { name: 'Kid', version: '1.0' },
        cause: 'WORKFLOW_ALREADY_RUNNING',
        decisionTaskCompletedEventId: h.completed(),
      });
      if (type.endsWith('Initiated'))
        h.add('ChildWorkflowExecutionStarted', {
          initiatedEventId: i,
          workflowExecution: { workflowId: 'kid-old', runId: 'kr' },
          workflowType: { name: 'Kid', version: '1.0' },
        });
      h.decisionTask();
      return h;
    };
    for (const type of ['StartChildWorkflowExecutionInitiated', 'StartChildWorkflowExecutionFailed']) {
      const err = await failure(replay(build(type), { p: explicit }));
      expect(err).toBeInstanceOf(NonDeterminismError);
      expect((err as Error).message).toMatch(/targets workflowId kid-old, the code kid-new/);
    }
    const r = await replay(build('StartChildWorkflowExecutionInitiated'), { p: generated });
    expect(adopted).toBe('kid-old');
    expect(summarize(r.decisions)).toEqual(['SignalExternalWorkflowExecution poke']);
    expect(r.decisions[0]?.signalExternalWorkflowExecutionDecisionAttributes).toMatchObject({
      workflowId: 'kid-old',
      runId: 'kr',
    });
  });

  it('without the execution ids (a fixture replayed alone), an id derived from workflowInfo().workflowId matches any real one', async () => {
    async function derived(): Promise<void> {
      const { workflowId } = workflowInfo();
      await startChild('Kid', { workflowId: `${workflowId}-kid-${workflowId}` });
    }
    const build = (childId: string): HistoryBuilder => {
      const h = new HistoryBuilder().start('derived').decisionTask();
      h.add('StartChildWorkflowExecutionInitiated', {
        workflowId: childId,
        workflowType: { name: 'Kid', version: '1.0' },
        decisionTaskCompletedEventId: h.completed(),
      });
      h.decisionTask();
      return h;
    };
    const run = (childId: string, execution?: { workflowId: string; runId: string }): Promise<unknown> =>
      new WorkflowExecutor({ workflows: derived, ...(execution ? { execution } : {}) }).processEvents(
        build(childId).events,
      );
    expect(await run('b.1-kid-b.1')).toMatchObject({ status: 'OPEN' });
    expect(await failure(run('b.1-kid-b.2'))).toBeInstanceOf(NonDeterminismError);
    expect(await failure(run('x-kid-x', { workflowId: 'b.1', runId: 'r' }))).toBeInstanceOf(NonDeterminismError);
    expect(await run('b.1-kid-b.1', { workflowId: 'b.1', runId: 'r' })).toMatchObject({ status: 'OPEN' });
  });

  it('Lambda events: a recorded LambdaFunctionScheduled needs a Lambda call at that point; code that sleeps instead diverges there', async () => {
    async function plain(): Promise<string> {
      await sleep('1s');
      return 'done';
    }
    const h = new HistoryBuilder().start('plain').decisionTask();
    const s = h.add('LambdaFunctionScheduled', {
      id: 'resize-1',
      name: 'resize',
      decisionTaskCompletedEventId: h.completed(),
    });
    h.add('LambdaFunctionCompleted', { scheduledEventId: s, result: '1' });
    h.decisionTask();
    const err = await failure(replay(h, plain));
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect((err as NonDeterminismError).recorded).toBe('LambdaFunctionScheduled resize (id resize-1) (event 5)');
    expect((err as NonDeterminismError).attempted).toMatch(/^StartTimer/);
  });
});
