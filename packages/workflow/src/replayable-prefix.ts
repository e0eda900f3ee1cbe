/**
 * How much of a history read so far can be replayed before the rest arrives (the executor's
 * `processPages`). A batch ending at a DecisionTaskStarted is replayed with what the history shows
 * after it: whether that task completed or timed out (is it replaying?), and the markers its
 * decisions recorded (`patched()`, `sideEffect()`), which are recorded after the
 * DecisionTaskCompleted that completes it — or, for a task that timed out, the next one that
 * completes. All of that has arrived once a DecisionTaskCompleted of that task or a later one, and
 * a DecisionTaskStarted after it (every event the completion recorded comes before the next task
 * starts), have.
 */
import type { HistoryEvent } from '@swf-flow/common';

/**
 * The number of leading events of `pending` (events received, not applied yet, starting at an
 * event 1 or right after a DecisionTaskStarted) that can be applied now: up to and including the
 * last DecisionTaskStarted that a DecisionTaskCompleted and then another DecisionTaskStarted
 * follow. 0 when none can.
 */
export function replayablePrefix(pending: readonly HistoryEvent[]): number {
  let i = pending.length - 1;
  while (i >= 0 && pending[i]?.eventType !== 'DecisionTaskStarted') i--;
  while (i >= 0 && pending[i]?.eventType !== 'DecisionTaskCompleted') i--;
  while (i >= 0 && pending[i]?.eventType !== 'DecisionTaskStarted') i--;
  return i + 1;
}
