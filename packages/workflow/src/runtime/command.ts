/**
 * Commands: what workflow code asks SWF to do (one decision each), and the book that keeps the
 * commands the history has not recorded yet, indexed by kind so that matching a recorded decision
 * event is O(1).
 */
import type { Decision, HistoryEvent } from '@swf-flow/common';
import type { CallSite } from './source-location.js';

/**
 * Matching kinds. The k-th command of a kind matches the k-th recorded decision event of that kind
 * (e.g. `activity`: ActivityTaskScheduled or ScheduleActivityTaskFailed).
 */
export type CommandKind =
  | 'activity'
  | 'cancelActivity'
  | 'timer'
  | 'cancelTimer'
  | 'marker'
  | 'patch'
  | 'child'
  | 'signalExternal'
  | 'cancelExternal'
  | 'lambda'
  | 'close';

/**
 * What a command does when the history records it and when later events about it arrive. A hot
 * command kind (an activity call, a timer) implements it as one object with methods, not a closure
 * per handler: a long replay issues thousands of them.
 */
export interface CommandHandlers {
  /** The decision was recorded (ActivityTaskScheduled, TimerStarted, ...): adopt recorded ids. */
  recorded?(event: HistoryEvent): void;
  /** SWF rejected the decision (ScheduleActivityTaskFailed, StartTimerFailed, ...). */
  failed?(event: HistoryEvent): void;
  /**
   * A later event that refers to the recorded event (by scheduledEventId, startedEventId, ...); it
   * ignores the types it has nothing to do for (ActivityTaskStarted, ...). A command without it is
   * not kept for later events.
   */
  event?(event: HistoryEvent): void;
  /**
   * The command's description for error messages, built only when one is (a spec without `label`
   * must have it): a hot kind spares a string per command.
   */
  describe?(): string;
}

/** What workflow code (or swf-flow on its behalf) issues: everything a {@link Command} is made of. */
export interface CommandSpec {
  kind: CommandKind;
  /** The decision sent to SWF (ids adjusted when the history recorded other ids). */
  decision: Decision;
  /** What must match the recorded event (activity `name version`, marker name, ...). */
  key: string;
  /**
   * A readable description for error messages, e.g. `ScheduleActivityTask VerifyOrder 1.0`;
   * without it, `handlers.describe()` gives it when an error needs it.
   */
  label?: string;
  handlers: CommandHandlers;
  /**
   * The command this one follows from (a RequestCancelActivityTask's activity, a CancelTimer's
   * timer, ...): where the code issued that one is where an error points when this one was issued
   * by swf-flow itself (e.g. reacting to a cancel request).
   */
  origin?: Command;
  /**
   * The workflowId the code chose itself (signal and cancel targets, a child's explicit id): the
   * recorded event must name the same one. `undefined` when our scheme generated it.
   */
  target?: string;
  /** For a close decision: the error the workflow function threw (its stack shows where). */
  reason?: unknown;
}

/** Where a command is: `pending` until the history records it; `dropped` when cancelled before it was sent. */
export type CommandState = 'pending' | 'recorded' | 'dropped';

/** One command issued by workflow code. */
export class Command {
  readonly kind: CommandKind;
  readonly decision: Decision;
  readonly key: string;
  readonly handlers: CommandHandlers;
  private readonly fixedLabel: string | undefined;
  readonly origin: Command | undefined;
  readonly target: string | undefined;
  readonly reason: unknown;
  private current: CommandState = 'pending';

  constructor(
    spec: CommandSpec,
    /** Where the workflow code issued it (unformatted stack). */
    readonly site: CallSite | undefined,
    /** The DecisionTaskStarted event id of the activation the command belongs to. */
    readonly activation: number,
  ) {
    this.kind = spec.kind;
    this.decision = spec.decision;
    this.key = spec.key;
    this.fixedLabel = spec.label;
    this.handlers = spec.handlers;
    this.origin = spec.origin;
    this.target = spec.target;
    this.reason = spec.reason;
  }

  /** A readable description for error messages, e.g. `ScheduleActivityTask VerifyOrder 1.0 (activityId a-1)`. */
  get label(): string {
    return this.fixedLabel ?? this.handlers.describe?.() ?? this.kind;
  }

  /** `pending`, `recorded` or `dropped`. */
  get state(): CommandState {
    return this.current;
  }

