import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { isChildPolicy } from './run-options.js';
import { attachWorkflowTypeOptions, workflowTypeInfo, workflowTypeOptions } from './workflow-type.js';

describe('workflow-type metadata', () => {
  it('a plain function has no options; its type is its name, version 1.0', () => {
    async function order(): Promise<void> {}
    expect(workflowTypeOptions(order)).toBeUndefined();
    expect(workflowTypeInfo(order)).toEqual({ name: 'order', version: '1.0', fn: order });
  });

  it('reads back what was attached: as given, and as SWF strings with defaults', () => {
    const fn = async (): Promise<void> => {};
    attachWorkflowTypeOptions(fn, { name: 'Order', executionStartToCloseTimeout: '1h', childPolicy: 'ABANDON' });
    expect(workflowTypeOptions(fn)).toEqual({
      name: 'Order',
      executionStartToCloseTimeout: '1h',
      childPolicy: 'ABANDON',
    });
    expect(workflowTypeInfo(fn)).toEqual({
      name: 'Order',
      version: '1.0',
      fn,
      executionStartToCloseTimeout: '3600',
      childPolicy: 'ABANDON',
    });
    expect(Object.keys(fn)).toEqual([]); // not enumerable: spreading or serialising the function shows nothing
  });

  it('validates before attaching anything', () => {
    const fn = async (): Promise<void> => {};
    expect(() => attachWorkflowTypeOptions(fn, { taskList: 'a|b' })).toThrow(ValidationError);
    expect(() => attachWorkflowTypeOptions(fn, { name: 'Order', taskStartToCloseTimeout: '0s' })).toThrow(
      /taskStartToCloseTimeout of workflow Order is 0 seconds; a new run's timeouts need at least 1 second/,
    );
    expect(workflowTypeOptions(fn)).toBeUndefined();
  });

  it('knows the child policies', () => {
    expect(['TERMINATE', 'REQUEST_CANCEL', 'ABANDON'].every(isChildPolicy)).toBe(true);
    expect(isChildPolicy('KILL')).toBe(false);
  });
});
