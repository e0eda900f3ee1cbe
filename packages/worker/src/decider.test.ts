import {
  DeterminismViolationError,
  NonDeterminismError,
  silentLogger,
  type ActivationResult,
  type Decision,
  type HistoryPages,
  type Logger,
} from '@swf-flow/common';
import { describe, expect, it } from 'vitest';
import { Decider, type DeciderDeps } from './decider.js';
import { decisionTask, makeHistory, pagedSource, RecordingExecutor } from './testing/fake-history.js';
import { WorkflowCache } from './workflow-cache.js';

function setup(overrides: Partial<DeciderDeps> & { events: ReturnType<typeof makeHistory> }) {
  const executors: RecordingExecutor[] = [];
  const responses: Array<{ taskToken: string; decisions: Decision[]; executionContext?: string }> = [];
  const logs: Array<[string, string, Record<string, unknown> | undefined]> = [];
  const logger: Logger = {
    ...silentLogger,
    error: (m, meta) => logs.push(['error', m, meta]),
    debug: (m, meta) => logs.push(['debug', m, meta]),
  };
  const source = pagedSource(overrides.events);
  const cache = new WorkflowCache(10);
  const decider = new Decider({
    newExecutor: () => {
      const e = new RecordingExecutor();
      executors.push(e);
      return e;
    },
    cache,
    history: source,
    respond: async (input) => {
      responses.push(input);
    },
    logger,
    failWorkflowOnNonDeterminism: false,
    historyPageSize: 10,
    ...overrides,
  });
  return { decider, executors, responses, logs, source, cache };
}

