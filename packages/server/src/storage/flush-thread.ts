/**
 * A thread of its own that flushes the WAL file (`fdatasync`) as soon as a commit asks for it, so
 * that the flush runs while the event loop finishes its turn (renders the answers, reads the next
 * request) instead of after it. The event loop asks with {@link FlushThread.request} right after a
 * commit and, at the end of the turn, waits for that flush with `Atomics.wait` — no wake-up of the
 * loop by libuv, as with a flush in the thread pool — or flushes itself if the thread has not begun
 * it yet ({@link FlushThread.finishSync}). When the loop should not block, it waits with
 * `Atomics.waitAsync` instead ({@link FlushThread.whenDone}).
 *
 * Flushes are numbered (generations). The loop writes the newest asked for (`requested`); whoever
 * flushes claims the next one by raising `started` (compare-and-swap: the thread or the loop, never
 * both), calls `fdatasync`, and then raises `done`. A flush only begins once claimed, so a
 * generation that is not claimed yet when a commit asks for it — the commit joins it — flushes
 * everything that commit wrote. Generations are claimed and completed one at a time, in order. A
 * failed `fdatasync` is recorded for its generation, and only its own waiters see it.
 *
 * The thread is started once per database, is `unref`'d (it never keeps the process alive), and is
 * stopped by {@link FlushThread.close}, which waits for a flush under way.
 */
import { performance } from 'node:perf_hooks';
import { getSystemErrorName } from 'node:util';
import { Worker } from 'node:worker_threads';

/** Indices of the state shared with the thread (an `Int32Array` over a `SharedArrayBuffer`). */
export const FLUSH_STATE = {
  /** The newest generation asked for (written by the loop only). */
  requested: 0,
  /** The newest generation claimed by a flusher. */
  started: 1,
  /** The newest generation whose `fdatasync` returned (or failed). */
  done: 2,
  /** Set by the loop to end the thread. */
  stop: 3,
  /** Set by the thread once it has left its loop. */
  exited: 4,
  /** Tests' barrier: {@link HOLD_CLAIMED} or {@link HOLD_UNCLAIMED} while set, else 0. */
  hold: 5,
  /** Set by the thread when its program begins. */
  ready: 6,
  /** A ring of the generations that failed, indexed by generation modulo {@link FAILURE_RING}. */
  failed: 7,
  /** The `errno` of each failure in the ring above. */
  errno: 7 + 8,
  length: 7 + 16,
} as const;

/** `hold`: the thread claims flushes but holds each before calling `fdatasync`; the loop claims none. */
export const HOLD_CLAIMED = 1;
/** `hold`: the thread claims nothing (as when it has not been scheduled yet); the loop flushes itself. */
export const HOLD_UNCLAIMED = 2;

/** Slots of the failure ring. At most three generations are unsettled at once (see group-commit.ts). */
export const FAILURE_RING = 8;

/** The thread's program (CommonJS source; `eval: true` workers run scripts). */
const FLUSH_THREAD = String.raw`
const { workerData } = require('node:worker_threads');
const { fdatasyncSync } = require('node:fs');
const S = ${JSON.stringify(FLUSH_STATE)};
const RING = ${FAILURE_RING};
const HOLD_CLAIMED = ${HOLD_CLAIMED};
const HOLD_UNCLAIMED = ${HOLD_UNCLAIMED};
const s = new Int32Array(workerData.state);
const fd = workerData.fd;
try {
  Atomics.store(s, S.ready, 1);
  while (Atomics.load(s, S.stop) === 0) {
    if (Atomics.load(s, S.hold) === HOLD_UNCLAIMED) {
      Atomics.wait(s, S.hold, HOLD_UNCLAIMED, 1000);
      continue;
    }
    const started = Atomics.load(s, S.started);
    if (Atomics.load(s, S.requested) === started) {
      Atomics.wait(s, S.requested, started, 1000);
      continue;
    }
    // One flush at a time: the loop may be flushing a generation it claimed itself.
    const done = Atomics.load(s, S.done);
    if (done !== started) {
      Atomics.wait(s, S.done, done, 1000);
      continue;
    }
    if (Atomics.compareExchange(s, S.started, started, started + 1) !== started) continue;
    const gen = started + 1;
    while (Atomics.load(s, S.hold) === HOLD_CLAIMED && Atomics.load(s, S.stop) === 0)
      Atomics.wait(s, S.hold, HOLD_CLAIMED, 1000);
    try {
      fdatasyncSync(fd);
    } catch (err) {
      Atomics.store(s, S.errno + (gen % RING), err && typeof err.errno === 'number' ? err.errno : -5);
      Atomics.store(s, S.failed + (gen % RING), gen);
    }
    Atomics.store(s, S.done, gen);
    Atomics.notify(s, S.done);
  }
} finally {
  Atomics.store(s, S.exited, 1);
  Atomics.notify(s, S.exited);
}
`;

