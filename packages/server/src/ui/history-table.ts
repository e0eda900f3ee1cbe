/**
 * A run's history as a table: event id, time, type and the event's attributes, compactly. Long
 * values (inputs, results, details) are cut short with the full, pretty-printed value in a
 * `<details>`; attributes that name another run (parent, child, continued-as-new) link to it.
 */
import { type Html, html, formatTime, prettyJson } from './html.js';
import { executionHref } from './links.js';
import type { HistoryEvent } from '../model/wire-types.js';

/** Values longer than this are truncated in the table (the full value is one click away). */
export const SHORT_VALUE_CHARS = 120;

/** The run the table belongs to (for links to other runs of the same workflow id). */
export interface HistoryOwner {
  domain: string;
  workflowId: string;
  runId: string;
}

function isRun(value: unknown): value is { workflowId: string; runId: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.workflowId === 'string' && typeof v.runId === 'string';
}

function isNameVersion(value: unknown): value is { name: string; version: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Object.keys(v).length === 2 && typeof v.name === 'string' && typeof v.version === 'string';
}

function isNameOnly(value: unknown): value is { name: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    typeof (value as { name?: unknown }).name === 'string'
  );
}

/** A value cut to {@link SHORT_VALUE_CHARS}; when cut, the full value (pretty JSON if it is JSON) in a `<details>`. */
export function shortValue(text: string): Html {
  if (text.length <= SHORT_VALUE_CHARS && !text.includes('\n')) return html`<code>${text}</code>`;
  const cut = text.replace(/\s+/g, ' ').slice(0, SHORT_VALUE_CHARS);
  return html`<details><summary><code>${cut}</code>… <span class="muted">(${text.length} chars)</span></summary><pre>${prettyJson(text)}</pre></details>`;
}

function attributeValue(owner: HistoryOwner, key: string, value: unknown): Html {
  if (isRun(value)) {
    const href = executionHref(owner.domain, value.workflowId, value.runId);
    return html`<a href="${href}">${value.workflowId}</a> <span class="muted">run</span> <a href="${href}"><code>${value.runId}</code></a>`;
  }
  if ((key === 'continuedExecutionRunId' || key === 'newExecutionRunId') && typeof value === 'string') {
    return html`<a href="${executionHref(owner.domain, owner.workflowId, value)}"><code>${value}</code></a>`;
  }
  if (isNameVersion(value)) return html`${value.name} <span class="muted">${value.version}</span>`;
  if (isNameOnly(value)) return html`${value.name}`;
  if (typeof value === 'string') return shortValue(value);
  if (typeof value === 'number' || typeof value === 'boolean') return html`${String(value)}`;
  return shortValue(JSON.stringify(value));
}

/** The attributes object of an event (the one member named `...EventAttributes`), or `{}`. */
export function eventAttributes(event: HistoryEvent): Record<string, unknown> {
  const key = Object.keys(event).find((k) => k.endsWith('EventAttributes'));
  // An event carries one attributes member, named by its type: read it by name.
  const attrs = key ? (event as unknown as Record<string, unknown>)[key] : undefined;
  return typeof attrs === 'object' && attrs !== null ? (attrs as Record<string, unknown>) : {};
}

function typeClass(eventType: string): string {
  if (/(Failed|TimedOut|Terminated|Canceled)$/.test(eventType)) return 'ev-bad';
  if (/Completed$/.test(eventType) && eventType.startsWith('WorkflowExecution')) return 'ev-ok';
  return '';
}

/** The events' rows (in the order given): id (an anchor), time and offset from `start`, type, every attribute. */
export function historyRows(owner: HistoryOwner, events: readonly HistoryEvent[], start: number | undefined): Html {
  return html`${events.map((event) => {
    const attrs = Object.entries(eventAttributes(event)).map(
      ([k, v]) => html`<dt>${k}</dt><dd>${attributeValue(owner, k, v)}</dd>`,
    );
    const offset = typeof start === 'number' ? `+${(event.eventTimestamp - start).toFixed(3)} s` : '';
    return html`<tr id="event-${event.eventId}" data-event="${event.eventId}"><td><a href="#event-${event.eventId}">${event.eventId}</a></td>
<td>${formatTime(event.eventTimestamp)}<br><span class="muted">${offset}</span></td>
<td class="${typeClass(event.eventType)}">${event.eventType}</td><td><dl class="attrs">${attrs}</dl></td></tr>`;
  })}`;
}

/** Renders `events` as a table; `start` is the run's first event time (offsets are from it). */
export function historyTable(
  owner: HistoryOwner,
  events: readonly HistoryEvent[],
  start: number | undefined = events[0]?.eventTimestamp,
): Html {
  return html`<table class="history"><thead><tr><th>id</th><th>time</th><th>type</th><th>attributes</th></tr></thead><tbody>${historyRows(owner, events, start)}</tbody></table>`;
}
