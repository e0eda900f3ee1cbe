import { describe, expect, it } from 'vitest';
import { ValidationError } from '@swf-flow/common';
import { WorkflowExecutor } from './executor.js';
import { defineWorkflow, indexWorkflows, workflowTypeInfo } from './workflow-type.js';
import { HistoryBuilder } from './test-support/history-builder.js';
import { replay } from './test-support/run.js';

async function plain(): Promise<string> {
  return 'plain';
}

describe('workflow types', () => {
  it('defaults: function name, version 1.0', () => {
    expect(workflowTypeInfo(plain)).toEqual({ name: 'plain', version: '1.0', fn: plain });
  });

  it('defineWorkflow attaches options; timeouts become SWF seconds', () => {
    const fn = defineWorkflow(async () => 1, {
      name: 'Order',
      version: '2',
      taskList: 'orders',
      executionStartToCloseTimeout: '1 day',
      taskStartToCloseTimeout: 'NONE',
      childPolicy: 'ABANDON',
      taskPriority: 5,
      description: 'orders',
    });
    expect(workflowTypeInfo(fn)).toEqual({
      name: 'Order',
      version: '2',
      fn,
      taskList: 'orders',
      executionStartToCloseTimeout: '86400',
      taskStartToCloseTimeout: 'NONE',
      childPolicy: 'ABANDON',
      taskPriority: 5,
      description: 'orders',
    });
  });

  it.each([
    [
      () =>
        workflowTypeInfo(
          (
            () => async () =>
              1
          )(),
        ),
      /has no name/,
    ],
    [() => defineWorkflow(plain, { name: 'a:b' }), /not a valid SWF name/],
    [() => defineWorkflow(plain, { childPolicy: 'KILL' as never }), /childPolicy/],
    [() => defineWorkflow(plain, { taskPriority: 1.5 }), /integer/],
    // a key it does not know was dropped: the type kept version '1.0'
    [
      () => defineWorkflow(async function typo() {}, { name: 'W', verison: '2' } as never),
      /^defineWorkflow\(fn, options\): unknown option 'verison' \(did you mean version\?\); the options are name, version, /,
    ],
    // @ts-expect-error not a duration: a compile error, and the same check at run time
    [() => defineWorkflow(plain, { executionStartToCloseTimeout: 'soon' }), /cannot read 'soon'/],
    [() => indexWorkflows([]), /at least one/],
    [() => indexWorkflows(42 as never), /workflow function/],
    [() => new WorkflowExecutor(undefined as never), /options must be an object/],
  ])('validates input (%#)', (call, message) => {
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(message);
  });

  it('a record names the type; name@version picks among versions', async () => {
    const v2 = defineWorkflow(async () => 'v2', { name: 'plain', version: '2' });
    const h = new HistoryBuilder().start('plain').decisionTask();
    expect((await replay(h, [v2, plain])).result).toBe('plain');
    expect((await replay(h, { plain: async () => 'from record' })).result).toBe('from record');
  });

  it('an unknown workflow type is a ValidationError naming what is known', async () => {
    const h = new HistoryBuilder().start('Missing').decisionTask();
    await expect(replay(h, plain)).rejects.toThrow(
      /no workflow function for workflow type Missing 1.0; this executor knows plain@1.0/,
    );
  });

  it('a history must start with WorkflowExecutionStarted', async () => {
    const ex = new WorkflowExecutor({ workflows: plain });
    await expect(
      ex.processEvents([{ eventId: 1, eventType: 'DecisionTaskScheduled', eventTimestamp: new Date() }]),
    ).rejects.toThrow(/starts with WorkflowExecutionStarted/);
  });
});
