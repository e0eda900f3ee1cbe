/**
 * The activity attempt id: a retry policy (in `@swf-flow/workflow`) schedules attempt n > 1 of an
 * activity or Lambda task under the first attempt's id with `#n` appended, and the worker reads the
 * attempt back from the id (`activityContext().info.attempt`). Formatted and parsed only here.
 */
import { MAX_NAME_LENGTH } from './limits.js';

const ATTEMPT_SUFFIX = /#(\d+)$/;

/**
 * The task id of attempt `attempt` (> 1): `baseId` with `#attempt` appended, `baseId` cut so that
 * the whole stays within SWF's 256 characters.
 *
 * @example
 * ```ts
 * attemptId('charge', 3); // 'charge#3'
 * ```
 */
export function attemptId(baseId: string, attempt: number): string {
  const suffix = `#${attempt}`;
  return baseId.slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
}

/**
 * The attempt number an activity id carries ({@link attemptId}), else 1.
 *
 * @example
 * ```ts
 * attemptOf('charge#3'); // 3
 * attemptOf('activity-3'); // 1
 * ```
 */
export function attemptOf(activityId: string): number {
  const match = ATTEMPT_SUFFIX.exec(activityId);
  return match ? Number(match[1]) : 1;
}