/** How long closing waits for a flush under way to return. */
const CLOSE_WAIT_MS = 10_000;

/** Flushes one file descriptor on a thread of its own; see the module comment. */
export class FlushThread {
  private readonly state = new Int32Array(new SharedArrayBuffer(FLUSH_STATE.length * Int32Array.BYTES_PER_ELEMENT));
  private readonly worker: Worker;
  /** The newest generation asked for (the loop's copy of `requested`). */
  private requested = 0;
  /** False once the thread has ended (or was stopped). */
  private running = true;
  private closed = false;
  private inline = 0;
  /** Failures of flushes run on the calling thread, by generation. */
  private readonly inlineFailures = new Map<number, Error>();

  /**
   * Starts the thread for `fd`, which must stay open until {@link FlushThread.close} returns.
   * @param flushHere flushes `fd` on the calling thread (when the thread has not begun a flush, or is gone)
   * @param onExit called once if the thread ends before {@link FlushThread.close}; flushes then run on the calling thread
   */
  constructor(
    private readonly fd: number,
    private readonly flushHere: (fd: number) => void,
    onExit: (reason: string) => void,
  ) {
    this.worker = new Worker(FLUSH_THREAD, {
      eval: true,
      workerData: { fd, state: this.state.buffer },
      name: 'swf-flow WAL flushes',
    });
    this.worker.unref();
    let reported = false;
    const gone = (reason: string): void => {
      if (!this.running) return;
      this.running = false;
      // Wakes a waitAsync on `done`: the waiter flushes on the calling thread instead.
      Atomics.notify(this.state, FLUSH_STATE.done);
      if (!this.closed && !reported) {
        reported = true;
        onExit(reason);
      }
    };
    this.worker.on('error', (err) => gone(err.stack ?? err.message));
    this.worker.on('exit', (code) => gone(`the WAL flush thread exited with code ${code}`));
  }

  /**
   * Asks for a flush that begins after this call (after the caller's commit) and returns its
   * generation: the one asked for before, if no flusher has claimed it yet, or a new one. With
   * `wake` false the thread is not woken for it: it is left to {@link FlushThread.finishSync} (or
   * to the thread if it happens to be awake).
   */
  request(wake = true): number {
    if (Atomics.load(this.state, FLUSH_STATE.started) < this.requested) {
      if (wake) Atomics.notify(this.state, FLUSH_STATE.requested, 1);
      return this.requested;
    }
    this.requested += 1;
    Atomics.store(this.state, FLUSH_STATE.requested, this.requested);
    if (wake) Atomics.notify(this.state, FLUSH_STATE.requested, 1);
    return this.requested;
  }

  /** Wakes the thread for a generation asked for without waking it. */
  wake(): void {
    Atomics.notify(this.state, FLUSH_STATE.requested, 1);
  }

  /** The newest generation asked for. */
  newest(): number {
    return this.requested;
  }

  /** The newest generation claimed by a flusher (begun). */
  started(): number {
    return Atomics.load(this.state, FLUSH_STATE.started);
  }

  /** The newest generation whose flush has returned. */
  done(): number {
    return Atomics.load(this.state, FLUSH_STATE.done);
  }

  /** Why generation `gen` (done) failed, if it did. */
  failure(gen: number): Error | undefined {
    const inline = this.inlineFailures.get(gen);
    if (inline) return inline;
    if (Atomics.load(this.state, FLUSH_STATE.failed + (gen % FAILURE_RING)) !== gen) return undefined;
    const errno = Atomics.load(this.state, FLUSH_STATE.errno + (gen % FAILURE_RING));
    const code = errnoName(errno);
    return Object.assign(new Error(`${code}: fdatasync of the WAL failed on the flush thread`), { code, errno });
  }

  /** Forgets the failure recorded for `gen` (settled). */
  forget(gen: number): void {
    this.inlineFailures.delete(gen);
  }

  /** Flushes run on the calling thread and on the flush thread so far. */
  counts(): { inline: number; thread: number } {
    return { inline: this.inline, thread: this.done() - this.inline };
  }

