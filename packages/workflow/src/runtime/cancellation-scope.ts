/**
 * Cancellation scopes (Temporal's model). Every activity, timer, child workflow and condition is
 * tied to the scope that is current when it starts; cancelling the scope cancels them.
 * Cancellation flows from a scope to its cancellable children; a non-cancellable scope shields
 * what runs in it. The root scope is cancelled when the history records
 * `WorkflowExecutionCancelRequested`.
 */
import {
  CancelledFailure,
  didYouMean,
  parseDuration,
  shownValue,
  ValidationError,
  type Duration,
} from '@swf-flow/common';
import { currentStore, storage } from './storage.js';
import { startTimer } from './timer-command.js';

/** Options of a {@link CancellationScope}. */
export interface CancellationScopeOptions {
  /** Whether cancelling the parent cancels this scope. @default true */
  cancellable?: boolean;
  /** The parent scope. @default CancellationScope.current() */
  parent?: CancellationScope;
  /** Cancels the scope after this long (a durable timer), see {@link CancellationScope.withTimeout}. */
  timeout?: Duration;
}

const SCOPE_KEYS: readonly string[] = ['cancellable', 'parent', 'timeout'] satisfies ReadonlyArray<
  keyof CancellationScopeOptions
>;

/** Checks the keys and types of scope options: `{ cancelable: false }` (one l) was dropped in silence. */
function checkScopeOptions(options: CancellationScopeOptions): void {
  for (const key of Object.keys(options))
    if (!SCOPE_KEYS.includes(key))
      throw new ValidationError(
        `CancellationScope: unknown option '${key}'${didYouMean(key, SCOPE_KEYS, (n) => n)}; the options are ${SCOPE_KEYS.join(', ')}`,
      );
  if (options.cancellable !== undefined && typeof options.cancellable !== 'boolean')
    throw new ValidationError(
      `CancellationScope: cancellable must be true or false; got ${shownValue(options.cancellable)}`,
    );
  if (options.parent !== undefined && !(options.parent instanceof CancellationScope))
    throw new ValidationError(
      `CancellationScope: parent must be a CancellationScope; got ${shownValue(options.parent)}`,
    );
}

type Listener = (failure: CancelledFailure) => void;

/**
 * An object told when a scope is cancelled: what swf-flow's commands register (one object per
 * activity call or timer, no closure), see {@link CancellationScope.addListener}.
 */
export interface CancelListener {
  /** The scope was cancelled with `failure`. */
  scopeCancelled(failure: CancelledFailure): void;
}

/**
 * A tree of cancellable work inside a workflow.
 *
 * @example
 * ```ts
 * const result = await CancellationScope.withTimeout('1 hour', () => acts.slowThing());
 * await CancellationScope.nonCancellable(() => acts.cleanUp()); // runs even after a cancel request
 * ```
 */
export class CancellationScope {
  /** Whether cancelling the parent cancels this scope. */
  readonly cancellable: boolean;
  /** The parent scope (`undefined` for a run's root scope). */
  readonly parent: CancellationScope | undefined;
  /** The timeout in milliseconds, if any. */
  readonly timeout: number | undefined;
  private cancelledWith: CancelledFailure | undefined;
  /**
   * The listeners in the order they were added, after a `null` that stays: V8 rebuilds a Set's
   * table whenever a delete leaves it empty, which every activity call or timer that settles alone
   * in its scope would do.
   */
  private readonly listeners = new Set<Listener | CancelListener | null>([null]);
  private cancelPromise: Promise<never> | undefined;

  constructor(options: CancellationScopeOptions = {}, root = false) {
    if (typeof options !== 'object' || options === null) {
      throw new ValidationError('CancellationScope options must be an object like { cancellable: false }');
    }
    checkScopeOptions(options);
    this.cancellable = options.cancellable ?? true;
    this.timeout =
      options.timeout === undefined ? undefined : parseDuration(options.timeout, 'CancellationScope timeout');
    this.parent = root ? undefined : (options.parent ?? CancellationScope.current());
    if (this.parent && this.cancellable) {
      const parent = this.parent;
      if (parent.consideredCancelled) this.cancelledWith = parent.cancelledWith;
      else parent.onCancel((failure) => this.cancel(failure));
    }
  }

  /** True once this scope (or, if cancellable, an ancestor) was cancelled. */
  get consideredCancelled(): boolean {
    return this.cancelledWith !== undefined;
  }

  /** A promise that rejects with a {@link CancelledFailure} when the scope is cancelled. */
  get cancelRequested(): Promise<never> {
    if (!this.cancelPromise) {
      this.cancelPromise = new Promise<never>((_, reject) => {
        if (this.cancelledWith) reject(this.cancelledWith);
        else this.onCancel(reject);
      });
      this.cancelPromise.catch(() => undefined);
    }
    return this.cancelPromise;
  }

  /** Runs `fn` with this scope as the current one. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const store = currentStore('CancellationScope.run()');
    if (this.timeout === undefined) return storage.run({ runtime: store.runtime, scope: this }, fn);
    const timerScope = new CancellationScope({ cancellable: true, parent: this.parent ?? this }, false);
    void storage.run({ runtime: store.runtime, scope: timerScope }, () =>
      startTimer(store.runtime, this.timeout ?? 0, timerScope).then(
        () => this.cancel(new CancelledFailure('CancellationScope timed out')),
        () => undefined,
      ),
    );
    const promise = storage.run({ runtime: store.runtime, scope: this }, fn);
    const stopTimer = (): void => timerScope.cancel();
    promise.then(stopTimer, stopTimer);
    return promise;
  }

  /** Cancels the scope and every cancellable scope under it. Idempotent. */
  cancel(failure: CancelledFailure = new CancelledFailure('CancellationScope cancelled')): void {
    if (this.cancelledWith) return;
    this.cancelledWith = failure;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) {
      if (listener === null) continue;
      if (typeof listener === 'function') listener(failure);
      else listener.scopeCancelled(failure);
    }
  }

  /** Calls `listener` when the scope is cancelled; returns a function that unsubscribes. */
  onCancel(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells `listener` when the scope is cancelled (like {@link onCancel}, without a closure per call). */
  addListener(listener: CancelListener): void {
    this.listeners.add(listener);
  }

  /** Stops telling `listener` (added with {@link addListener}). */
  removeListener(listener: CancelListener): void {
    this.listeners.delete(listener);
  }

  /** The failure the scope was cancelled with, if it was. */
  get failure(): CancelledFailure | undefined {
    return this.cancelledWith;
  }

  /**
   * The scope current in the running workflow code.
   * @example
   * ```ts
   * if (CancellationScope.current().consideredCancelled) return 'stopped early';
   * ```
   */
  static current(): CancellationScope {
    return currentStore('CancellationScope.current()').scope;
  }

  /** Runs `fn` in a new cancellable scope. */
  static cancellable<T>(fn: () => Promise<T>): Promise<T> {
    return new CancellationScope({ cancellable: true }).run(fn);
  }

  /** Runs `fn` in a new scope that a cancellation of its parent does not reach. */
  static nonCancellable<T>(fn: () => Promise<T>): Promise<T> {
    return new CancellationScope({ cancellable: false }).run(fn);
  }

  /** Runs `fn` in a new cancellable scope that is cancelled after `timeout` (a durable timer). */
  static withTimeout<T>(timeout: Duration, fn: () => Promise<T>): Promise<T> {
    return new CancellationScope({ cancellable: true, timeout }).run(fn);
  }
}
