import { describe, expect, it } from 'vitest';
import { SwfFault } from '../faults.js';
import { MAX_REPORTED_VIOLATIONS, validateInput } from './validate.js';

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
    expect(
      validateInput('RegisterDomain', { name: 'sample', workflowExecutionRetentionPeriodInDays: '1' }),
    ).toMatchObject({ name: 'sample' });
  });

  it('reports a missing required member as SWF does', () => {
    expect(fault('DescribeDomain', {})).toEqual({
      fault: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    });
  });

  it('reports every violation: lengths, enums, ranges, nested members and list elements', () => {
    const { fault: name, message } = fault('ListWorkflowTypes', {
      domain: '',
      registrationStatus: 'GONE',
      maximumPageSize: 1001,
    });
    expect(name).toBe('ValidationException');
    expect(message).toBe(
      "3 validation errors detected: Value '' at 'domain' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value 'GONE' at 'registrationStatus' failed to satisfy constraint: Member must satisfy enum value set: [REGISTERED, DEPRECATED]; " +
        "Value 1001 at 'maximumPageSize' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    expect(
      fault('StartWorkflowExecution', {
        domain: 'd',
        workflowId: 'w',
        workflowType: { name: 'W' },
        tagList: ['a', 'b', 'c', 'd', 'e', 'f'],
      }).message,
    ).toBe(
      "2 validation errors detected: Value null at 'workflowType.version' failed to satisfy constraint: Member must not be null; " +
        'Value ["a","b","c","d","e","f"] at \'tagList\' failed to satisfy constraint: Member must have length less than or equal to 5',
    );
    expect(
      fault('RespondDecisionTaskCompleted', {
        taskToken: 't',
        decisions: [{ decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't' } }],
      }).message,
    ).toBe(
      "1 validation error detected: Value null at 'decisions.1.member.startTimerDecisionAttributes.startToFireTimeout' failed to satisfy constraint: Member must not be null",
    );
  });

  it('answers wrong JSON types with SerializationException and unknown operations with UnknownOperationException', () => {
    expect(fault('DescribeDomain', { name: 5 }).fault).toBe('SerializationException');
    expect(fault('DescribeDomain', [1]).fault).toBe('SerializationException');
    expect(fault('Nope', {})).toEqual({ fault: 'UnknownOperationException', message: 'Unknown operation: Nope' });
  });

  it('drops members the model does not know, so handlers only ever see model-shaped input', () => {
    expect(validateInput('DescribeDomain', { name: 'd', extra: { deep: [1, 2] } })).toEqual({ name: 'd' });
    expect(
      validateInput('RespondDecisionTaskCompleted', {
        taskToken: 't',
        decisions: [
          { decisionType: 'RecordMarker', junk: 1, recordMarkerDecisionAttributes: { markerName: 'm', x: 2 } },
        ],
      }),
    ).toEqual({
      taskToken: 't',
      decisions: [{ decisionType: 'RecordMarker', recordMarkerDecisionAttributes: { markerName: 'm' } }],
    });
  });
});

/** A list that counts how many of its items were read. */
function counted<T>(items: T[]): { list: T[]; reads: () => number } {
  let reads = 0;
  const list = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { list, reads: () => reads };
}

describe('the cost of a bad request is bounded (issue 15: validation amplification)', () => {
  it(`stops after ${MAX_REPORTED_VIOLATIONS} violations: a million empty decisions read ${MAX_REPORTED_VIOLATIONS} of them and make a short message`, () => {
    const { list, reads } = counted(Array.from({ length: 1_000_000 }, () => ({})));
    const { fault: name, message } = fault('RespondDecisionTaskCompleted', { taskToken: 't', decisions: list });
    expect(name).toBe('ValidationException');
    expect(
      message.startsWith(
        `${MAX_REPORTED_VIOLATIONS} validation errors detected (validation stops at ${MAX_REPORTED_VIOLATIONS}, so there may be more): `,
      ),
    ).toBe(true);
    expect(message.split('; ')).toHaveLength(MAX_REPORTED_VIOLATIONS);
    expect(message).toContain(
      "Value null at 'decisions.10.member.decisionType' failed to satisfy constraint: Member must not be null",
    );
    expect(message.length).toBeLessThan(2_000);
    expect(reads()).toBe(MAX_REPORTED_VIOLATIONS);
  });

  it('checks a list length before its items: a million tags are one violation and no item is read', () => {
    const { list, reads } = counted(Array.from({ length: 1_000_000 }, (_, i) => `tag-${i}`));
    expect(
      fault('StartWorkflowExecution', {
        domain: 'd',
        workflowId: 'w',
        workflowType: { name: 'W', version: '1' },
        tagList: list,
      }).message,
    ).toBe(
      "1 validation error detected: Value (a list of 1000000 items) at 'tagList' failed to satisfy constraint: Member must have length less than or equal to 5",
    );
    expect(reads()).toBe(0);
  });

  it('shows the characters a terminal would not: controls, format characters, odd spaces and lone surrogates, as \\u escapes', () => {
    const refused = (name: string): string =>
      fault('RegisterDomain', { name, workflowExecutionRetentionPeriodInDays: '1' }).message;
    expect(refused('tab\there')).toContain(String.raw`Value 'tab\u0009here' at 'name'`);
    expect(refused('x\u0085y')).toContain(String.raw`Value 'x\u0085y' at 'name'`);
    expect(refused('\ufeffbom')).toContain(String.raw`Value '\ufeffbom' at 'name'`);
    expect(refused('nbsp\u00a0')).toContain(String.raw`Value 'nbsp\u00a0' at 'name'`);
    expect(refused('line\u2028')).toContain(String.raw`Value 'line\u2028' at 'name'`);
    expect(refused('half-\ud83d')).toContain(String.raw`Value 'half-\ud83d' at 'name'`);
    // What a terminal shows stays as it is: letters of any script, emoji, a plain space inside.
    expect(fault('DescribeDomain', { name: `é 中 😀 ${'n'.repeat(300)}` }).message).toContain(`Value 'é 中 😀 nnn`);
    expect(
      fault('StartWorkflowExecution', {
        domain: 'd',
        workflowId: 'w',
        workflowType: { name: 'W', version: '1' },
        tagList: ['a\u200bb', 'b', 'c', 'd', 'e', 'f'],
      }).message,
    ).toContain(String.raw`Value ["a\u200bb","b","c","d","e","f"] at 'tagList'`);
  });

  it('counts the escapes in the 256 characters it quotes: 300 control characters show as 42 escapes', () => {
    const { message } = fault('DescribeDomain', { name: '\u0001'.repeat(300) });
    expect(message).toBe(
      `1 validation error detected: Value '${String.raw`\u0001`.repeat(42)}...' (300 characters) at 'name' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
  });

  it('never echoes a value whole: a 1 MiB name is quoted up to 256 characters', () => {
    const { message } = fault('DescribeDomain', { name: 'n'.repeat(1 << 20) });
    expect(message).toBe(
      `1 validation error detected: Value '${'n'.repeat(256)}...' (1048576 characters) at 'name' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
    expect(
      fault('StartWorkflowExecution', {
        domain: 'd',
        workflowId: 'w',
        workflowType: { name: 'W', version: '1' },
        tagList: [{ a: 1 }, 2, 3, 4, 5, 6],
      }).message,
    ).toContain("Value (a list of 6 items) at 'tagList'");
  });
});
