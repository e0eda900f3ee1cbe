/** The check of replayHistory's and replayHistories' options: an object of keys they know. */
import { ValidationError, didYouMean, shownValue } from '@swf-flow/common';

/** The keys of `ReplayOptions`. */
const REPLAY_KEYS = ['dataConverter', 'logger', 'execution'] as const;

/**
 * Checks that `options` is an object of the keys `ReplayOptions` has (and `extra`): a key it does
 * not know would be dropped in silence (`{ runId }` seeded `Math.random()` from a placeholder run id).
 * @throws ValidationError naming the key, the key it most likely meant, and the keys there are.
 * @internal
 */
export function checkReplayOptions(options: unknown, where: string, extra: readonly string[] = []): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new ValidationError(
      `${where}: options must be an object like { execution: { workflowId, runId } }; got ${shownValue(options)}`,
    );
  const known: readonly string[] = [...REPLAY_KEYS, ...extra];
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const hint = key === 'runId' || key === 'workflowId' ? ' (a run id goes in execution: { workflowId, runId })' : '';
    throw new ValidationError(
      `${where}: unknown option '${key}'${hint ? '' : didYouMean(key, known, (name) => name)}; the options are ${known.join(', ')}${hint}`,
    );
  }
}