describe('Decider and the workflow cache', () => {
  it('replays in full on the first task, then feeds only the new events of the next one', async () => {
    const history = makeHistory(600);
    const first = history.slice(0, 595);
    const t = setup({ events: history });
    expect(await t.decider.handle(decisionTask(first, 10))).toBe('completed');
    expect(t.executors).toHaveLength(1);
    expect(t.executors[0]!.fed[0]).toHaveLength(595);
    expect(t.cache.stats()).toMatchObject({ hits: 0, misses: 1, size: 1 });

    t.source.calls = 0;
    t.source.eventsRead = 0;
    expect(await t.decider.handle(decisionTask(history, 10, 595))).toBe('completed');
    expect(t.executors).toHaveLength(1);
    expect(t.executors[0]!.fed[1]).toEqual([596, 597, 598, 599, 600]);
    expect(t.source.calls).toBe(0);
    expect(t.cache.stats()).toMatchObject({ hits: 1, misses: 1, size: 1 });
    expect(t.responses).toHaveLength(2);
  });

  it('streams a full replay into the executor page by page as the history is read, not after', async () => {
    const history = makeHistory(2600);
    const calls: number[] = [];
    let source: { calls: number } | undefined;
    /** Notes, for each page it is handed, how many history pages had been read by then. */
    class PageWatcher extends RecordingExecutor {
      override async processPages(pages: HistoryPages): Promise<ActivationResult> {
        const events = [];
        for await (const page of pages()) {
          calls.push(source?.calls ?? -1);
          events.push(...page);
        }
        return this.processEvents(events);
      }
    }
    const t = setup({ events: history, newExecutor: () => new PageWatcher() });
    source = t.source;
    expect(await t.decider.handle(decisionTask(history, 10))).toBe('completed');
    expect(calls).toEqual([1, 2, 3, 3]); // three forward pages of up to 1,000, then the polled page
  });

  it('replays in full when previousStartedEventId does not match the cached run', async () => {
    const history = makeHistory(60);
    const t = setup({ events: history });
    await t.decider.handle(decisionTask(history.slice(0, 50), 10));
    await t.decider.handle(decisionTask(history, 10, 45));
    expect(t.executors).toHaveLength(2);
    expect(t.executors[0]!.disposed).toBe(true);
    expect(t.executors[1]!.fed[0]).toHaveLength(60);
    expect(t.cache.stats()).toMatchObject({ hits: 0, misses: 2 });
  });

  it('replays in full when the new events cannot be read contiguously', async () => {
    const history = makeHistory(60);
    const t = setup({ events: history });
    await t.decider.handle(decisionTask(history.slice(0, 50), 100));
    const task = decisionTask(history, 100, 50);
    task.events = task.events.filter((e) => e.eventId !== 53);
    t.source.calls = 0;
    const outcome = await t.decider.handle({ ...task, nextPageToken: undefined });
    // event 53 is missing from every page: the full replay cannot read it either, so nothing is sent
    expect(outcome).toBe('failed');
    expect(t.executors[0]!.disposed).toBe(true);
    expect(t.responses).toHaveLength(1);
  });

  it('on NonDeterminismError logs the run and the event, sends nothing and drops the run', async () => {
    const history = makeHistory(10);
    const t = setup({
      events: history,
      newExecutor: () => {
        const e = new RecordingExecutor();
        e.failWith = new NonDeterminismError({
          eventId: 5,
          recorded: 'ActivityTaskScheduled A 1.0',
          attempted: 'StartTimer',
        });
        return e;
      },
    });
    expect(await t.decider.handle(decisionTask(history, 10))).toBe('nondeterministic');
    expect(t.responses).toHaveLength(0);
    expect(t.cache.stats().size).toBe(0);
    const [level, message, meta] = t.logs[0]!;
    expect(level).toBe('error');
    expect(message).toContain('event 5');
    expect(meta).toMatchObject({ workflowId: 'wf-1', runId: 'run-1', eventId: 5 });
  });

  it('fails the workflow on NonDeterminismError when asked to', async () => {
    const history = makeHistory(10);
    const t = setup({
      events: history,
      failWorkflowOnNonDeterminism: true,
      newExecutor: () => {
        const e = new RecordingExecutor();
        e.failWith = new NonDeterminismError({ eventId: 5, recorded: 'x', attempted: 'y' });
        return e;
      },
    });
    await t.decider.handle(decisionTask(history, 10));
    expect(t.responses[0]!.decisions[0]).toMatchObject({
      decisionType: 'FailWorkflowExecution',
      failWorkflowExecutionDecisionAttributes: { reason: 'NonDeterminismError' },
    });
  });

  it('fails the workflow with a clear reason when its decisions break an SWF limit', async () => {
    const history = makeHistory(10);
    const t = setup({
      events: history,
      newExecutor: () => {
        const e = new RecordingExecutor();
        e.decisions = [
          {
            decisionType: 'CompleteWorkflowExecution',
            completeWorkflowExecutionDecisionAttributes: { result: 'x'.repeat(40_000) },
          },
        ];
        return e;
      },
    });
    await t.decider.handle(decisionTask(history, 10));
    const decision = t.responses[0]!.decisions[0]!;
    expect(decision.decisionType).toBe('FailWorkflowExecution');
    expect(decision.failWorkflowExecutionDecisionAttributes?.details).toContain('result is 40000 characters');
    expect(decision.failWorkflowExecutionDecisionAttributes?.reason).toBe('SwfLimitError');
    expect(t.cache.stats().size).toBe(0);
  });

  it('does not cache a run whose decisions close it', async () => {
    const history = makeHistory(10);
    const t = setup({
      events: history,
      newExecutor: () => {
        const e = new RecordingExecutor();
        e.decisions = [{ decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: {} }];
        t.executors.push(e);
        return e;
      },
    });
    await t.decider.handle(decisionTask(history, 10));
    expect(t.cache.stats().size).toBe(0);
    expect(t.executors[0]!.disposed).toBe(true);
  });
});

describe('WorkflowCache', () => {
  it('evicts and disposes the least recently used run', () => {
    const cache = new WorkflowCache(2);
    const [a, b, c] = [new RecordingExecutor(), new RecordingExecutor(), new RecordingExecutor()];
    cache.put('a', a);
    cache.put('b', b);
    cache.put('a', cache.take('a')!);
    cache.put('c', c);
    expect(b.disposed).toBe(true);
    expect(a.disposed).toBe(false);
    expect(cache.stats()).toMatchObject({ size: 2, evictions: 1 });
  });

  it('keeps nothing with capacity 0', () => {
    const cache = new WorkflowCache(0);
    const a = new RecordingExecutor();
    cache.put('a', a);
    expect(a.disposed).toBe(true);
    expect(cache.take('a')).toBeUndefined();
  });
});

