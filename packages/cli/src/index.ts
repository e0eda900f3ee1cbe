/**
 * @module @swf-flow/cli
 *
 * The `swf-flow` command: `dev` and `server` (the local service and its web UI); `start`, `result`,
 * `describe`, `history`, `list`, `signal`, `cancel`, `terminate` (executions, through
 * `@swf-flow/client`); `replay` (recorded histories, or live executions, against a module's
 * workflows: for CI and before a deploy); `init` (a new project). `main(argv, io)` runs it
 * in-process (tests, embedding); `bin.ts` runs it as a program, stopping long-running commands on
 * SIGINT/SIGTERM.
 *
 * @example
 * ```ts
 * import { main } from '@swf-flow/cli';
 * const stop = new AbortController();
 * const done = main(['server', '--port', '0', '--data', ':memory:'], {
 *   stdout: (t) => process.stdout.write(t),
 *   stderr: (t) => process.stderr.write(t),
 *   signal: stop.signal,
 * });
 * stop.abort();
 * process.exitCode = await done;
 * ```
 */
export { main, HELP } from './main.js';
export type { CliIo } from './io.js';
export { UsageError, parseFlags, parseCommandLine } from './args.js';
export type { FlagSpec, FlagValue, Flags } from './args.js';
