/**
 * Finds where in the user's workflow code a command was issued, for NonDeterminismError messages.
 * The stack is captured cheaply (an Error object) when the command is issued and only parsed when
 * an error is actually reported.
 */

const INTERNAL = [
  /[\\/]packages[\\/]workflow[\\/](src|dist)[\\/]/,
  /@swf-flow[\\/]workflow[\\/]/,
  /\bnode:internal\b/,
  /\(native\)/,
  /^\s*at (async )?Promise\.(all|race|allSettled|any)/,
  /^\s*at new Promise/,
];

/** Captures the current stack (unformatted) for {@link sourceLocation}. */
export function captureSite(): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const site = new Error('command issued here');
  Error.stackTraceLimit = limit;
  return site;
}

/**
 * The first stack frame outside packages/workflow (test files excepted) as `file:line:column`, or
 * `undefined` when none is found.
 */
export function sourceLocation(site: Error | undefined): string | undefined {
  const stack = site?.stack;
  if (!stack) return undefined;
  for (const line of stack.split('\n').slice(1)) {
    if (!/^\s*at /.test(line)) continue;
    if (!/\.test\.[cm]?[jt]s/.test(line) && INTERNAL.some((re) => re.test(line))) continue;
    const m = /\(([^()]+:\d+:\d+)\)\s*$/.exec(line) ?? /at (?:async )?([^\s()]+:\d+:\d+)\s*$/.exec(line);
    if (m?.[1]) return m[1].replace(/^file:\/\//, '');
  }
  return undefined;
}
