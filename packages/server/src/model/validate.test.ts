import { describe, expect, it } from 'vitest';
import { SwfFault } from '../faults.js';
import { validateInput } from './validate.js';

function fault(op: string, input: unknown): { fault: string; message: string } {
  try {
    validateInput(op, input);
  } catch (err) {
    if (err instanceof SwfFault) return { fault: err.fault, message: err.message };
    throw err;
  }
  throw new Error('expected a fault');
}

describe('validateInput', () => {
  it('accepts a valid input', () => {
    expect(validateInput('RegisterDomain', { name: 'sample', workflowExecutionRetentionPeriodInDays: '1' })).toMatchObject({ name: 'sample' });
  });

  it('reports a missing required member as SWF does', () => {
    expect(fault('DescribeDomain', {})).toEqual({
      fault: 'ValidationException',
      message: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    });
  });

  it('reports every violation: lengths, enums, ranges, nested members and list elements', () => {
    const { fault: name, message } = fault('ListWorkflowTypes', { domain: '', registrationStatus: 'GONE', maximumPageSize: 1001 });
    expect(name).toBe('ValidationException');
    expect(message).toBe(
      "3 validation errors detected: Value '' at 'domain' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value 'GONE' at 'registrationStatus' failed to satisfy constraint: Member must satisfy enum value set: [REGISTERED, DEPRECATED]; " +
        "Value 1001 at 'maximumPageSize' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    expect(fault('StartWorkflowExecution', { domain: 'd', workflowId: 'w', workflowType: { name: 'W' }, tagList: ['a', 'b', 'c', 'd', 'e', 'f'] }).message).toBe(
      "2 validation errors detected: Value null at 'workflowType.version' failed to satisfy constraint: Member must not be null; " +
        'Value ["a","b","c","d","e","f"] at \'tagList\' failed to satisfy constraint: Member must have length less than or equal to 5',
    );
    expect(
      fault('RespondDecisionTaskCompleted', { taskToken: 't', decisions: [{ decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't' } }] })
        .message,
    ).toBe(
      "1 validation error detected: Value null at 'decisions.1.member.startTimerDecisionAttributes.startToFireTimeout' failed to satisfy constraint: Member must not be null",
    );
  });

  it('answers wrong JSON types with SerializationException and unknown operations with UnknownOperationException', () => {
    expect(fault('DescribeDomain', { name: 5 }).fault).toBe('SerializationException');
    expect(fault('DescribeDomain', [1]).fault).toBe('SerializationException');
    expect(fault('Nope', {})).toEqual({ fault: 'UnknownOperationException', message: 'Unknown operation: Nope' });
  });
});
