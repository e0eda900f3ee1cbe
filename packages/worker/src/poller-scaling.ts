/**
 * How many long polls of one kind a worker keeps open per task list, and how that number moves.
 *
 * A fixed number keeps exactly that many. Bounds (the default) scale between `minimum` and
 * `maximum`, starting at `initial`, from what the polls themselves say (SWF gives no backlog
 * figure): a poll answered with a task opens one more poll, since tasks are flowing and another
 * poll may find the next one waiting; a poll that came back empty (SWF's 60 s passed with no task)
 * closes, down to `minimum`. So an idle worker keeps few polls, and a busy one as many as help:
 * with tasks waiting, more polls let more requests share the service's turns, commits and flushes
 * (BENCHMARKS.md "Polls that scale"). Temporal's SDKs scale their pollers the same way
 * (`PollerBehavior.autoscaling`), with the server's backlog hints on top.
 *
 * Across all of a worker's task lists, scaling up stops at {@link MAX_SCALED_POLLS} open polls: one
 * `SWFClient` opens at most 50 connections to the service (the SDK's `maxSockets`), and a poll
 * beyond what those leave for other requests would only wait for a connection.
 */
import { ValidationError, shownValue } from '@swf-flow/common';
import { checkInt } from './validate.js';

/** Bounds within which a worker scales its long polls of one kind, per task list. */
export interface PollerScaling {
  /** The fewest polls kept open (an idle worker's). 1–100. @default 1 */
  minimum?: number;
  /** Polls opened at start. `minimum`–`maximum`. @default 4 */
  initial?: number;
  /** The most polls kept open. `minimum`–100. @default 16 */
  maximum?: number;
}

/** A fixed number of long polls (1–100), or {@link PollerScaling} bounds to scale within. */
export type Pollers = number | PollerScaling;

/** {@link Pollers} with every default applied and every value checked; a fixed number is all three. */
export interface PollerBounds {
  minimum: number;
  initial: number;
  maximum: number;
}

/** The default of `decisionPollers` and `activityPollers`. */
export const DEFAULT_POLLER_SCALING: Readonly<Required<PollerScaling>> = { minimum: 1, initial: 4, maximum: 16 };

/**
 * The most long polls a worker scales up to across its task lists (its `SWFClient`'s 50
 * connections less a fifth, which swf-flow's HTTP handler keeps for other requests). Polls a worker
 * is configured to open (a fixed number, or `initial`) are opened whatever this says.
 */
export const MAX_SCALED_POLLS = 40;

const KEYS = new Set(['minimum', 'initial', 'maximum']);

/**
 * Checks a `decisionPollers` / `activityPollers` option and returns its bounds.
 * @param name - the option's name, for errors.
 * @throws ValidationError naming what is wrong and what is expected.
 */
export function compilePollers(value: unknown, name: string): PollerBounds {
  if (value === undefined) return { ...DEFAULT_POLLER_SCALING };
  if (typeof value !== 'object' || value === null) {
    const n = checkInt(value, name, 1, 100);
    return { minimum: n, initial: n, maximum: n };
  }
  if (Array.isArray(value))
    throw new ValidationError(
      `${name} must be a number of polls (1 to 100) or { minimum, initial, maximum }; got ${shownValue(value)}`,
    );
  const unknown = Object.keys(value).filter((k) => !KEYS.has(k));
  if (unknown.length > 0)
    throw new ValidationError(
      `${name} has unknown key(s) ${unknown.join(', ')}; it takes minimum, initial and maximum (each optional)`,
    );
  const given = value as PollerScaling;
  const minimum = checkInt(given.minimum ?? DEFAULT_POLLER_SCALING.minimum, `${name}.minimum`, 1, 100);
  const maximum = checkInt(
    given.maximum ?? Math.max(DEFAULT_POLLER_SCALING.maximum, minimum),
    `${name}.maximum`,
    minimum,
    100,
  );
  const initial = checkInt(
    given.initial ?? Math.min(Math.max(DEFAULT_POLLER_SCALING.initial, minimum), maximum),
    `${name}.initial`,
    minimum,
    maximum,
  );
  return { minimum, initial, maximum };
}

/** Counts the pollers of one poll loop (each keeps one long poll open at a time). */
export interface PollerCounter {
  /** Counts a poller started whatever the cap (a configured one). */
  open(): void;
  /** Counts a poller started by scaling up, if the cap allows; whether it was. */
  tryOpen(): boolean;
  /** Counts a poller stopped. */
  close(): void;
}

/**
 * A worker's pollers across its poll loops: each loop counts its own through a {@link share} and
 * scales up only while fewer than `cap` pollers run in all.
 */
export class PollBudget {
  private running = 0;

  /** @param cap - the most pollers scaling up may reach across the loops. */
  constructor(readonly cap: number = MAX_SCALED_POLLS) {}

  /** A counter for one loop (or one kind of loops): counted in this budget and on its own `size`. */
  share(): PollerCounter & { readonly size: number } {
    const budget = this;
    let size = 0;
    return {
      open() {
        budget.running += 1;
        size += 1;
      },
      tryOpen() {
        if (budget.running >= budget.cap) return false;
        budget.running += 1;
        size += 1;
        return true;
      },
      close() {
        budget.running -= 1;
        size -= 1;
      },
      get size() {
        return size;
      },
    };
  }

  /** Pollers running now, across the loops. */
  get size(): number {
    return this.running;
  }
}
