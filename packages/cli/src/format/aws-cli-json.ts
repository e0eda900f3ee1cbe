/**
 * JSON as the AWS CLI prints SWF responses: 4-space indented, timestamps in epoch seconds
 * (`1700000200.0`). `historyJson` gives what `aws swf get-workflow-execution-history` prints —
 * `{"events": [...]}` — which, saved to a file, is a replay fixture.
 */
import type { HistoryEvent } from '@swf-flow/common';

const MARK = '\u0001epoch:';

function epochSeconds(date: Date): string {
  const text = String(date.getTime() / 1000);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** `value` as the AWS CLI prints it (dates as epoch seconds), with a trailing newline. */
export function awsCliJson(value: unknown): string {
  const json = JSON.stringify(
    value,
    function replacer(this: Record<string, unknown>, key: string, v: unknown) {
      // JSON.stringify calls Date.toJSON before the replacer: read the original from the holder
      const original = this[key];
      return original instanceof Date ? `${MARK}${epochSeconds(original)}` : v;
    },
    4,
  );
  return `${json.replace(/"\\u0001epoch:([^"]+)"/g, '$1')}\n`;
}

/** The history as `aws swf get-workflow-execution-history` prints it. */
export function historyJson(events: readonly HistoryEvent[]): string {
  return awsCliJson({ events });
}
