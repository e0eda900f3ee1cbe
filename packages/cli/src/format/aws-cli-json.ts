/**
 * JSON as the AWS CLI prints SWF responses: 4-space indented, timestamps in epoch seconds
 * (`1700000200.0`). `historyJson` gives what `aws swf get-workflow-execution-history` prints —
 * `{"events": [...]}` — which, saved to a file, is a replay fixture.
 */
import type { HistoryEvent } from '@swf-flow/common';

function epochSeconds(date: Date): string {
  const text = String(date.getTime() / 1000);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

function print(value: unknown, indent: string): string | undefined {
  if (value instanceof Date) return epochSeconds(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value); // undefined for undefined/functions
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${print(v, inner) ?? 'null'}`).join(',\n')}\n${indent}]`;
  }
  const fields = Object.entries(value).flatMap(([k, v]) => {
    const text = print(v, inner);
    return text === undefined ? [] : [`${inner}${JSON.stringify(k)}: ${text}`];
  });
  return fields.length === 0 ? '{}' : `{\n${fields.join(',\n')}\n${indent}}`;
}

/** `value` as the AWS CLI prints it (dates as epoch seconds), with a trailing newline. */
export function awsCliJson(value: unknown): string {
  return `${print(value, '') ?? 'null'}\n`;
}

/** The history as `aws swf get-workflow-execution-history` prints it. */
export function historyJson(events: readonly HistoryEvent[]): string {
  return awsCliJson({ events });
}

/** `value` on one line (JSON Lines), dates as epoch seconds as in {@link awsCliJson}. */
export function awsCliJsonLine(value: unknown): string {
  return `${JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  })}\n`;
}
