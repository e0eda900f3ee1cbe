/**
 * The local service records the events of one decision task together, as Amazon SWF does: several
 * StartChildWorkflowExecution decisions give their Initiated events side by side, and the children's
 * ChildWorkflowExecutionStarted events follow them (the replayer matches a task's decisions as one
 * batch, and the parent in this example starts all its children in one decision task).
 */
import {
  GetWorkflowExecutionHistoryCommand,
  PollForDecisionTaskCommand,
  RegisterDomainCommand,
  RegisterWorkflowTypeCommand,
  RespondDecisionTaskCompletedCommand,
  StartWorkflowExecutionCommand,
  SWFClient,
} from '@aws-sdk/client-swf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalService, startLocalService } from '@swf-flow/dev';

describe('local service: two children started by one decision task', () => {
  let local: LocalService;
  let swf: SWFClient;
  const domain = 'children-order';

  beforeAll(async () => {
    local = await startLocalService({ dataDir: ':memory:', pollTimeoutMs: 1000 });
    swf = new SWFClient(local.swf);
    await swf.send(new RegisterDomainCommand({ name: domain, workflowExecutionRetentionPeriodInDays: '1' }));
    for (const name of ['Parent', 'Child']) {
      await swf.send(
        new RegisterWorkflowTypeCommand({
          domain,
          name,
          version: '1',
          defaultTaskList: { name: name.toLowerCase() },
          defaultExecutionStartToCloseTimeout: '60',
          defaultTaskStartToCloseTimeout: '10',
          defaultChildPolicy: 'TERMINATE',
        }),
      );
    }
  });

  afterAll(async () => {
    swf?.destroy();
    await local?.server.close();
  });

  it('records the decision task’s StartChildWorkflowExecutionInitiated events together, right after DecisionTaskCompleted', async () => {
    const { runId } = await swf.send(
      new StartWorkflowExecutionCommand({
        domain,
        workflowId: 'parent-1',
        workflowType: { name: 'Parent', version: '1' },
      }),
    );
    const task = await swf.send(new PollForDecisionTaskCommand({ domain, taskList: { name: 'parent' } }));
    const child = (id: string) => ({
      decisionType: 'StartChildWorkflowExecution' as const,
      startChildWorkflowExecutionDecisionAttributes: { workflowType: { name: 'Child', version: '1' }, workflowId: id },
    });
    await swf.send(
      new RespondDecisionTaskCompletedCommand({
        taskToken: task.taskToken,
        decisions: [child('child-1'), child('child-2')],
      }),
    );
    const { events = [] } = await swf.send(
      new GetWorkflowExecutionHistoryCommand({ domain, execution: { workflowId: 'parent-1', runId } }),
    );
    const types = events.map((e) => e.eventType);
    const completed = types.indexOf('DecisionTaskCompleted');
    expect(types.slice(completed, completed + 3)).toEqual([
      'DecisionTaskCompleted',
      'StartChildWorkflowExecutionInitiated',
      'StartChildWorkflowExecutionInitiated',
    ]);
  });
});
