import { describe, expect, it, vi } from 'vitest';
import { ValidationError, type Logger } from '@swf-flow/common';
import { workflowInfo, type WorkflowInfo } from './info.js';
import { log } from './log.js';
import { setExecutionState } from './state.js';
import { sleep } from '../runtime/timer-command.js';
import { HistoryBuilder } from '../test-support/history-builder.js';
import { replay } from '../test-support/run.js';

describe('workflowInfo, log and setExecutionState', () => {
  it('workflowInfo describes the run; isReplaying is true only for answered decision tasks', async () => {
    const infos: WorkflowInfo[] = [];
    async function curious(): Promise<void> {
      infos.push(workflowInfo());
      await sleep('1s');
      infos.push(workflowInfo());
    }
    const h = new HistoryBuilder().start('curious', ['a'], {
      parentWorkflowExecution: { workflowId: 'p', runId: 'pr' },
      parentInitiatedEventId: 7,
      continuedExecutionRunId: 'old-run',
      tagList: ['x'],
      taskPriority: '3',
    });
    h.decisionTask();
    const t = h.timerStarted('timer-1', h.completed(), '1');
    h.timerFired('timer-1', t);
    h.decisionTask();
    await replay(h, curious, { execution: { workflowId: 'wid', runId: 'rid' } });
    expect(infos[0]).toMatchObject({
      workflowId: 'wid',
      runId: 'rid',
      workflowType: { name: 'curious', version: '1.0' },
      taskList: 'main',
      input: '["a"]',
      parent: { workflowId: 'p', runId: 'pr' },
      parentInitiatedEventId: 7,
      continuedExecutionRunId: 'old-run',
      executionStartToCloseTimeout: '3600',
      taskStartToCloseTimeout: '10',
      childPolicy: 'TERMINATE',
      taskPriority: '3',
      tagList: ['x'],
      isReplaying: true,
      cancelRequested: false,
      currentDecisionTaskStartedEventId: 3,
      historyLength: 3,
    });
    expect(infos[0]?.startTime.toISOString()).toBe('2024-01-01T12:00:00.000Z');
    expect(infos[1]).toMatchObject({ isReplaying: false, currentDecisionTaskStartedEventId: 8, historyLength: 8 });
    expect(infos[1]?.startTime.toISOString()).toBe('2024-01-01T12:00:00.000Z');
  });

  it('a top-level run has no parent, parentInitiatedEventId or continuedExecutionRunId; historyLength follows the events', async () => {
    const infos: WorkflowInfo[] = [];
    async function plain(): Promise<void> {
      infos.push(workflowInfo());
      await sleep('1s');
      infos.push(workflowInfo());
    }
    const h = new HistoryBuilder(Date.UTC(2024, 5, 1)).start('plain').decisionTask();
    const t = h.timerStarted('timer-1', h.completed(), '1');
    h.signaled('unhandled');
    h.timerFired('timer-1', t);
    h.decisionTask();
    await replay(h, plain);
    for (const key of ['parent', 'parentInitiatedEventId', 'continuedExecutionRunId', 'input'])
      expect(infos[0]).not.toHaveProperty(key);
    expect(infos.map((i) => i.historyLength)).toEqual([3, 9]);
    expect(infos[0]?.startTime.toISOString()).toBe('2024-06-01T00:00:00.000Z');
  });

  it('log writes through the logger only when not replaying, with the execution ids', async () => {
    const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    async function chatty(): Promise<void> {
      log.info('first', { n: 1 });
      await sleep('1s');
      log.warn('second');
    }
    const h = new HistoryBuilder().start('chatty').decisionTask();
    const t = h.timerStarted('timer-1', h.completed(), '1');
    h.timerFired('timer-1', t);
    h.decisionTask();
    await replay(h, chatty, { logger });
    expect(logger.info).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith('second', { workflowId: 'wf-1', runId: 'run-1' });
    log.error('outside workflow code: ignored');
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('the logger runs outside the sandbox (it may use timers and real time)', async () => {
    const stamps: number[] = [];
    const logger: Logger = {
      debug: () => undefined,
      info: () => {
        stamps.push(Date.now());
        clearTimeout(setTimeout(() => undefined, 1));
      },
      warn: () => undefined,
      error: () => undefined,
    };
    async function chatty(): Promise<void> {
      log.info('hello');
    }
    const r = await replay(new HistoryBuilder().start('chatty').decisionTask(), chatty, { logger });
    expect(r.status).toBe('COMPLETED');
    expect(stamps[0]).toBeGreaterThan(Date.UTC(2025, 0, 1));
  });

  it('setExecutionState publishes the state as executionContext with every result', async () => {
    async function stateful(): Promise<void> {
      setExecutionState({ stage: 'waiting' });
      await sleep('1s');
      setExecutionState({ stage: 'done' });
    }
    const h = new HistoryBuilder().start('stateful').decisionTask();
    expect((await replay(h, stateful)).executionContext).toBe('{"stage":"waiting"}');
    const t = h.timerStarted('timer-1', h.completed(), '1');
    h.timerFired('timer-1', t);
    h.decisionTask();
    expect((await replay(h, stateful)).executionContext).toBe('{"stage":"done"}');
  });

  it('setExecutionState refuses more than 32,768 characters', async () => {
    let err: unknown;
    async function huge(): Promise<void> {
      try {
        setExecutionState('x'.repeat(40_000));
      } catch (e) {
        err = e;
      }
    }
    await replay(new HistoryBuilder().start('huge').decisionTask(), huge);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/SWF allows 32768/);
  });

  it('outside workflow code the API says where to call it', () => {
    expect(() => workflowInfo()).toThrow(/workflowInfo\(\) can only be called from workflow code/);
    expect(() => sleep('1s')).toThrow(ValidationError);
  });
});
