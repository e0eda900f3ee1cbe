import type { Logger } from '@swf-flow/common';
import { describe, expect, it } from 'vitest';
import { answerUntilSettled } from './answer-retry.js';

const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8787'), { code: 'ECONNREFUSED' });
const fault = (name: string): Error => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 } });

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => lines.push(`${level}: ${message}`);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A call that fails with `failures` in turn, then succeeds. */
function flaky(failures: Error[]): { call: () => Promise<void>; calls: () => number } {
  let n = 0;
  return {
    call: async () => {
      const err = failures[n++];
      if (err) throw err;
    },
    calls: () => n,
  };
}

const base = { what: 'RespondActivityTaskCompleted', backoffInitialMs: 1, backoffMaxMs: 2, meta: {} };

describe('answerUntilSettled', () => {
  it('retries through refused connections and 5xx until the answer is accepted', async () => {
    const logger = recorder();
    const f = flaky([
      refused(),
      Object.assign(new Error('unavailable'), { $metadata: { httpStatusCode: 503 } }),
      refused(),
    ]);
    expect(await answerUntilSettled(f.call, { ...base, logger })).toBe('accepted');
    expect(f.calls()).toBe(4);
    expect(
      logger.lines.filter((l) =>
        l.startsWith('warn: RespondActivityTaskCompleted could not be delivered (ECONNREFUSED); retrying'),
      ),
    ).toHaveLength(2);
    expect(logger.lines.at(-1)).toBe('info: RespondActivityTaskCompleted accepted after 3 failed attempt(s)');
  });

  it('stops at UnknownResourceFault: the task is gone', async () => {
    const logger = recorder();
    const f = flaky([refused(), fault('UnknownResourceFault')]);
    expect(await answerUntilSettled(f.call, { ...base, logger })).toBe('gone');
    expect(f.calls()).toBe(2);
  });

  it('does not retry a refusal that cannot change (a validation fault)', async () => {
    const logger = recorder();
    const f = flaky([fault('ValidationException')]);
    expect(await answerUntilSettled(f.call, { ...base, logger })).toBe('refused');
    expect(f.calls()).toBe(1);
    expect(logger.lines).toEqual(['error: RespondActivityTaskCompleted was refused; not retried']);
  });

  it("gives up when the task's time is up", async () => {
    const logger = recorder();
    let clock = 1_000;
    const f = flaky(Array.from({ length: 100 }, refused));
    const result = await answerUntilSettled(
      async () => {
        clock += 400; // each attempt takes 400 ms of this clock
        await f.call();
      },
      { ...base, logger, deadline: 2_000, now: () => clock },
    );
    expect(result).toBe('expired');
    expect(f.calls()).toBe(3); // at 1400, 1800, 2200: the third is past the deadline
    expect(logger.lines.at(-1)).toBe(
      "error: RespondActivityTaskCompleted could not be delivered (ECONNREFUSED) before the task's time ran out; answer dropped",
    );
  });

  it('gives up when the worker stops', async () => {
    const logger = recorder();
    const stop = new AbortController();
    const result = await answerUntilSettled(
      async () => {
        stop.abort();
        throw refused();
      },
      { ...base, logger, signal: stop.signal },
    );
    expect(result).toBe('stopped');
  });
});

describe('decisionTaskTimeoutMs', () => {
  it("reads the task's start-to-close timeout from its DecisionTaskScheduled event", async () => {
    const { decisionTaskTimeoutMs } = await import('./decider.js');
    const events = [
      { eventId: 3, eventType: 'DecisionTaskStarted', decisionTaskStartedEventAttributes: { scheduledEventId: 2 } },
      {
        eventId: 2,
        eventType: 'DecisionTaskScheduled',
        decisionTaskScheduledEventAttributes: { taskList: { name: 't' }, startToCloseTimeout: '30' },
      },
    ] as never;
    const task = { taskToken: 't', workflowExecution: { workflowId: 'w', runId: 'r' }, startedEventId: 3, events };
    expect(decisionTaskTimeoutMs(task)).toBe(30_000);
    expect(decisionTaskTimeoutMs({ ...task, startedEventId: 9 })).toBeUndefined();
  });
});
