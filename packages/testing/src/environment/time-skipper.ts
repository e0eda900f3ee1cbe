/**
 * Time skipping. The service runs on a `ManualClock`; while a workflow result is awaited, the
 * skipper checks at short real-time intervals whether anything can make progress — a task ready on
 * a task list that a running worker polls, a task a worker holds, a state-changing request on its
 * way — and when nothing can (twice in a row), moves the clock straight to the next deadline
 * (timer or timeout). `sleep` moves time by a given amount, deadline by deadline, letting the
 * workers react to each before going on.
 */
import type { Logger } from '@swf-flow/common';
import type { ManualClock } from '@swf-flow/server';
import type { OutstandingWork, TaskListWork } from '@swf-flow/server/embedding';

/** What the skipper reads and moves. */
export interface TimeSkipperDeps {
  clock: ManualClock;
  /** The service's outstanding tasks and next deadline. */
  work(): OutstandingWork;
  /** Whether a running worker polls this task list (ready tasks elsewhere wait for no one). */
  isServed(task: TaskListWork): boolean;
  /** State-changing requests on their way to the service. */
  writesInFlight(): number;
  /** Told when time has been held back for long (a task that a worker holds and never answers?). */
  logger: Logger;
  /**
   * Real time after which a result wait that cannot skip time logs a warning, in ms.
   * @default 10000
   */
  heldWarningMs?: number;
  /**
   * Real time between two checks for idleness, in ms.
   * @default 5
   */
  checkIntervalMs?: number;
  /**
   * Longest real time `sleep` waits for the workers to go idle before moving time anyway, in ms.
   * @default 2000
   */
  settleTimeoutMs?: number;
}

const realDelay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Skips time on a `ManualClock` when nothing can make progress. */
export class TimeSkipper {
  private awaiting = 0;
  private sleeping = 0;
  private loop: Promise<void> | undefined;
  private closed = false;
  private readonly checkIntervalMs: number;
  private readonly settleTimeoutMs: number;
  private readonly heldWarningMs: number;

  constructor(private readonly deps: TimeSkipperDeps) {
    this.checkIntervalMs = deps.checkIntervalMs ?? 5;
    this.settleTimeoutMs = deps.settleTimeoutMs ?? 2000;
    this.heldWarningMs = deps.heldWarningMs ?? 10_000;
  }

  /** True when no task is ready for a running worker, none is held and no write is on its way. */
  isIdle(): boolean {
    if (this.deps.writesInFlight() > 0) return false;
    return this.deps.work().tasks.every((t) => t.started === 0 && (t.ready === 0 || !this.deps.isServed(t)));
  }

  /** Runs `fn` (a wait for a result) with automatic time skipping on. */
  async whileAwaiting<T>(fn: () => Promise<T>): Promise<T> {
    this.awaiting += 1;
    this.loop ??= this.run()
      .catch(() => undefined) // the service went away (teardown): the awaited call fails on its own
      .finally(() => (this.loop = undefined));
    try {
      return await fn();
    } finally {
      this.awaiting -= 1;
    }
  }

  /**
   * Moves time forward by `ms`: to each deadline within it in turn (after the workers have gone
   * idle, or `settleTimeoutMs` passed), then to the end.
   */
  async sleep(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`sleep() takes a non-negative duration; got ${ms} ms`);
    const target = this.deps.clock.now() + ms;
    this.sleeping += 1;
    try {
      let stuck = 0;
      for (;;) {
        await this.settle();
        const next = this.deps.work().nextDeadline;
        // A deadline already due should fire at once; one that stays due (a broken engine) must not stop the sleep.
        stuck = next !== undefined && next <= this.deps.clock.now() ? stuck + 1 : 0;
        const to = next === undefined || next > target || stuck > 1 ? target : Math.max(next, this.deps.clock.now());
        this.advanceTo(to);
        if (to >= target) break;
      }
      await this.settle();
    } finally {
      this.sleeping -= 1;
    }
  }

  /** Stops skipping (teardown); pending waits end on their own. */
  close(): void {
    this.closed = true;
  }

  private warnHeld(): void {
    const held = this.deps
      .work()
      .tasks.filter((t) => t.started > 0 || (t.ready > 0 && this.deps.isServed(t)))
      .map((t) => `${t.kind} task list ${t.taskList}: ${t.started} started, ${t.ready} ready`);
    this.deps.logger.warn(
      `time skipping has been held back for ${Math.round(this.heldWarningMs / 1000)} s: ${held.join('; ') || 'requests in flight'}. ` +
        'A task that a worker took and will not answer (an activity completed elsewhere, a stuck activity) holds time until it is answered; env.sleep() moves time regardless.',
    );
  }

  private advanceTo(at: number): void {
    const ms = at - this.deps.clock.now();
    this.deps.clock.advance(Math.max(0, ms));
  }

  /** Waits (in real time) until idle twice in a row, or `settleTimeoutMs`. */
  private async settle(): Promise<void> {
    const giveUp = Date.now() + this.settleTimeoutMs;
    let idleChecks = 0;
    while (idleChecks < 2 && Date.now() < giveUp && !this.closed) {
      await realDelay(this.checkIntervalMs);
      idleChecks = this.isIdle() ? idleChecks + 1 : 0;
    }
  }

  private async run(): Promise<void> {
    let idleChecks = 0;
    let busySince = Date.now();
    let warned = false;
    while (this.awaiting > 0 && !this.closed) {
      await realDelay(this.checkIntervalMs);
      if (this.sleeping > 0 || this.closed) continue;
      idleChecks = this.isIdle() ? idleChecks + 1 : 0;
      if (idleChecks > 0) {
        busySince = Date.now();
        warned = false;
      } else if (!warned && Date.now() - busySince > this.heldWarningMs) {
        warned = true;
        this.warnHeld();
      }
      if (idleChecks < 2) continue;
      idleChecks = 0;
      const next = this.deps.work().nextDeadline;
      if (next !== undefined) this.advanceTo(next);
    }
  }
}
