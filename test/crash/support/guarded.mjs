#!/usr/bin/env node
// Runs a TypeScript module (through tsx, with the root tsconfig's paths, like the repository's
// swf-flow launcher) in a process that cannot outlive the test that started it: when the parent's
// end of stdin closes (the test finished, failed, or was killed), this process kills itself.
// Usage: node guarded.mjs <module.ts> [args...]; the module sees process.argv as [node, module, ...args].
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

process.stdin.on('end', () => process.kill(process.pid, 'SIGKILL'));
process.stdin.on('error', () => process.kill(process.pid, 'SIGKILL'));
process.stdin.resume();
process.stdin.unref(); // watching stdin must not keep the process alive once its work is done

const { register } = await import('tsx/esm/api');
register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
const [module, ...args] = process.argv.slice(2);
if (!module) throw new Error('usage: guarded.mjs <module.ts> [args...]');
const path = resolve(module);
process.argv = [process.argv[0], path, ...args];
await import(pathToFileURL(path).href);
