import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { outstandingWork } from './outstanding-work.js';
import { SwfService } from './service.js';

describe('outstandingWork', () => {
  it('shows a ready decision task, then a started one, then only the timer', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const service = SwfService.open({ clock });
    try {
      await service.handle('RegisterDomain', { name: 'd', workflowExecutionRetentionPeriodInDays: '1' });
      await service.handle('RegisterWorkflowType', {
        domain: 'd',
        name: 'W',
        version: '1',
        defaultTaskList: { name: 'tl' },
        defaultChildPolicy: 'TERMINATE',
        defaultExecutionStartToCloseTimeout: '3600',
        defaultTaskStartToCloseTimeout: '30',
      });
      expect(outstandingWork(service)).toEqual({ tasks: [], nextDeadline: undefined });
      await service.handle('StartWorkflowExecution', {
        domain: 'd',
        workflowId: 'w1',
        workflowType: { name: 'W', version: '1' },
      });
      expect(outstandingWork(service)).toEqual({
        tasks: [{ kind: 'decision', domain: 'd', taskList: 'tl', ready: 1, started: 0 }],
        nextDeadline: clock.now() + 3600_000,
      });
      const task = (await service.handle('PollForDecisionTask', { domain: 'd', taskList: { name: 'tl' } })) as {
        taskToken: string;
      };
      expect(outstandingWork(service).tasks).toEqual([
        { kind: 'decision', domain: 'd', taskList: 'tl', ready: 0, started: 1 },
      ]);
      await service.handle('RespondDecisionTaskCompleted', {
        taskToken: task.taskToken,
        decisions: [
          { decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't', startToFireTimeout: '60' } },
        ],
      });
      expect(outstandingWork(service)).toEqual({ tasks: [], nextDeadline: clock.now() + 60_000 });
    } finally {
      service.close();
    }
  });
});
