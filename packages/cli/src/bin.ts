#!/usr/bin/env node
/**
 * The `swf-flow` program: runs {@link main} with the process's arguments, streams, environment and
 * signals. Started by npm (`npx swf-flow server`), it also stops when npm is gone (`watchLauncher`).
 */
import { watchLauncher } from '@swf-flow/common';
import { main } from './main.js';

const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
watchLauncher(() => stop.abort());

main(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  signal: stop.signal,
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  cwd: process.cwd(),
}).then(
  (status) => {
    process.exitCode = status;
  },
  (err: unknown) => {
    process.stderr.write(`swf-flow: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
