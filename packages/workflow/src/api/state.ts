/** `setExecutionState()`: publish workflow state to the decision's executionContext. */
import { MAX_PAYLOAD_LENGTH, ValidationError } from '@swf-flow/common';
import { currentStore } from '../runtime/storage.js';

/**
 * Publishes a value as the execution's state: it is serialized with the data converter and sent as
 * `executionContext` with every decision-task completion, so DescribeWorkflowExecution's
 * `latestExecutionContext` shows it even when no decider runs (like Flow's `@GetState`).
 * `undefined` clears it.
 *
 * @throws ValidationError when the serialized value exceeds 32,768 characters.
 * @example
 * ```ts
 * setExecutionState({ stage: 'charging', attempt: 2 });
 * ```
 */
export function setExecutionState(value: unknown): void {
  const rt = currentStore('setExecutionState()').runtime;
  const payload = rt.converter.toPayload(value);
  if (payload !== undefined && payload.length > MAX_PAYLOAD_LENGTH) {
    throw new ValidationError(
      `setExecutionState: the state is ${payload.length} characters once serialized; SWF allows ${MAX_PAYLOAD_LENGTH}: publish a smaller summary`,
    );
  }
  rt.setExecutionContext(payload);
}
