import { describe, expect, it } from 'vitest';
import {
  fullHistoryPages,
  HistoryReadError,
  newEventsOnPage,
  readFullHistory,
  readNewEvents,
} from './history-reader.js';
import { decisionTask, makeHistory, pagedSource } from './testing/fake-history.js';

const asTask = (events: ReturnType<typeof makeHistory>, pageSize: number) => {
  const t = decisionTask(events, pageSize);
  return {
    execution: t.workflowExecution,
    startedEventId: t.startedEventId,
    firstPage: { events: t.events, nextPageToken: t.nextPageToken },
  };
};

describe('fullHistoryPages', () => {
  const ids = (page: { eventId?: number }[]): [number | undefined, number | undefined, number] => [
    page[0]?.eventId,
    page.at(-1)?.eventId,
    page.length,
  ];

  it('yields the forward pages one at a time, each read only when the one before was taken, then the polled page', async () => {
    const events = makeHistory(2500);
    const source = pagedSource(events);
    const pages = fullHistoryPages(asTask(events, 25), source);
    const seen: [number | undefined, number | undefined, number][] = [];
    const callsAtEach: number[] = [];
    for await (const page of pages) {
      seen.push(ids(page));
      callsAtEach.push(source.calls);
    }
    expect(seen).toEqual([
      [1, 1000, 1000],
      [1001, 2000, 1000],
      [2001, 2475, 475],
      [2476, 2500, 25],
    ]);
    expect(callsAtEach).toEqual([1, 2, 3, 3]);
  });

  it('reads the history anew on each call', async () => {
    const events = makeHistory(1200);
    const source = pagedSource(events);
    const task = asTask(events, 10);
    for (let round = 1; round <= 2; round++) {
      let count = 0;
      for await (const page of fullHistoryPages(task, source)) count += page.length;
      expect(count).toBe(1200);
      expect(source.calls).toBe(2 * round);
    }
  });

  it('stops at the page that shows a missing event, naming it as readFullHistory does', async () => {
    const events = makeHistory(2500).filter((e) => e.eventId !== 1500);
    const task = { ...asTask(makeHistory(2500), 25) };
    const source = pagedSource(events);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const page of fullHistoryPages(task, source)) seen.push(page.length);
      })(),
    ).rejects.toThrow(new HistoryReadError('history event 1500 is missing (read events 1..2500)'));
    expect(seen).toEqual([1000]);
    await expect(readFullHistory(task, pagedSource(events))).rejects.toThrow(
      'history event 1500 is missing (read events 1..2500)',
    );
  });
});

describe('readFullHistory', () => {
  it('uses the polled page alone when it holds the whole history', async () => {
    const events = makeHistory(20);
    const source = pagedSource(events);
    const read = await readFullHistory(asTask(events, 100), source);
    expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect(source.calls).toBe(0);
  });

  it('reads older events forward until it meets the polled page', async () => {
    const events = makeHistory(2500);
    const source = pagedSource(events);
    const read = await readFullHistory(asTask(events, 100), source);
    expect(read).toHaveLength(2500);
    expect(read[0]?.eventId).toBe(1);
    expect(read[2499]?.eventId).toBe(2500);
    expect(source.calls).toBe(3);
  });

  it('ignores events after the task started', async () => {
    const events = makeHistory(30);
    const task = asTask(events, 100);
    task.startedEventId = 25;
    const read = await readFullHistory(task, pagedSource(events));
    expect(read.map((e) => e.eventId)).toEqual(events.slice(0, 25).map((e) => e.eventId));
  });

  it('reads the older events of a page polled from the previous DecisionTaskStarted (no page token)', async () => {
    const events = makeHistory(40);
    const source = pagedSource(events);
    // startAtPreviousStartedEvent: the events from the previous DecisionTaskStarted (35) on, all of them
    const task = { ...asTask(events, 100), firstPage: { events: [...events].reverse().slice(0, 6) } };
    const read = await readFullHistory(task, source);
    expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect(source.calls).toBe(1);
  });
});

describe('readNewEvents', () => {
  it('reads only the newest page when the new events fit in it', async () => {
    const events = makeHistory(1000);
    const source = pagedSource(events);
    const read = await readNewEvents(asTask(events, 10), 995, source, 10);
    expect(read.map((e) => e.eventId)).toEqual([996, 997, 998, 999, 1000]);
    expect(source.calls).toBe(0);
  });

  it('pages newest first and stops as soon as it reaches the cached event', async () => {
    const events = makeHistory(1000);
    const source = pagedSource(events);
    const read = await readNewEvents(asTask(events, 10), 970, source, 10);
    expect(read.map((e) => e.eventId)).toEqual(events.slice(970).map((e) => e.eventId));
    expect(source.calls).toBe(3);
    expect(source.eventsRead).toBe(30);
  });

  it('needs nothing more than a page polled from the previous DecisionTaskStarted', async () => {
    const events = makeHistory(40);
    const source = pagedSource(events);
    const task = { ...asTask(events, 100), firstPage: { events: [...events].reverse().slice(0, 6) } };
    const read = await readNewEvents(task, 35, source, 10);
    expect(read.map((e) => e.eventId)).toEqual([36, 37, 38, 39, 40]);
    expect(source.calls).toBe(0);
  });

  it('pages on when the polled page starts later than the cached event, even without a page token', async () => {
    const events = makeHistory(40);
    const source = pagedSource(events);
    // a page holding only the task's own DecisionTaskStarted
    const task = { ...asTask(events, 100), firstPage: { events: [events[39] as (typeof events)[number]] } };
    const read = await readNewEvents(task, 35, source, 10);
    expect(read.map((e) => e.eventId)).toEqual([36, 37, 38, 39, 40]);
    expect(source.calls).toBe(1);
  });

  it('reports a gap instead of returning a broken history', async () => {
    const events = makeHistory(50).filter((e) => e.eventId !== 48);
    const task = asTask(events, 100);
    task.startedEventId = 50;
    await expect(readNewEvents(task, 45, pagedSource(events), 10)).rejects.toBeInstanceOf(HistoryReadError);
  });
});

describe('newEventsOnPage', () => {
  it('gives the new events at once when the polled page reaches back to the cached event', () => {
    const events = makeHistory(40);
    const task = { ...asTask(events, 100), firstPage: { events: [...events].reverse().slice(0, 6) } };
    expect(newEventsOnPage(task, 35)?.map((e) => e.eventId)).toEqual([36, 37, 38, 39, 40]);
    expect(newEventsOnPage(task, 40)).toEqual([]);
  });

  it('gives nothing when older pages must be read', () => {
    const events = makeHistory(40);
    const task = { ...asTask(events, 100), firstPage: { events: [events[39] as (typeof events)[number]] } };
    expect(newEventsOnPage(task, 35)).toBeUndefined();
  });

  it('reports a gap on the page', () => {
    const events = makeHistory(50).filter((e) => e.eventId !== 48);
    const task = asTask(events, 100);
    task.startedEventId = 50;
    expect(() => newEventsOnPage(task, 45)).toThrow(HistoryReadError);
  });

  it('reports a gap without making room for every id a far-off DecisionTaskStarted names', () => {
    const events = makeHistory(50);
    const task = asTask(events, 100);
    task.startedEventId = 2 ** 32 + 10; // a task the page cannot hold: the events after 50 are missing
    expect(() => newEventsOnPage(task, 45)).toThrow(HistoryReadError);
    expect(() => newEventsOnPage(task, 45)).toThrow('history event 51 is missing');
  });
});
