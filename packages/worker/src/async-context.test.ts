// The workflow's store and the activity's context are two slots of one AsyncLocalStorage
// (`asyncContext` in @swf-flow/common): a worker's promises carry one propagated property, not
// one per storage, and the slots stay as independent as two storages were.
import { describe, expect, it } from 'vitest';
import { silentLogger, ValidationError, type HistoryEvent, type Logger } from '@swf-flow/common';
import { activityContext, runWithActivityContext, type ActivityContext } from '@swf-flow/activity';
import { log, WorkflowExecutor, workflowInfo } from '@swf-flow/workflow';

function makeContext(activityId: string): ActivityContext {
  return {
    info: {
      activityId,
      activityType: { name: 'Echo', version: '1.0' },
      workflowExecution: { workflowId: 'wf', runId: 'run' },
      taskToken: `token-${activityId}`,
      taskList: 'default',
      attempt: 1,
    },
    heartbeat: () => undefined,
    cancellationSignal: new AbortController().signal,
    doNotCompleteOnReturn: () => undefined,
  };
}

/** A history whose one decision task is open: the workflow function runs once in it. */
function firstTask(name: string): HistoryEvent[] {
  const at = new Date(Date.UTC(2024, 0, 1));
  return [
    {
      eventId: 1,
      eventTimestamp: at,
      eventType: 'WorkflowExecutionStarted',
      workflowExecutionStartedEventAttributes: {
        workflowType: { name, version: '1.0' },
        taskList: { name: 'default' },
        childPolicy: 'TERMINATE',
      },
    },
    {
      eventId: 2,
      eventTimestamp: at,
      eventType: 'DecisionTaskScheduled',
      decisionTaskScheduledEventAttributes: { taskList: { name: 'default' } },
    },
    {
      eventId: 3,
      eventTimestamp: at,
      eventType: 'DecisionTaskStarted',
      decisionTaskStartedEventAttributes: { scheduledEventId: 2 },
    },
  ];
}

/** Own symbol properties of `p` that an AsyncLocalStorage propagated (Node 20 and 22 name them so). */
const storeProperties = (p: object): number =>
  Object.getOwnPropertySymbols(p).filter((s) => s.description === 'kResourceStore').length;

describe('one async context for workflow code and activities', () => {
  it('a promise made while both are in use carries at most one propagated store', async () => {
    const made: Promise<unknown>[] = [];
    const executor = new WorkflowExecutor({
      workflows: {
        Probe: async () => {
          made.push(Promise.resolve('in workflow code'));
          return 'done';
        },
      },
    });
    await executor.processEvents(firstTask('Probe'));
    await runWithActivityContext(makeContext('a1'), async () => {
      made.push(Promise.resolve('in an activity'));
      await null;
    });
    made.push(Promise.resolve('outside both'));
    expect(made).toHaveLength(3);
    for (const p of made) expect(storeProperties(p)).toBeLessThanOrEqual(1);
  });

  it('workflow code run inside an activity sees both; each slot leaves as it came', async () => {
    const seen: string[] = [];
    const logger: Logger = {
      ...silentLogger,
      // The logger runs outside workflow code: the activity's context stays, the workflow's is gone.
      info: (message) => {
        seen.push(`${message} in ${activityContext().info.activityId}`);
        expect(() => workflowInfo()).toThrow(ValidationError);
      },
    };
    const executor = new WorkflowExecutor({
      logger,
      workflows: {
        Nested: async () => {
          seen.push(`${workflowInfo().workflowType.name} in ${activityContext().info.activityId}`);
          await Promise.resolve();
          seen.push(`after await in ${activityContext().info.activityId}`);
          log.info('logged');
          return 'done';
        },
      },
    });
    await runWithActivityContext(makeContext('outer'), async () => {
      const result = await executor.processEvents(firstTask('Nested'));
      expect(result.status).toBe('COMPLETED');
      expect(activityContext().info.activityId).toBe('outer');
      expect(() => workflowInfo()).toThrow(ValidationError);
    });
    expect(seen).toEqual(['Nested in outer', 'after await in outer', 'logged in outer']);
    expect(() => activityContext()).toThrow(ValidationError);
  });

  it('an activity run from workflow code sees both, and workflow code outside one sees no activity', async () => {
    const seen: string[] = [];
    const executor = new WorkflowExecutor({
      workflows: {
        Inner: async () => {
          expect(() => activityContext()).toThrow(/called outside an activity/);
          await runWithActivityContext(makeContext('inner'), async () => {
            await null;
            seen.push(`${workflowInfo().workflowType.name} with ${activityContext().info.activityId}`);
          });
          expect(() => activityContext()).toThrow(ValidationError);
          seen.push(`back in ${workflowInfo().workflowType.name}`);
          return 'done';
        },
      },
    });
    const result = await executor.processEvents(firstTask('Inner'));
    expect(result.status).toBe('COMPLETED');
    expect(seen).toEqual(['Inner with inner', 'back in Inner']);
  });
});
