/** An activity's heartbeats to SWF, throttled, and the cancellation SWF reports back through them. */
import type { Logger } from '@swf-flow/common';

/** What a heartbeat call to SWF answers. */
export interface HeartbeatAnswer {
  cancelRequested: boolean;
}

/** What the {@link Heartbeater} needs. */
export interface HeartbeaterDeps {
  /** Sends one heartbeat (`RecordActivityTaskHeartbeat`). */
  send(details: string | undefined): Promise<HeartbeatAnswer>;
  /** Least time between two sends, in milliseconds. */
  throttleMs: number;
  /** SWF asked for the activity to be cancelled. */
  onCancelRequested(): void;
  /** SWF no longer knows the task (it timed out, or the execution closed). */
  onTaskGone(err: unknown): void;
  logger: Logger;
  now?: () => number;
}

function isUnknownResource(err: unknown): boolean {
  return (err as { name?: string })?.name === 'UnknownResourceFault';
}

/**
 * Throttles an activity's heartbeats: the first goes out at once, later ones at most every
 * `throttleMs` (calls in between are merged, the last details win).
 */
export class Heartbeater {
  private pending: { details: string | undefined } | undefined;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sending: Promise<void> | undefined;
  private stopped = false;
  private sent = 0;

  constructor(private readonly deps: HeartbeaterDeps) {}

  /** Records a heartbeat; it is sent now or when the throttle allows. */
  heartbeat(details: string | undefined): void {
    if (this.stopped) return;
    this.pending = { details };
    this.schedule();
  }

  /** Heartbeats sent to SWF so far. */
  get sentCount(): number {
    return this.sent;
  }

  /** Stops sending (pending heartbeats are dropped) and waits for a send in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.sending;
  }

  private schedule(): void {
    if (this.sending || this.timer || !this.pending || this.stopped) return;
    const now = this.deps.now?.() ?? Date.now();
    const wait = this.lastSentAt + this.deps.throttleMs - now;
    if (wait <= 0) {
      this.sending = this.sendNow().finally(() => {
        this.sending = undefined;
        this.schedule();
      });
    } else {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, wait);
    }
  }

  private async sendNow(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    this.lastSentAt = this.deps.now?.() ?? Date.now();
    try {
      const answer = await this.deps.send(pending.details);
      this.sent += 1;
      if (answer.cancelRequested) this.deps.onCancelRequested();
    } catch (err) {
      if (isUnknownResource(err)) {
        this.stopped = true;
        this.deps.onTaskGone(err);
      } else {
        this.deps.logger.warn('heartbeat failed; will send the next one', { error: String(err) });
      }
    }
  }
}
