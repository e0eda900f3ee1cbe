/**
 * The differential check of the paged replay: a history replayed whole (`processEvents`) and
 * streamed in pages (`processPages`) must answer the same at every decision task — the same
 * decisions, status, result or failure, and the same error (class, message, event id, location).
 */
import { expect } from 'vitest';
import type { HistoryEvent } from '@swf-flow/common';
import { WorkflowExecutor } from '@swf-flow/workflow';

/** The workflows a history replays against (what `WorkflowExecutor` takes). */
export type Workflows = ConstructorParameters<typeof WorkflowExecutor>[0]['workflows'];

/** The page sizes every history is streamed in; `Infinity` is one page holding the whole history. */
export const PAGE_SIZES = [1, 2, 3, 7, 64, Infinity] as const;

/** The page sizes also streamed with a macrotask between pages (a reader that waits for I/O). */
export const ASYNC_PAGE_SIZES = [1, 7] as const;

/** The page sizes also streamed with an empty page before each page and after the last (SWF may answer one, with a token). */
export const EMPTY_BETWEEN_SIZES = [3] as const;

/** How the pages arrive: at once, each a macrotask after the one before, or with empty pages between. */
export type PageDelivery = 'sync' | 'async' | 'empty-between';

/** An error as compared: its class, name, message and own fields (event id, location, ...), without the stack. */
function errorShape(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { thrown: String(err) };
  const shape: Record<string, unknown> = {
    class: err.constructor.name,
    name: err.name,
    message: err.message,
  };
  for (const [key, value] of Object.entries(err)) if (key !== 'stack') shape[key] = comparable(value);
  if (err.cause !== undefined) shape.cause = comparable(err.cause);
  return shape;
}

/**
 * A value as compared: errors as {@link errorShape}, and failure details (JSON that carries a
 * stack trace, whose frames name the replay's caller) without their `stack`.
 */
function comparable(value: unknown): unknown {
  if (value instanceof Error) return errorShape(value);
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'string' && value.startsWith('{') && value.includes('"stack"')) {
    try {
      return comparable(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'stack')
      .map(([k, v]) => [k, comparable(v)]),
  );
}

/** What a replay answered, in a form `toEqual` compares exactly. */
export type Outcome = { answer: unknown } | { error: Record<string, unknown> };

/** What `run` answered or threw, as compared. */
export async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { answer: comparable(await run()) };
  } catch (err) {
    return { error: errorShape(err) };
  }
}

/** What one replay is given. */
export interface ReplayInput {
  events: readonly HistoryEvent[];
  workflows: Workflows;
  execution?: { workflowId: string; runId: string } | undefined;
}

function executor(input: ReplayInput): WorkflowExecutor {
  return new WorkflowExecutor({
    workflows: input.workflows,
    ...(input.execution ? { execution: input.execution } : {}),
  });
}

/** The whole history at once. */
export function wholeOutcome(input: ReplayInput): Promise<Outcome> {
  return outcomeOf(() => executor(input).processEvents(input.events));
}

/** A macrotask: what a page read over the network lets happen between two pages. */
const nextMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The history streamed in pages of `size` events, delivered as `how` says (`async`: as pages read
 * from a file or over the network arrive, the worker's).
 */
export function pagedOutcome(input: ReplayInput, size: number, how: PageDelivery = 'sync'): Promise<Outcome> {
  const { events } = input;
  const step = Math.min(size, Math.max(events.length, 1));
  const slices = (): HistoryEvent[][] => {
    const out: HistoryEvent[][] = [];
    for (let i = 0; i < events.length; i += step) {
      if (how === 'empty-between') out.push([]);
      out.push(events.slice(i, i + step));
    }
    if (how === 'empty-between') out.push([]);
    return out;
  };
  return outcomeOf(() =>
    executor(input).processPages(
      how === 'async'
        ? async function* () {
            for (const page of slices()) {
              await nextMacrotask();
              yield page;
            }
          }
        : () => slices(),
    ),
  );
}

/** The history fed slice by slice, each ending at a DecisionTaskStarted, to one executor (the worker's cache, a run kept live). */
export function slicedOutcome(input: ReplayInput): Promise<Outcome> {
  const { events } = input;
  return outcomeOf(async () => {
    const ex = executor(input);
    let from = 0;
    let out: unknown;
    for (let i = 0; i < events.length; i++) {
      if (events[i]?.eventType !== 'DecisionTaskStarted' && i !== events.length - 1) continue;
      out = await ex.processEvents(events.slice(from, i + 1));
      from = i + 1;
    }
    return out as never;
  });
}

/** The history cut where each decision task starts (what that task's decider read), and whole. */
export function cuts(events: readonly HistoryEvent[]): (readonly HistoryEvent[])[] {
  const out: (readonly HistoryEvent[])[] = [];
  events.forEach((e, i) => {
    if (e.eventType === 'DecisionTaskStarted') out.push(events.slice(0, i + 1));
  });
  if (events.at(-1)?.eventType !== 'DecisionTaskStarted') out.push(events);
  return out;
}

/**
 * Asserts that every cut of the history answers the same whole and in pages of every size of
 * {@link PAGE_SIZES} (and of {@link ASYNC_PAGE_SIZES}, a macrotask apart, and of
 * {@link EMPTY_BETWEEN_SIZES}, with empty pages between); returns the whole history's outcome (for the caller to check it is the
 * expected one) and how many comparisons were made. `everyTask: false` compares the whole history
 * only (for a long one: every cut would cost the square of its length). `sliced` also feeds each
 * cut task by task to one executor, as the worker's cache does ({@link slicedOutcome}): only for a
 * history this code would have made (a live run decides its newest task with new code, e.g.
 * `patched()` is true there, so a history made by other code diverges by design), and errors
 * differ by design (a later call cannot locate what it was not given).
 */
export async function expectPagedAsWhole(
  input: ReplayInput,
  options: { everyTask?: boolean; sliced?: boolean } = {},
): Promise<{ outcome: Outcome; comparisons: number }> {
  let outcome: Outcome | undefined;
  let comparisons = 0;
  for (const events of options.everyTask === false ? [input.events] : cuts(input.events)) {
    const cut = { ...input, events };
    outcome = await wholeOutcome(cut);
    for (const size of PAGE_SIZES) {
      expect(await pagedOutcome(cut, size), `events 1..${events.length} in pages of ${size}`).toEqual(outcome);
      comparisons++;
    }
    for (const size of ASYNC_PAGE_SIZES) {
      const paged = await pagedOutcome(cut, size, 'async');
      expect(paged, `events 1..${events.length} in pages of ${size}, each a macrotask later`).toEqual(outcome);
      comparisons++;
    }
    if (options.sliced) {
      expect(await slicedOutcome(cut), `events 1..${events.length}, task by task`).toEqual(outcome);
      comparisons++;
    }
    for (const size of EMPTY_BETWEEN_SIZES) {
      const paged = await pagedOutcome(cut, size, 'empty-between');
      expect(paged, `events 1..${events.length} in pages of ${size}, empty pages between`).toEqual(outcome);
      comparisons++;
    }
  }
  if (!outcome) throw new Error('no history to compare');
  return { outcome, comparisons };
}