describe('Decider recovering from a broken cached run', () => {
  it('replays in full when the cached executor fails on the new events', async () => {
    const history = makeHistory(60);
    const t = setup({ events: history });
    await t.decider.handle(decisionTask(history.slice(0, 50), 100));
    t.executors[0]!.failWith = new Error('replayer bug');
    expect(await t.decider.handle(decisionTask(history, 100, 50))).toBe('completed');
    expect(t.executors).toHaveLength(2);
    expect(t.executors[1]!.fed[0]).toHaveLength(60);
    expect(t.cache.stats()).toMatchObject({ hits: 0, misses: 2, size: 1 });
  });
});

describe('Decider: failures that fail the decision task, not the run', () => {
  const failing = (err: Error) => () => {
    const e = new RecordingExecutor();
    e.failWith = err;
    return e;
  };

  it('an uncaught DeterminismViolationError sends nothing, drops the run and is logged as an error once', async () => {
    const history = makeHistory(10);
    const t = setup({
      events: history,
      newExecutor: failing(new DeterminismViolationError('setTimeout() cannot be used in workflow code')),
    });
    expect(await t.decider.handle(decisionTask(history, 10))).toBe('nondeterministic');
    expect(await t.decider.handle(decisionTask(history, 10))).toBe('nondeterministic');
    expect(t.responses).toHaveLength(0);
    expect(t.cache.stats().size).toBe(0);
    const errors = t.logs.filter(([level]) => level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]![1]).toMatch(
      /broke determinism \(DeterminismViolationError\): setTimeout\(\).*no decision was sent/,
    );
    expect(errors[0]![2]).toMatchObject({ workflowId: 'wf-1', runId: 'run-1', error: 'DeterminismViolationError' });
    expect(t.logs.filter(([level, m]) => level === 'debug' && /failed again.*2 times/.test(m))).toHaveLength(1);
  });

  it('another run failing the same way is logged again', async () => {
    const history = makeHistory(10);
    const t = setup({ events: history, newExecutor: failing(new DeterminismViolationError('x')) });
    await t.decider.handle(decisionTask(history, 10, undefined, 'run-1'));
    await t.decider.handle(decisionTask(history, 10, undefined, 'run-2'));
    expect(t.logs.filter(([level]) => level === 'error').map(([, , meta]) => meta?.runId)).toEqual(['run-1', 'run-2']);
  });

  it('with failWorkflowOnNonDeterminism a DeterminismViolationError fails the execution', async () => {
    const history = makeHistory(10);
    const t = setup({
      events: history,
      failWorkflowOnNonDeterminism: true,
      newExecutor: failing(new DeterminismViolationError('fetch() cannot be used')),
    });
    expect(await t.decider.handle(decisionTask(history, 10))).toBe('nondeterministic');
    expect(t.responses[0]!.decisions).toEqual([
      expect.objectContaining({
        decisionType: 'FailWorkflowExecution',
        failWorkflowExecutionDecisionAttributes: expect.objectContaining({ reason: 'DeterminismViolationError' }),
      }),
    ]);
  });

  it('a NonDeterminismError of a cached run is checked by a full replay first', async () => {
    const history = makeHistory(60);
    const t = setup({ events: history });
    await t.decider.handle(decisionTask(history.slice(0, 50), 100));
    t.executors[0]!.failWith = new NonDeterminismError({ eventId: 52, recorded: 'x', attempted: 'y' });
    expect(await t.decider.handle(decisionTask(history, 100, 50))).toBe('completed');
    expect(t.executors[0]!.disposed).toBe(true);
    expect(t.executors[1]!.fed[0]).toHaveLength(60);
  });

  it('builds the per-task debug line only for a logger that would write it, and the same line as before otherwise', async () => {
    const history = makeHistory(10);
    const asked: string[] = [];
    const quiet = setup({
      events: history,
      logger: {
        ...silentLogger,
        debug: () => {
          throw new Error('debug is off: the line must not be built or written');
        },
        isLevelEnabled: (level) => {
          asked.push(level);
          return level !== 'debug';
        },
      },
    });
    expect(await quiet.decider.handle(decisionTask(history, 10))).toBe('completed');
    expect(asked).toEqual(['debug']);

    const t = setup({ events: history }); // a logger without isLevelEnabled gets every line
    expect(await t.decider.handle(decisionTask(history, 10))).toBe('completed');
    expect(t.logs).toEqual([
      [
        'debug',
        'decision task answered',
        { workflowId: 'wf-1', runId: 'run-1', startedEventId: 10, decisions: ['StartTimer'], closing: false },
      ],
    ]);
  });
});
