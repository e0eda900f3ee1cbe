// The real Amazon SWF histories of fixtures/swf-real (recorded by simpleflow), written the ways
// other clients write a history, replayed with replayHistory against their TypeScript ports: the
// shapes that are SWF's own JSON (AWS CLI v1 and v2, boto3 dumped with json.dumps(default=str)
// and its ResponseMetadata, a PollForDecisionTask response, the JavaScript SDK v2, Java's SDK
// through Jackson with a null for every other attribute, newest first with --reverse-order) replay
// to the same outcome, from the text and from the parsed object; shapes that are not SWF's JSON
// (PascalCase members of aws-sdk-go and the .NET SDK, a Temporal or Cadence history, a Python
// repr, one page of several) are refused with an error that says what the history is and what to do.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayHistory, type WorkflowFunction } from '@swf-flow/testing';
import { cancelRequested, signalsParallelActivities, timersAndCancelTimer } from './simpleflow-ports.js';

type Json = Record<string, any>;
const dir = fileURLToPath(new URL('./fixtures/swf-real/', import.meta.url));

const PORTS: [string, WorkflowFunction, string][] = [
  ['simpleflow_timers_and_cancel_timer.json', timersAndCancelTimer, 'COMPLETED'],
  ['simpleflow_signals_parallel_activities.json', signalsParallelActivities, 'COMPLETED'],
  ['simpleflow_cancel_requested.json', cancelRequested, 'CANCELED'],
];

/** The history with each event's timestamp (epoch seconds as SWF sent it) written by `fn`. */
const stamped = (h: Json, fn: (d: Date) => unknown): Json => ({
  ...h,
  events: (h.events as Json[]).map((e) => ({
    ...e,
    eventTimestamp: fn(new Date(Math.round(e.eventTimestamp * 1000))),
  })),
});
const micro = (d: Date): string => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000');
/** The same instant written with an offset of `hours` (the AWS CLI v2 and boto3 write the machine's zone). */
const inZone = (d: Date, hours: number): string => {
  const local = new Date(d.getTime() + hours * 3_600_000).toISOString().replace('Z', '');
  return `${local}000${hours >= 0 ? '+' : '-'}${String(Math.abs(hours)).padStart(2, '0')}:00`;
};
const pascal = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(pascal)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.charAt(0).toUpperCase() + k.slice(1), pascal(x)]))
      : v;
const ATTRIBUTE_KEYS = [
  'workflowExecutionStartedEventAttributes',
  'activityTaskScheduledEventAttributes',
  'timerFiredEventAttributes',
  'workflowExecutionSignaledEventAttributes',
];

/** The history's pages of `size` events, each but the last with its page token, as `extra` writes each page. */
const paged = (h: Json, size: number, extra: (page: Json) => Json = (p) => p): Json[] => {
  const events = h.events as Json[];
  const pages: Json[] = [];
  for (let i = 0; i < events.length; i += size) {
    const page: Json = { events: events.slice(i, i + size) };
    if (i + size < events.length) page.nextPageToken = `token-${i + size}`;
    pages.push(extra(page));
  }
  return pages;
};

