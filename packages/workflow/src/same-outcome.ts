/**
 * State that outlives a run. Every run of a workflow in a process shares the process's modules, so
 * a module-level variable, cache or singleton that workflow code writes is seen by the next run,
 * and by the next replay of the same run. swf-flow does not isolate module state per run (that
 * would need a bundler or a `node:vm` context per run and a new copy of every module for each run);
 * it detects it: the same history replayed twice in one process must decide the same. Replay tests
 * (`replayHistory`, `replayHistories`, `swf-flow replay`) replay every history twice; the worker
 * replays a run once more before it sends the decision that closes it (when the decision task
 * brought the whole history).
 */
import { DeterminismViolationError, NonDeterminismError } from '@swf-flow/common';
import type { ActivationResult } from '@swf-flow/common';

/** What {@link checkSameOutcome} compares: the parts of two replays' answers that must agree. */
export type ComparableOutcome = Pick<
  ActivationResult,
  'decisions' | 'result' | 'status' | 'failure' | 'freshSideEffects'
>;

const MAX_SHOWN = 300;

function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...` : text;
}

/** Drops `stack` properties: a stack trace names the caller of the replay, which differs by design. */
function withoutStacks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutStacks);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'stack')
      .map(([k, v]) => [k, withoutStacks(v)]),
  );
}

/** A decision as compared: failure details (JSON with stack traces) without their stacks. */
function comparable(decision: unknown): string {
  return JSON.stringify(decision, (key, value: unknown) => {
    if (key === 'details' && typeof value === 'string' && value.startsWith('{')) {
      try {
        return JSON.stringify(withoutStacks(JSON.parse(value)));
      } catch {
        return value;
      }
    }
    return value;
  });
}

function outcome(r: ComparableOutcome): Record<string, unknown> {
  return {
    status: r.status,
    decisions: r.decisions.map(comparable),
    ...(r.result === undefined ? {} : { result: r.result }),
    ...(r.failure instanceof Error
      ? { failure: `${r.failure.name}: ${r.failure.message}` }
      : r.failure === undefined
        ? {}
        : { failure: r.failure }),
  };
}

/** What differs between two outcomes, or `undefined` when they are the same. */
export function outcomeDifference(first: ComparableOutcome, second: ComparableOutcome): string | undefined {
  const a = outcome(first);
  const b = outcome(second);
  const da = a.decisions as string[];
  const db = b.decisions as string[];
  for (let i = 0; i < Math.max(da.length, db.length); i++) {
    if (da[i] !== db[i])
      return `decision ${i + 1} was ${show(first.decisions[i] ?? 'none')} the first time and ${show(second.decisions[i] ?? 'none')} the second`;
  }
  for (const key of ['status', 'result', 'failure']) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key]))
      return `the ${key} was ${show(a[key])} the first time and ${show(b[key])} the second`;
  }
  return undefined;
}

function stateError(workflow: string, difference: string, cause?: Error): DeterminismViolationError {
  return new DeterminismViolationError(
    `${workflow} decided differently when the same history was replayed again in this process: ${difference}. ` +
      'The code depends on state outside its history, most often a module-level variable, cache or singleton that runs share ' +
      "(every run in a process shares its modules, and a replay runs the code again). Keep a run's state inside the workflow " +
      'function (local variables, or objects it creates), read configuration once with sideEffect(fn), and do I/O in activities.',
    cause ? { cause } : undefined,
  );
}

/**
 * Throws a DeterminismViolationError when two replays of one history in this process decided
 * differently (unless a `sideEffect()` ran for real, whose values may differ by design).
 */
export function checkSameOutcome(first: ComparableOutcome, second: ComparableOutcome, workflow: string): void {
  if ((first.freshSideEffects ?? 0) > 0 || (second.freshSideEffects ?? 0) > 0) return;
  const difference = outcomeDifference(first, second);
  if (difference !== undefined) throw stateError(workflow, difference);
}

/**
 * Replays the history once more with `again` (a fresh executor) and checks that it decides what
 * `first` decided. A NonDeterminismError of the second replay (the first matched the same history
 * with the same code) is reported as state outside the run, with that error as the cause.
 */
export async function checkReplaysAgain(
  first: ComparableOutcome,
  again: () => Promise<ComparableOutcome>,
  workflow: string,
): Promise<void> {
  if ((first.freshSideEffects ?? 0) > 0) return;
  let second: ComparableOutcome;
  try {
    second = await again();
  } catch (err) {
    if (err instanceof NonDeterminismError) {
      throw stateError(
        workflow,
        `the first replay matched the history, the second did not (${err.message.split('\n')[0] ?? ''})`,
        err,
      );
    }
    throw err;
  }
  checkSameOutcome(first, second, workflow);
}
