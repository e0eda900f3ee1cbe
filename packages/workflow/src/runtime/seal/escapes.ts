/**
 * Work that workflow code starts but the workflow API does not drive, caught as a class rather than
 * API by API. One `async_hooks` hook sees every asynchronous resource and promise the process
 * creates; it asks the async-context store whether workflow code created it:
 *
 * - A Node resource (a timer, a file, a socket, a crypto job, a DNS lookup, a child process, ...)
 *   created by workflow code finishes outside the decision task. The run's decision task fails with
 *   a DeterminismViolationError naming the call and its line; timers are cancelled.
 * - A promise created by workflow code while its run is not being replayed means workflow code
 *   resumed between decision tasks: something outside the workflow resolved what it awaited.
 * - A promise awaited (or `then`ed) by workflow code whose parent was created outside the run
 *   (asyncId outside the run's activation windows) is checked when the run has nothing left to
 *   do: if it is still pending, the workflow is blocked on something the engine does not drive,
 *   and the decision task fails instead of answering an empty or wrong decision list.
 *
 * Microtasks (`queueMicrotask`) and `process.nextTick` run within the decision task and are allowed,
 * and so is a crypto job Node runs synchronously (`pbkdf2Sync`, `sign`): it is done within the call.
 */
import { AsyncResource } from 'node:async_hooks';
import { DeterminismViolationError } from '@swf-flow/common';
import { captureSite, sourceLocation, type CallSite } from '../source-location.js';
import { storage } from '../storage.js';

/** Resource types that complete within the decision task, or only write output. */
const ALLOWED = new Set(['Microtask', 'TickObject', 'WRITEWRAP', 'SHUTDOWNWRAP']);

/** Node's crypto jobs (`PBKDF2REQUEST`, `SIGNREQUEST`, ...), which run synchronously or not. */
const CRYPTO_JOB = 'a crypto job';

const KINDS: [RegExp, string][] = [
  [/^(Timeout|Immediate)$/, 'a timer'],
  [/^(FSREQ|FILEHANDLE|STATWATCHER|FSEVENTWRAP)/, 'file system I/O'],
  [/^(TCP|UDP|PIPE|TLS|HTTP|HTTP2|GETADDRINFO|GETNAMEINFO|QUERY|DNSCHANNEL|JSSTREAM)/, 'network I/O'],
  [/^MESSAGEPORT/, 'a message channel (MessageChannel, BroadcastChannel or a port)'],
  [/^(PROCESSWRAP|SIGNALWRAP|WORKER)/, 'a process, a thread or a signal'],
  [/REQUEST$|^(CIPHER|HASH|KEY|PBKDF2|RANDOM|SCRYPT|SIGN|HKDF|CHECKPRIME|DERIVEBITS)/, CRYPTO_JOB],
  [/^ZLIB/, 'compression'],
];

function kindOf(type: string): string {
  return KINDS.find(([re]) => re.test(type))?.[1] ?? 'asynchronous work';
}

/**
 * The call that started it: the newest frame of Node's or a library's code just above the first
 * frame of workflow code, e.g. `readFile (node:internal/fs/promises)`.
 */