/** Shapes that are SWF's JSON, written by another client: they replay as the original does. */
const ACCEPTED: [string, (h: Json) => unknown][] = [
  ['AWS CLI v1 / the API (epoch seconds)', (h) => h],
  ['AWS CLI v2 (ISO-8601, microseconds, +00:00)', (h) => stamped(h, (d) => micro(d).replace('Z', '+00:00'))],
  ['AWS CLI v2 on a machine at UTC+02:00', (h) => stamped(h, (d) => inZone(d, 2))],
  ['AWS CLI v2 on a machine at UTC-05:00', (h) => stamped(h, (d) => inZone(d, -5))],
  [
    'boto3, json.dumps(response, default=str), with its ResponseMetadata',
    (h) => ({
      ...stamped(h, (d) => micro(d).replace('T', ' ').replace('Z', '+00:00')),
      ResponseMetadata: { RequestId: 'r-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 },
    }),
  ],
  [
    'an older boto3 (naive datetimes in UTC, no zone)',
    (h) => stamped(h, (d) => micro(d).replace('T', ' ').replace('Z', '')),
  ],
  [
    'a PollForDecisionTask response (taskToken, startedEventId, previousStartedEventId, workflowExecution)',
    (h) => ({
      taskToken: 'AAAA-token',
      startedEventId: (h.events as Json[]).length,
      previousStartedEventId: 0,
      workflowExecution: { workflowId: 'test-simpleflow-workflow', runId: 'run' },
      workflowType: { name: 'example', version: 'example' },
      ...h,
    }),
  ],
  ['the JavaScript SDK v2, JSON.stringify (ISO-8601, Z)', (h) => stamped(h, (d) => d.toISOString())],
  [
    "Java's SDK through Jackson (epoch milliseconds, null for every other attribute)",
    (h) => ({
      events: (h.events as Json[]).map((e) => ({
        ...Object.fromEntries(ATTRIBUTE_KEYS.map((k) => [k, null])),
        ...e,
        eventTimestamp: Math.round(e.eventTimestamp * 1000),
      })),
    }),
  ],
  ['newest first (--reverse-order)', (h) => ({ events: [...(h.events as Json[])].reverse() })],
  ['a bare array of events', (h) => h.events],
  [
    "the JavaScript SDK v3 paginator's pages collected in an array, JSON.stringify ($metadata, ISO-8601)",
    (h) =>
      paged(
        stamped(h, (d) => d.toISOString()),
        4,
        (p) => ({
          $metadata: { httpStatusCode: 200, requestId: 'r-1', attempts: 1, totalRetryDelay: 0 },
          ...p,
        }),
      ),
  ],
  [
    "boto3's paginator pages in a list, json.dumps(list(pages), default=str)",
    (h) =>
      paged(
        stamped(h, (d) => micro(d).replace('T', ' ').replace('Z', '+00:00')),
        5,
        ({ nextPageToken, ...p }) => ({
          ...p,
          ...(nextPageToken === undefined ? {} : { nextPageToken }),
          ResponseMetadata: { RequestId: 'r-1', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 },
        }),
      ),
  ],
  ['one page in an array (a list of pages, all in one)', (h) => [{ events: h.events }]],
];

/** Shapes that are not SWF's JSON: refused, saying what the history is and what to do. */
const REFUSED: [string, (h: Json, text: string) => unknown, RegExp][] = [
  [
    'aws-sdk-go or the .NET SDK serialized (PascalCase members)',
    (h) => pascal(h),
    /PascalCase .*\(Events, EventId, EventType, \.\.\.\).*aws-sdk-go.*\.NET.*camelCase.*aws swf get-workflow-execution-history/s,
  ],
  [
    'a bare array of PascalCase events',
    (h) => pascal(h.events),
    /PascalCase .*aws-sdk-go.*aws swf get-workflow-execution-history/s,
  ],
  [
    'a Temporal or Cadence history (eventTime, taskQueue)',
    (h) => ({
      events: (h.events as Json[]).map(({ eventTimestamp, ...e }) => ({
        ...e,
        eventId: String(e.eventId),
        eventTime: new Date(eventTimestamp * 1000).toISOString(),
      })),
    }),
    /eventTimestamp is missing and the event has an eventTime: this looks like a Temporal or Cadence history.*Amazon SWF/s,
  ],
  [
    'a Python repr of a boto3 response (print(response))',
    (_h, text) => text.replace(/"/g, "'").replace(/(\d\.\d+E9)/g, 'datetime.datetime(2017, 4, 17, 15, 46, 1)'),
    /Python.*json\.dumps\(response, default=str\)/s,
  ],
  [
    'pages merged with one left out',
    (h) => ({ events: [...(h.events as Json[]).slice(0, 4), ...(h.events as Json[]).slice(6)] }),
    /expected event 5 next, got 7 \(events 5 to 6 are missing: a page left out, or the history edited\?\)\. Fetch the whole history again/,
  ],
  [
    'pages merged with one twice',
    (h) => ({ events: [...(h.events as Json[]).slice(0, 6), ...(h.events as Json[]).slice(4)] }),
    /expected event \d+ next, got 5 \(event 5 comes again: pages joined twice, or the history edited\?\)\. Fetch the whole history again/,
  ],
  [
    'an array of pages that stops before the last',
    (h) => paged(h, 4).slice(0, 2),
    /one page of 8 events of a longer one/,
  ],
  [
    'an array of pages with one twice',
    (h) => {
      const pages = paged(h, 4);
      return [pages[0], pages[0], ...pages.slice(1)];
    },
    /holds \d+ pages, and event 1 occurs in more than one: .*each page once/,
  ],
  [
    'one page of a paged history (--no-paginate, or the API with a nextPageToken)',
    (h) => ({ ...h, events: (h.events as Json[]).slice(0, 5), nextPageToken: 'AAAA' }),
    /one page of 5 events of a longer one/,
  ],
];

describe('real SWF histories written the ways other clients write them', () => {
  const table = PORTS.flatMap(([file, workflow, status]) =>
    ACCEPTED.map(([shape, write]) => ({ file, workflow, status, shape, write })),
  );
  it.each(table)('$file as $shape replays as recorded', async ({ file, workflow, status, write }) => {
    const original = JSON.parse(readFileSync(dir + file, 'utf8')) as Json;
    const written = write(original);
    for (const input of [JSON.stringify(written), written]) {
      const out = await replayHistory(input as never, workflow);
      expect(out.status).toBe(status);
      expect(out.decisions).toEqual([]);
    }
  });

  const refused = PORTS.slice(0, 1).flatMap(([file, workflow]) =>
    REFUSED.map(([shape, write, message]) => ({ file, workflow, shape, write, message })),
  );
  it.each(refused)('$file as $shape is refused, saying what to do', async ({ file, workflow, write, message }) => {
    const text = readFileSync(dir + file, 'utf8');
    const written = write(JSON.parse(text) as Json, text);
    const inputs = typeof written === 'string' ? [written] : [JSON.stringify(written), written];
    for (const input of inputs) {
      const err = await replayHistory(input as never, workflow).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String(err)).toMatch(message);
    }
  });
});
