/** The checks of replayHistory's and replayHistories' arguments: the order of history and code, and options of keys they know. */
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

/**
 * Throws when the history and the workflow code were passed the other way round
 * (`replayHistory(workflow, history)`, as some SDKs order them): the history's loader would
 * otherwise only say that a function is not a history.
 *
 * @param where - the function, for the message, e.g. `'replayHistory'`.
 * @throws ValidationError naming the order.
 */
export function checkArgumentOrder(history: unknown, workflow: unknown, where: string): void {
  const isCode = (value: unknown): boolean =>
    typeof value === 'function' ||
    (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'function'));
  if (!isCode(history)) return;
  const second = typeof workflow === 'function' ? 'a function too' : shownValue(workflow);
  throw new ValidationError(
    `${where}: the first argument is workflow code and the second ${second}; the history comes first: ${where}(history, workflow)`,
  );
}