  /**
   * Makes `gen` done, blocking the calling thread: flushes here if no flusher has claimed it and
   * none is under way (or the thread is gone), else waits for the thread, at most `blockMs`.
   * Returns whether `gen` is done (never after {@link FlushThread.close}).
   */
  finishSync(gen: number, blockMs: number): boolean {
    const s = this.state;
    const deadline = performance.now() + blockMs;
    for (;;) {
      const done = Atomics.load(s, FLUSH_STATE.done);
      if (done >= gen) return true;
      if (this.closed) return false;
      if (!this.running) {
        this.flushAllHere();
        continue;
      }
      const started = Atomics.load(s, FLUSH_STATE.started);
      const mayClaim = started === done && Atomics.load(s, FLUSH_STATE.hold) !== HOLD_CLAIMED;
      if (mayClaim && Atomics.compareExchange(s, FLUSH_STATE.started, started, started + 1) === started) {
        this.flushOneHere(started + 1);
        continue;
      }
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(s, FLUSH_STATE.done, done, left);
    }
  }

  /**
   * Resolves once `gen` is done (or this is closed), without blocking: waits for the thread with
   * `Atomics.waitAsync` (flushes here if the thread is gone). Holds a timer meanwhile, since a
   * pending `waitAsync` keeps no Node process alive.
   */
  async whenDone(gen: number): Promise<void> {
    const keepAlive = setInterval(() => undefined, 1 << 30);
    try {
      for (;;) {
        const done = Atomics.load(this.state, FLUSH_STATE.done);
        if (done >= gen || this.closed) return;
        if (!this.running) {
          this.flushAllHere();
          continue;
        }
        const wait = waitAsync(this.state, FLUSH_STATE.done, done);
        if (wait.async) await wait.value;
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  /**
   * For tests, a barrier until the returned function is called. `'claimed'`: the thread claims
   * each flush asked for and holds it before calling `fdatasync` (the flush is real once
   * released), and the loop claims none; `'unclaimed'`: the thread claims nothing, as when it has
   * not been scheduled yet, so the loop flushes itself at the end of the turn.
   */
  hold(mode: 'claimed' | 'unclaimed'): () => void {
    Atomics.store(this.state, FLUSH_STATE.hold, mode === 'claimed' ? HOLD_CLAIMED : HOLD_UNCLAIMED);
    return () => {
      Atomics.store(this.state, FLUSH_STATE.hold, 0);
      Atomics.notify(this.state, FLUSH_STATE.hold);
    };
  }

  /**
   * Stops the thread: waits (at most 10 s) for a flush under way to return, so that the caller
   * may close the file next. Generations not done stay so (the caller flushes for them). Safe to
   * call twice.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const s = this.state;
    Atomics.store(s, FLUSH_STATE.stop, 1);
    Atomics.store(s, FLUSH_STATE.hold, 0);
    for (const index of [FLUSH_STATE.requested, FLUSH_STATE.done, FLUSH_STATE.hold]) Atomics.notify(s, index);
    // A thread whose program has not begun sees `stop` first and claims nothing: it is stopped where it is.
    if (this.running && Atomics.load(s, FLUSH_STATE.ready) === 1) Atomics.wait(s, FLUSH_STATE.exited, 0, CLOSE_WAIT_MS);
    this.running = false;
    void this.worker.terminate();
  }

  /** The thread is gone: one flush here for every generation asked for. */
  private flushAllHere(): void {
    const s = this.state;
    const from = Atomics.load(s, FLUSH_STATE.done) + 1;
    const to = this.requested;
    Atomics.store(s, FLUSH_STATE.started, to);
    this.runHere(from, to);
  }

  private flushOneHere(gen: number): void {
    this.runHere(gen, gen);
  }

  private runHere(from: number, to: number): void {
    try {
      this.flushHere(this.fd);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      for (let gen = from; gen <= to; gen++) this.inlineFailures.set(gen, error);
    }
    this.inline += to - from + 1;
    Atomics.store(this.state, FLUSH_STATE.done, to);
    Atomics.notify(this.state, FLUSH_STATE.done);
  }
}

/** `Atomics.waitAsync` (ES2024, in every Node this package supports; the project's `lib` is older). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      array: Int32Array,
      index: number,
      value: number,
    ): { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
  }
).waitAsync;

/** `EIO` for -5, and so on. */
function errnoName(errno: number): string {
  try {
    return getSystemErrorName(errno);
  } catch {
    return `errno ${errno}`;
  }
}
