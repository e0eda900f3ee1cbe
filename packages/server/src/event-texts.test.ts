/**
 * Event texts spliced into an answer must give exactly the bytes `JSON.stringify` of the parsed
 * answer gives, and an answer whose `events` was read (and maybe changed) must serialize what was
 * read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventWireText, toWireJson, withEventTexts } from './event-texts.js';
import { dispatch } from './http/dispatch.js';
import { SwfService } from './service.js';

type Event = Record<string, unknown> & { eventId: number; eventTimestamp: number; eventType: string };

const FIXTURES = new URL('../../../test/fixtures/swf-real/', import.meta.url);

function recorded(): Event[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => (JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as { events: Event[] }).events);
}

/** The event as the service stores it (attributes as JSON text) and as it answered it before: parsed, then serialized. */
function storedAndParsed(event: Event): { text: string; parsed: Record<string, unknown> } {
  const key = Object.keys(event).find((k) => k.endsWith('EventAttributes')) as string;
  const attrs = JSON.stringify(event[key]);
  const parsed = {
    eventId: event.eventId,
    eventTimestamp: event.eventTimestamp,
    eventType: event.eventType,
    [key]: JSON.parse(attrs) as unknown,
  };
  return { text: eventWireText(event.eventId, event.eventTimestamp, event.eventType, key, attrs), parsed };
}

describe('event texts', () => {
  it('give the bytes of the parsed event for every recorded SWF event', () => {
    const events = recorded();
    expect(events.length).toBeGreaterThan(50);
    for (const event of events) {
      const { text, parsed } = storedAndParsed(event);
      expect(text).toBe(JSON.stringify(parsed));
    }
  });

  it('keep escapes, unicode and odd numbers as JSON.stringify writes them', () => {
    const attrs = { input: 'quote " backslash \\ nl \n tab \t nul \u0000 lone \ud800 emoji 😀 é', control: '' };
    for (const ts of [0, 1.5, 1767225603.123, 1e21, 1234567890123.457]) {
      const { text, parsed } = storedAndParsed({
        eventId: 7,
        eventTimestamp: ts,
        eventType: 'ActivityTaskScheduled',
        activityTaskScheduledEventAttributes: attrs,
      });
      expect(text).toBe(JSON.stringify(parsed));
    }
  });

  it('serialize an answer as JSON.stringify of its parsed form, member order and left-out members included', () => {
    const events = recorded().slice(0, 10).map(storedAndParsed);
    const answer = withEventTexts(
      { taskToken: 'tok', startedEventId: 3, left: undefined },
      events.map((e) => e.text),
    ) as Record<string, unknown>;
    answer.previousStartedEventId = 0;
    const expected = JSON.stringify({
      taskToken: 'tok',
      startedEventId: 3,
      events: events.map((e) => e.parsed),
      previousStartedEventId: 0,
    });
    expect(toWireJson(answer)).toBe(expected);
    // Reading `events` parses them; what was read is what serializes from then on.
    expect(answer.events).toEqual(events.map((e) => e.parsed));
    expect(toWireJson(answer)).toBe(expected);
    (answer.events as unknown[]).pop();
    expect(JSON.parse(toWireJson(answer))).toMatchObject({ events: events.slice(0, 9).map((e) => e.parsed) });
    answer.events = [];
    expect(toWireJson(answer)).toBe(JSON.stringify({ ...answer }));
  });

  it('answer a decision poll and a history read with the bytes of the parsed answer', async () => {
    const service = SwfService.open();
    try {
      const call = (op: string, input: unknown) => service.handle(op, input) as Promise<Record<string, unknown>>;
      await call('RegisterDomain', { name: 'd', workflowExecutionRetentionPeriodInDays: '1' });
      await call('RegisterWorkflowType', {
        domain: 'd',
        name: 'W',
        version: '1',
        defaultTaskList: { name: 't' },
        defaultTaskStartToCloseTimeout: '60',
        defaultExecutionStartToCloseTimeout: '600',
        defaultChildPolicy: 'TERMINATE',
      });
      const { runId } = await call('StartWorkflowExecution', {
        domain: 'd',
        workflowId: 'w',
        workflowType: { name: 'W', version: '1' },
        input: 'a "quoted" input with \\ and é and 😀',
        tagList: ['x', 'y'],
      });
      await call('SignalWorkflowExecution', { domain: 'd', workflowId: 'w', signalName: 's', input: '\u0001\n' });
      for (const [target, body] of [
        ['PollForDecisionTask', { domain: 'd', taskList: { name: 't' }, maximumPageSize: 2 }],
        ['GetWorkflowExecutionHistory', { domain: 'd', execution: { workflowId: 'w', runId }, reverseOrder: true }],
      ] as const) {
        const wire = await dispatch(service, { target: `SimpleWorkflowService.${target}`, body: JSON.stringify(body) });
        expect(wire.statusCode).toBe(200);
        const answer = JSON.parse(wire.body) as { events: Event[] };
        expect(answer.events.length).toBeGreaterThan(1);
        // Rebuilt member by member as plain objects, the answer serializes to the same bytes.
        expect(JSON.stringify(JSON.parse(wire.body))).toBe(wire.body);
        expect(wire.headers['content-length']).toBe(String(Buffer.byteLength(wire.body)));
        if (target === 'GetWorkflowExecutionHistory') {
          // JSON.stringify reads `events` (parsing them): the answer as it was built before.
          expect(JSON.stringify(await service.handle(target, body))).toBe(wire.body);
        }
      }
      // A caller of handle() gets the events as objects.
      const page = await call('GetWorkflowExecutionHistory', { domain: 'd', execution: { workflowId: 'w', runId } });
      expect((page.events as Event[]).map((e) => e.eventType)).toEqual([
        'WorkflowExecutionStarted',
        'DecisionTaskScheduled',
        'WorkflowExecutionSignaled',
        'DecisionTaskStarted',
      ]);
      expect(JSON.stringify(page)).toBe(toWireJson(page));
    } finally {
      service.close();
    }
  });
});
