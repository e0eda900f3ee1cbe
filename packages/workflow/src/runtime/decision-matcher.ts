/**
 * Matching the code's commands against the recorded decision events: the book of commands not
 * recorded yet, the recorded ones later events refer to, the DecisionTaskCompleted whose decisions
 * are being matched, and the NonDeterminismError (with the code's source location) when they differ.
 */
import { InvalidHistoryError, NonDeterminismError, type Decision, type HistoryEvent } from '@swf-flow/common';
import { CommandBook, type Command, type CommandKind } from './command.js';
import { describeEvent } from './decision-events.js';
import { errorLocation, lastLocation, sourceLocation, type CallSite } from './source-location.js';
import { sameTarget } from './targets.js';

/** The DecisionTaskCompleted whose decision events are being matched. */
interface OpenCompletion {
  eventId: number;
  startedEventId: number;
  /** SWF rejected one of its decisions (it may skip the rest). */
  sawFailure: boolean;
  /** One of its decisions closed the run. */
  sawClose: boolean;
  /**
   * The events SWF recorded while that task was held by its decider, then the events other than
   * its decisions recorded after its DecisionTaskCompleted before the matching ended (see
   * {@link DecisionMatcher.defer}): applied, in that order, once the matching ends.
   */
  window: HistoryEvent[];
  /** An event other than a decision came after the DecisionTaskCompleted. */
  sawOther: boolean;
}

/** What a recorded decision event must match: its event's spec and attributes (see `decision-events.ts`). */
export interface RecordedDecision {
  kind: CommandKind;
  /** A `...Failed` event: SWF rejected the decision. */
  failed: boolean;
  /** What must equal the command's key; `undefined` when the event does not say. */
  key(a: Record<string, any>): string | undefined;
  /** The workflowId the event targets, when it names one. */
  target?(a: Record<string, any>): string | undefined;
}

/** Where code and history parted ways: what a second, locating replay must reach again. */
export interface Divergence {
  eventId: number;
  recorded: string;
  /** The command's label (without its location note), or `nothing`. */
  attempted: string;
}

/** How many recent commands' sites are kept for the location of a close decision. */
const RECENT_SITES = 16;

/** One run's commands and their matching against the history. */
export class DecisionMatcher {
  private readonly book = new CommandBook();
  /**
   * Recorded decision event id (ActivityTaskScheduled, TimerStarted, ...) to its command, for the
   * commands later events refer to; `null` once released (see {@link release}).
   */
  private readonly byEventId = new Map<number, Command | null>();
  private open: OpenCompletion | undefined;
  /** Where the most recent commands were issued (newest last), for close decisions' locations. */
  private readonly recentSites: CallSite[] = [];
  private diverged: Divergence | undefined;

  constructor(
    /**
     * Set when the executor was not told the execution's ids: the placeholder workflowId then stands
     * for the unknown real one when a recorded target workflowId is compared with the code's.
     */
    private readonly placeholderWorkflowId: string | undefined,
    /** What to advise on a divergence, when code cannot be its cause (see `WorkflowRuntime`). */
    private readonly advice: () => string | undefined,
  ) {}

  /** Books a command just issued. */
  add(cmd: Command): void {
    this.book.add(cmd);
    if (cmd.site) {
      this.recentSites.push(cmd.site);
      if (this.recentSites.length > RECENT_SITES) this.recentSites.shift();
    }
  }

  /** Withdraws a command that was never sent (cancelled in the activation that issued it). */
  withdraw(cmd: Command): void {
    this.book.drop(cmd);
  }

  /**
   * The recorded command whose decision event has id `eventId`: `undefined` when there is none,
   * `null` when it was released (an event that refers to it then changes nothing).
   */
  referredBy(eventId: number): Command | null | undefined {
    return this.byEventId.get(eventId);
  }

  /**
   * Lets go of the command recorded at `eventId`: its final event was applied and nothing refers to
   * it again. Only a marker stays, so that a history that still refers to it reads as before; the
   * command (its closures, payloads and call site) can be collected, and a long history's live
   * state stays the size of its open commands.
   */
  release(eventId: number): void {
    if (this.byEventId.has(eventId)) this.byEventId.set(eventId, null);
  }

