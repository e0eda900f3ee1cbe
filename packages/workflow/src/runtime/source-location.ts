/**
 * Finds where in the user's workflow code a command came from, for NonDeterminismError messages.
 * The stack (V8's unformatted one) is captured when a command is issued only where it may be
 * reported: the decisions a call returns, and every command of the second pass that locates a
 * NonDeterminismError (see `WorkflowExecutor.processEvents`); it is parsed only when an error is
 * actually reported.
 */

/** Frames that are not the user's workflow code: swf-flow's own packages and Node's. */
const INTERNAL = [
  /[\\/]packages[\\/](workflow|common|worker|testing|activity|client|server|cli)[\\/](src|dist)[\\/]/,
  /@swf-flow[\\/]/,
  /\(node:/, // Node's own modules: node:internal/..., node:async_hooks, ...
  /^\s*at (async )?node:/,
  /\(native\)/,
  /^\s*at (async )?Promise\.(all|race|allSettled|any)/,
  /^\s*at new Promise/,
];

/**
 * Frames of the replayer driving the workflow code: what lies beyond them (older) is whoever called
 * the replayer (a worker, a test calling replayHistory), not workflow code.
 */
const DRIVER = /\bat (async )?(WorkflowExecutor\.|WorkflowRuntime\.run\b|applyEvent\b|DecisionWindow\.)/;

/** A captured call stack (an Error, or what {@link captureSite} returns): `stack` is formatted only when read. */
export interface CallSite {
  readonly stack?: string | undefined;
}

/**
 * Captures the current stack (unformatted) for {@link sourceLocation}: V8's stack capture on a
 * plain object, which costs about half of building an Error (this runs for every command).
 */
export function captureSite(): CallSite {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const site: { stack?: string } = {};
  Error.captureStackTrace(site, captureSite);
  Error.stackTraceLimit = limit;
  return site;
}

/**
 * The first stack frame outside swf-flow's packages and Node's own modules (test files excepted) as
 * `file:line:column`, or `undefined` when none is found.
 */
export function sourceLocation(site: CallSite | undefined): string | undefined {
  const stack = site?.stack;
  if (typeof stack !== 'string') return undefined;
  for (const line of stack.split('\n').slice(1)) {
    if (!/^\s*at /.test(line)) continue;
    if (DRIVER.test(line)) return undefined;
    if (!/\.test\.[cm]?[jt]s/.test(line) && INTERNAL.some((re) => re.test(line))) continue;
    const m = /\(([^()]+:\d+:\d+)\)\s*$/.exec(line) ?? /at (?:async )?([^\s()]+:\d+:\d+)\s*$/.exec(line);
    if (m?.[1]) return m[1].replace(/^file:\/\//, '');
  }
  return undefined;
}

/**
 * The first user-code location in the stacks of `err` and its causes. The cause of an
 * ActivityFailure or a ChildWorkflowFailure happened elsewhere (its stack is the activity's or the
 * child's), so the search stops there.
 */
export function errorLocation(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const at = sourceLocation(e);
    if (at) return at;
    if (e.name === 'ActivityFailure' || e.name === 'ChildWorkflowFailure') return undefined;
  }
  return undefined;
}

/** The most recent of `sites` (newest last) with a user-code location. */
export function lastLocation(sites: readonly CallSite[]): string | undefined {
  for (let i = sites.length - 1; i >= 0; i--) {
    const at = sourceLocation(sites[i]);
    if (at) return at;
  }
  return undefined;
}