function callOf(site: CallSite): string | undefined {
  const lines = (site.stack ?? '').split('\n').filter((l) => /^\s*at /.test(l));
  const user = sourceLocation(site);
  let previous: string | undefined;
  for (const line of lines) {
    if (user && line.includes(user)) break;
    if (!/\((node:|native)/.test(line) && !/at (async )?node:/.test(line)) continue;
    // The async hooks' own frames (a resource made by a native constructor) are never the call.
    if (/node:internal\/async_hooks/.test(line)) continue;
    previous = line;
  }
  const m = previous ? /at (?:async )?(?:new )?(?:[\w$<>]+\.)*([\w$<>]+) \(?(node:[^:)]+)/.exec(previous) : null;
  return m ? `${m[1]} (${m[2]?.replace('node:internal/', 'node:')})` : undefined;
}

/** The escape bookkeeping of one run (held by its WorkflowRuntime). */
export class EscapeBook {
  /** True while the executor applies events and runs the code (a `processEvents` call). */
  activating = false;
  /** Set when the code did something replay cannot reproduce (first wins). */
  violation: DeterminismViolationError | undefined;
  /** asyncId ranges [start, end] of the run's activations, oldest first. */
  private readonly windows: number[] = [];
  private windowStart = Number.MAX_SAFE_INTEGER;
  private scope: AsyncResource | undefined;
  /** Promises the code chained to a promise made outside the run, to check at quiescence. */
  private foreign: { promise: Promise<unknown>; site: CallSite }[] = [];

  constructor(private readonly describe: () => string) {}

  /** Starts an activation; the code runs inside the returned scope's `runInAsyncScope`. */
  begin(): AsyncResource {
    this.activating = true;
    const scope = new AsyncResource('SwfFlowActivation');
    this.scope = scope;
    this.windowStart = scope.asyncId();
    return scope;
  }

  /** Ends the activation (its asyncId window closes). */
  end(): void {
    this.activating = false;
    this.windows.push(this.windowStart, lastAsyncId);
    this.windowStart = Number.MAX_SAFE_INTEGER;
    this.scope?.emitDestroy();
    this.scope = undefined;
  }

  /** Whether `asyncId` was created during one of the run's activations. */
  owns(asyncId: number): boolean {
    if (asyncId >= this.windowStart) return true;
    const w = this.windows;
    let lo = 0;
    let hi = w.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (asyncId < (w[2 * mid] as number)) hi = mid - 1;
      else if (asyncId > (w[2 * mid + 1] as number)) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** Records a violation (the first one is reported). */
  fail(message: string, site: CallSite): void {
    if (this.violation) return;
    this.violation = new DeterminismViolationError(`${this.describe()}: ${message}`, {
      location: sourceLocation(site),
    });
  }

  /** Called by the hook: workflow code chained to a promise from outside the run. */
  chainedToForeign(promise: Promise<unknown>): void {
    this.foreign.push({ promise, site: captureSite() });
  }

  /** Whether foreign promises were chained since the last {@link checkForeign}. */
  get hasForeign(): boolean {
    return this.foreign.length > 0;
  }

  /**
   * At quiescence: fails the run when a promise it chained to a foreign one is still pending
   * after one more macrotask (`turn`), i.e. the workflow waits for something the engine does not drive.
   */
  async checkForeign(turn: () => Promise<void>): Promise<void> {
    const chained = this.foreign;
    this.foreign = [];
    const settled = new Set<Promise<unknown>>();
    for (const { promise } of chained) {
      promise.then(
        () => settled.add(promise),
        () => settled.add(promise),
      );
    }
    await turn();
    const pending = chained.find(({ promise }) => !settled.has(promise));
    if (pending) {
      this.fail(
        'workflow code awaits a promise that was created outside this workflow run and is still pending when the run has nothing else to do ' +
          '(a promise of a module-level cache, an event emitter, a client, another run): nothing in the history will settle it, so replay ' +
          'cannot reproduce when it does. Await only what the workflow API returns (activities, sleep, condition, signals, child workflows); ' +
          'do I/O in an activity',
        pending.site,
      );
    }
  }
}

/** The newest asyncId the hook has seen. */
let lastAsyncId = 0;

/**
 * The escape check of one new resource, called by the process-wide hook (`process-hook.ts`) for
 * every resource and promise the process creates, also outside every activation: workflow code that
 * resumes between decision tasks is seen there.
 */
export function checkEscape(asyncId: number, type: string, triggerAsyncId: number, resource: object): void {
  const previous = lastAsyncId;
  lastAsyncId = asyncId;
  const store = storage.getStore();
  if (store === undefined) return;
  const book = store.runtime.escapes;
  if (type === 'PROMISE') {
    if (!book.activating) {
      if (book.violation) return;
      book.fail(
        'workflow code resumed between decision tasks: it awaited something that code outside the workflow settled later ' +
          '(a promise handed to an event emitter, a timer or a callback, I/O). Await only what the workflow API returns',
        captureSite(),
      );
      return;
    }
    if (triggerAsyncId === 0) return;
    // A parent id newer than every id this hook saw was given to a promise made before the hook
    // was enabled (Node numbers such promises when something chains to them): not the run's.
    if (triggerAsyncId <= previous && book.owns(triggerAsyncId)) return;
    book.chainedToForeign(resource as Promise<unknown>);
    return;
  }
  if (ALLOWED.has(type) || book.violation) {
    return;
  }
  const site = captureSite();
  if (kindOf(type) === CRYPTO_JOB) {
    // Node runs pbkdf2Sync, hkdfSync, scryptSync, sign, verify, ... as crypto jobs in synchronous
    // mode: done within the call. Only a job given a completion callback finishes later.
    queueMicrotask(() => {
      if (typeof (resource as { ondone?: unknown }).ondone === 'function') failResource(book, type, site);
    });
    return;
  }
  failResource(book, type, site);
  // Cancel a timer once the call that creates it has armed it (a microtask runs within the task).
  if (type === 'Timeout') queueMicrotask(() => clearTimeout(resource as NodeJS.Timeout));
  if (type === 'Immediate') queueMicrotask(() => clearImmediate(resource as NodeJS.Immediate));
}

/** The violation of a Node resource workflow code started. */
function failResource(book: EscapeBook, type: string, site: CallSite): void {
  const call = callOf(site);
  book.fail(
    `workflow code started ${kindOf(type)}${call ? ` with ${call}` : ''} (Node async resource ${type}): it completes outside the decision task, ` +
      'so replay cannot reproduce when its result arrives. Do I/O in an activity, wait with sleep(), condition() or a signal',
    site,
  );
}