  /** The decisions to send: every pending command in issue order, a workflow-closing one last. */
  decisions(): Decision[] {
    return this.book.decisions();
  }

  /** Whether any command waits to be sent or recorded. */
  get hasPending(): boolean {
    return this.book.hasPending;
  }

  /** Calls `fn` with each pending command's decision, in issue order (issue nothing meanwhile). */
  forEachPendingDecision(fn: (decision: Decision) => void): void {
    this.book.forEachPendingDecision(fn);
  }

  /** Withdraws every command not sent yet (the task's answer is replaced; see `decision-limits.ts`). */
  dropPending(): void {
    this.book.dropPending();
  }

  /**
   * Matches a recorded decision event against the oldest pending command of its kind, which must
   * also be the oldest pending command of any kind while a task's decisions are matched (see
   * {@link checkOrder}): the key (type, name) must be equal, and so must the targeted workflowId
   * when the code chose one.
   */
  match(event: HistoryEvent, d: RecordedDecision, a: Record<string, any>): Command {
    const eventId = event.eventId ?? 0;
    const cmd = this.book.take(d.kind);
    if (!cmd) {
      // Report what the code did instead at this point, if anything (with its source location).
      throw this.nonDeterminism(
        eventId,
        describeEvent(event),
        this.book.firstPendingUpTo(this.open?.startedEventId ?? Number.MAX_SAFE_INTEGER),
      );
    }
    if (this.open && d.kind !== 'close') this.checkOrder(eventId, event, cmd);
    const key = d.key(a);
    if (key !== undefined && cmd.key !== key) throw this.nonDeterminism(eventId, describeEvent(event), cmd);
    const target = d.target?.(a);
    if (
      target !== undefined &&
      cmd.target !== undefined &&
      !sameTarget(cmd.target, target, this.placeholderWorkflowId)
    ) {
      throw this.nonDeterminism(
        eventId,
        describeEvent(event),
        cmd,
        `The history targets workflowId ${target}, the code ${cmd.target}: another execution would be affected. If that change is intended, guard it with patched(id) or register a new workflow version.`,
      );
    }
    this.book.recorded(cmd);
    if (d.failed) {
      if (this.open) this.open.sawFailure = true;
      cmd.handlers.failed?.(event);
    } else {
      if (d.kind === 'close' && this.open) this.open.sawClose = true;
      // Later events refer only to commands that handle them (the reference check ensures the type).
      if (cmd.handlers.event) this.byEventId.set(eventId, cmd);
      cmd.handlers.recorded?.(event);
    }
    return cmd;
  }

  /**
   * A task's decision events are recorded in the order its decider sent them, which is the order
   * the code issued its commands (SWF records each decision's event, or its `...Failed` event, in
   * turn; a close decision is sent last): `cmd`, the oldest pending command of the event's kind,
   * must also be the oldest pending command of any kind. Otherwise the code now issues another
   * command first — e.g. a timer before an activity it used to schedule first.
   */
  private checkOrder(eventId: number, event: HistoryEvent, cmd: Command): void {
    const first = this.book.firstInOrder();
    if (first === undefined || first === cmd) return;
    throw this.nonDeterminism(
      eventId,
      describeEvent(event),
      first,
      this.advice() ??
        `The code issues its commands in another order than the history recorded them: ${first.label} comes before ${cmd.label}. ` +
          'If the workflow was changed on purpose, guard the change with patched(id) or register a new workflow version.',
    );
  }

  /**
   * A patch marker was recorded (or refused): the code's patch command, if it still asks for that
   * patch, is recorded with it. A marker the code no longer asks for is fine.
   */
  matchPatch(cmd: Command | undefined, failed: boolean): void {
    if (cmd && cmd.state === 'pending') this.book.recorded(cmd);
    if (failed && this.open) this.open.sawFailure = true;
  }

  /** A DecisionTaskCompleted: its decision events are matched next. */
  openCompletion(eventId: number, startedEventId: number): void {
    this.open = { eventId, startedEventId, sawFailure: false, sawClose: false, window: [], sawOther: false };
  }

  /** Whether the decision events of a DecisionTaskCompleted are being matched. */
  get completing(): boolean {
    return this.open !== undefined;
  }

