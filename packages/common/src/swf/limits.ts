/**
 * SWF's length and range limits that more than one package checks before a request (the API
 * model, `swf/service-2.json`, is the source of each number).
 */

/** The longest SWF name or id: domain, task list, type name, workflow/activity/timer id, signal name. */
export const MAX_NAME_LENGTH = 256;
/** SWF's limit on a failure `reason` and a terminate reason. */
export const MAX_REASON_LENGTH = 256;
/** SWF's limit on payloads: `input`, `result`, `details`, `control`, `executionContext`. */
export const MAX_PAYLOAD_LENGTH = 32_768;
/** The longest description of a registered domain or type. */
export const MAX_DESCRIPTION_LENGTH = 1024;
/** The longest task token SWF hands out. */
export const MAX_TASK_TOKEN_LENGTH = 1024;
/** How many tags an execution may carry. */
export const MAX_TAGS = 5;
/** The longest SWF timeout, in seconds: timeouts travel as strings of at most 8 digits (about 3.17 years). */
export const MAX_TIMEOUT_SECONDS = 99_999_999;
/** The lowest task priority (Java's `Integer.MIN_VALUE`). */
export const MIN_TASK_PRIORITY = -2147483648;
/** The highest task priority (Java's `Integer.MAX_VALUE`). */
export const MAX_TASK_PRIORITY = 2147483647;
