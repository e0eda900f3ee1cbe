/** Checks of what the client sends SWF that common does not cover (payload sizes). */
import { MAX_PAYLOAD_LENGTH, ValidationError } from '@swf-flow/common';

/** Checks a payload (input, result, details) against SWF's 32,768-character limit. */
export function checkPayload(payload: string | undefined, what: string): string | undefined {
  if (payload !== undefined && payload.length > MAX_PAYLOAD_LENGTH) {
    throw new ValidationError(
      `${what} is ${payload.length} characters once serialized; SWF allows at most ${MAX_PAYLOAD_LENGTH}`,
    );
  }
  return payload;
}