  /** The history recorded it (only the {@link CommandBook} calls this). */
  markRecorded(): void {
    this.current = 'recorded';
  }

  /** It was withdrawn before it was sent (only the {@link CommandBook} calls this). */
  markDropped(): void {
    this.current = 'dropped';
  }
}

class Queue {
  private items: Command[] = [];
  private head = 0;

  push(cmd: Command): void {
    this.items.push(cmd);
  }

  /** The oldest pending command, skipping recorded and dropped ones. */
  shift(): Command | undefined {
    while (this.head < this.items.length) {
      const cmd = this.items[this.head++];
      if (cmd && cmd.state === 'pending') {
        this.compact();
        return cmd;
      }
    }
    this.compact();
    return undefined;
  }

  /** The oldest pending command, left in the queue (recorded and dropped ones before it are passed). */
  peek(): Command | undefined {
    while (this.head < this.items.length) {
      const cmd = this.items[this.head];
      if (cmd && cmd.state === 'pending') break;
      this.head++;
    }
    this.compact();
    return this.items[this.head];
  }

  /** Drops the consumed head once it is most of the array, so that matched commands can be collected. */
  private compact(): void {
    if (this.head >= 32 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

/** The commands the history has not recorded yet, in issue order, indexed by kind. */
export class CommandBook {
  /**
   * Pending commands in issue order, after a `null` that stays: V8 rebuilds a Set's table whenever
   * a delete leaves it empty, which a run that settles each command before the next would do once
   * per command.
   */
  private readonly pending = new Set<Command | null>([null]);
  private readonly queues = new Map<CommandKind, Queue>();
  /** The commands whose place among a task's decisions is checked ({@link firstInOrder}), in issue order. */
  private readonly ordered = new Queue();

  /** Adds a command just issued. */
  add(cmd: Command): void {
    this.pending.add(cmd);
    let queue = this.queues.get(cmd.kind);
    if (!queue) this.queues.set(cmd.kind, (queue = new Queue()));
    queue.push(cmd);
    if (cmd.kind !== 'patch' && cmd.kind !== 'close') this.ordered.push(cmd);
  }

  /**
   * The oldest pending command other than a patch marker or a close decision: the one whose decision
   * event the history must record next. A patch marker is left out because its marker may be absent
   * (a `patched()` call added since) or stay after the call is removed; a close decision because it
   * is always sent last, whenever it was issued.
   */
  firstInOrder(): Command | undefined {
    return this.ordered.peek();
  }

  /** The oldest pending command of a kind (removed from the queue). */
  take(kind: CommandKind): Command | undefined {
    return this.queues.get(kind)?.shift();
  }

  /** Marks a command recorded by the history. */
  recorded(cmd: Command): void {
    cmd.markRecorded();
    this.pending.delete(cmd);
  }

  /** Withdraws a command that was never sent (cancelled in the activation that issued it). */
  drop(cmd: Command): void {
    cmd.markDropped();
    this.pending.delete(cmd);
  }

  /** Whether any command waits to be sent or recorded. */
  get hasPending(): boolean {
    return this.pending.size > 1;
  }

  /** Calls `fn` with each pending command's decision, in issue order (issue nothing meanwhile). */
  forEachPendingDecision(fn: (decision: Decision) => void): void {
    for (const cmd of this.pending) if (cmd !== null) fn(cmd.decision);
  }

  /** Withdraws every pending command (the decision task's answer is replaced; see `decision-limits.ts`). */
  dropPending(): void {
    for (const cmd of [...this.pending]) if (cmd !== null) this.drop(cmd);
  }

  /** The oldest pending command issued in an activation up to `startedEventId`. */
  firstPendingUpTo(startedEventId: number): Command | undefined {
    for (const cmd of this.pending) if (cmd !== null && cmd.activation <= startedEventId) return cmd;
    return undefined;
  }

  /** The decisions to send: every pending command in issue order, a workflow-closing one last. */
  decisions(): Decision[] {
    const out: Decision[] = [];
    let close: Decision | undefined;
    for (const cmd of this.pending) {
      if (cmd === null) continue;
      if (cmd.kind === 'close') close = cmd.decision;
      else out.push(cmd.decision);
    }
    if (close) out.push(close);
    return out;
  }
}