  /**
   * Holds an event that is not a decision of the open completion until its matching ends: SWF may
   * record an outcome among a task's decision events (a cancel request's `ActivityTaskCanceled`),
   * and decisions of that task may follow it. Applied after the window's events, in history order.
   */
  defer(event: HistoryEvent): void {
    if (!this.open) return;
    this.open.sawOther = true;
    this.open.window.push(event);
  }

  /**
   * Holds the events of the open completion's decision window until its matching ends; false (and
   * nothing held) when no completion is open.
   */
  holdWindow(events: HistoryEvent[]): boolean {
    if (!this.open) return false;
    this.open.window = events;
    return true;
  }

  /**
   * Ends the matching of a DecisionTaskCompleted's decisions (the code must not have issued more
   * for that task) and returns the events of its window, to be applied next.
   */
  finishCompletion(): HistoryEvent[] {
    const open = this.open;
    if (!open) return [];
    this.open = undefined;
    if (open.sawFailure) return open.window; // SWF may skip decisions after a failed one: re-send them
    const left = this.book.firstPendingUpTo(open.startedEventId);
    if (left) {
      throw this.nonDeterminism(
        open.eventId,
        `no further decision (the decision task completed at event ${open.eventId} recorded nothing more)`,
        left,
      );
    }
    return open.window;
  }

  /**
   * A history that ends inside the decision events of its last decision task (after its
   * DecisionTaskCompleted, no event other than its decisions, and none of them closes the run) while
   * the code decides more for that task: such a history was most likely cut short (one page of a
   * longer one), which is reported as what it is rather than as a code change.
   * @throws InvalidHistoryError
   */
  checkNotCut(last: HistoryEvent): void {
    const open = this.open;
    if (!open || open.sawFailure || open.sawClose || open.sawOther) return;
    const more = this.book.firstPendingUpTo(open.startedEventId);
    if (!more) return;
    throw new InvalidHistoryError(
      `the history ends at event ${String(last.eventId)}, inside the decisions of the decision task completed at event ${open.eventId}, ` +
        `and the code decides more for that task (${more.label}). A history cut short (one page of a longer history, or a copy that lost ` +
        'its end) looks like this: pass the whole history (every page; `swf-flow history --json` saves one). If this is the whole history, ' +
        'the code now decides more in that task than it did: guard the change with patched(id).',
    );
  }

  /** The divergence the last NonDeterminismError built here reported. */
  get divergence(): Divergence | undefined {
    return this.diverged;
  }

  /** Builds the error for a divergence between code and history. */
  nonDeterminism(eventId: number, recorded: string, cmd: Command | undefined, extra?: string): NonDeterminismError {
    this.diverged = { eventId, recorded, attempted: cmd?.label ?? 'nothing' };
    const where = cmd ? this.locate(cmd) : {};
    const attempted = cmd ? `${cmd.label}${where.note ? ` (${where.note})` : ''}` : 'nothing (no matching command)';
    return new NonDeterminismError({ eventId, recorded, attempted, location: where.location }, extra ?? this.advice());
  }

  /** Where the code issued `cmd` (a line of user code when there is one), and how that line relates to it. */
  private locate(cmd: Command): { location?: string; note?: string } {
    const own = sourceLocation(cmd.site);
    if (own) return { location: own };
    for (let o = cmd.origin; o; o = o.origin) {
      const at = sourceLocation(o.site);
      if (at) return { location: at, note: `for the ${o.label.split(' ')[0] ?? o.kind} issued at that line` };
    }
    if (cmd.kind === 'close' && cmd.reason !== undefined) {
      const at = errorLocation(cmd.reason);
      const what = cmd.reason instanceof Error ? `${cmd.reason.name}: ${cmd.reason.message}` : String(cmd.reason);
      if (at) return { location: at, note: `the workflow ended with ${what}, thrown at that line` };
      const last = lastLocation(this.recentSites);
      if (last) return { location: last, note: `the workflow ended with ${what}, after its command at that line` };
    }
    const last = lastLocation(this.recentSites);
    if (!last) return {};
    return {
      location: last,
      note:
        cmd.kind === 'close'
          ? 'the workflow function returned after its command at that line'
          : 'issued by swf-flow after the command at that line',
    };
  }
}
