import { MAX_PAYLOAD_LENGTH, ValidationError } from '@swf-flow/common';

const FORBIDDEN_NAME = /[:/|\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks an SWF name or id (domain, task list, workflow id, signal name): 1–`max` characters, no
 * `:`, `/`, `|` or control characters, no surrounding whitespace, not the literal `arn`.
 */
export function checkSwfName(value: unknown, what: string, max = 256): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ValidationError(`${what} is required and must be a non-empty string; got ${JSON.stringify(value)}`);
  }
  if (value.length > max)
    throw new ValidationError(`${what} is ${value.length} characters long; SWF allows at most ${max}`);
  if (FORBIDDEN_NAME.test(value) || value.trim() !== value || value === 'arn') {
    throw new ValidationError(
      `${what} '${value}' is not valid for SWF: it must not contain ':', '/', '|' or control characters, start or end with whitespace, or be 'arn'`,
    );
  }
  return value;
}

/** Checks a payload (input, result, details) against SWF's 32,768-character limit. */
export function checkPayload(payload: string | undefined, what: string): string | undefined {
  if (payload !== undefined && payload.length > MAX_PAYLOAD_LENGTH) {
    throw new ValidationError(
      `${what} is ${payload.length} characters once serialized; SWF allows at most ${MAX_PAYLOAD_LENGTH}`,
    );
  }
  return payload;
}
