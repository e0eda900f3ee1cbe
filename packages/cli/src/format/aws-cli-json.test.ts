import { describe, expect, it } from 'vitest';
import { awsCliJson, historyJson } from './aws-cli-json.js';

describe('awsCliJson', () => {
  it('prints dates as epoch seconds (whole seconds with .0), 4-space indented', () => {
    const events = [
      { eventTimestamp: new Date(1700000200000), eventType: 'WorkflowExecutionStarted' as const, eventId: 1 },
      { eventTimestamp: new Date(1700000200123), eventType: 'DecisionTaskScheduled' as const, eventId: 2 },
    ];
    expect(historyJson(events)).toBe(
      [
        '{',
        '    "events": [',
        '        {',
        '            "eventTimestamp": 1700000200.0,',
        '            "eventType": "WorkflowExecutionStarted",',
        '            "eventId": 1',
        '        },',
        '        {',
        '            "eventTimestamp": 1700000200.123,',
        '            "eventType": "DecisionTaskScheduled",',
        '            "eventId": 2',
        '        }',
        '    ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('prints strings as strings (even marker-like ones), nested dates as epoch seconds, and drops undefined fields', () => {
    expect(JSON.parse(awsCliJson({ a: '\u0001epoch:1', b: undefined, c: { d: new Date(5) } }))).toEqual({
      a: '\u0001epoch:1',
      c: { d: 0.005 },
    });
  });
});
