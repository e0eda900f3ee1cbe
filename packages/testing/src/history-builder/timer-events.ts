/**
 * Timer events. A started timer stays open until it fires or is canceled; those events find it
 * by timer id, or take the most recent open one.
 */
import { toSwfTimeout, ValidationError, type Duration } from '@swf-flow/common';
import type { EventContext } from './event-context.js';

/** Appends timer events and keeps the timers still open (timer id to `TimerStarted` id). */
export class TimerEvents {
  private readonly ctx: EventContext;
  private readonly open = new Map<string, number>();

  constructor(ctx: EventContext) {
    this.ctx = ctx;
  }

  /** `TimerStarted` (a decision). */
  started(timerId: string, startToFire: Duration, control: string | undefined): void {
    const startedEventId = this.ctx.log.append('TimerStarted', {
      timerId,
      startToFireTimeout: toSwfTimeout(startToFire, 'startToFire'),
      decisionTaskCompletedEventId: this.ctx.decisions.completedId(),
      ...(control === undefined ? {} : { control }),
    });
    this.open.set(timerId, startedEventId);
  }

  /** `TimerFired` of the given (or the most recent open) timer. */
  fired(timerId: string | undefined): void {
    const [id, startedEventId] = this.close(timerId, 'timerFired');
    this.ctx.log.append('TimerFired', { timerId: id, startedEventId });
  }

  /** `TimerCanceled` (a decision) of the given (or the most recent open) timer. */
  canceled(timerId: string | undefined): void {
    const [id, startedEventId] = this.close(timerId, 'timerCanceled');
    this.ctx.log.append('TimerCanceled', {
      timerId: id,
      startedEventId,
      decisionTaskCompletedEventId: this.ctx.decisions.completedId(),
    });
  }

  /** Finds an open timer and forgets it: its id and the id of its `TimerStarted`. */
  private close(timerId: string | undefined, what: string): [string, number] {
    const entry =
      timerId === undefined
        ? [...this.open].pop()
        : this.open.has(timerId)
          ? ([timerId, this.open.get(timerId)] as [string, number])
          : undefined;
    if (!entry)
      throw new ValidationError(
        `history builder: ${what}: no open timer${timerId === undefined ? '' : ` '${timerId}'`}`,
      );
    this.open.delete(entry[0]);
    return entry;
  }
}
