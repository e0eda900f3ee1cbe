/**
 * Opens a better-sqlite3 database, the one place the service loads SQLite's native module. A
 * native module is built for one Node.js ABI (`NODE_MODULE_VERSION`), platform and architecture:
 * `node_modules` installed under Node 20 and then run under Node 22, copied from another machine, or
 * installed with `--ignore-scripts`, makes the first `new Database()` throw Node's loader error,
 * which names neither swf-flow nor the command that fixes it. That error becomes a
 * {@link NativeModuleError} saying what is wrong and what to run.
 */
import { dirname, sep } from 'node:path';
import Database from 'better-sqlite3';
import { SwfFlowError, symbolBasedInstanceOf } from '@swf-flow/common';

/** The Node.js major version of each `NODE_MODULE_VERSION` (nodejs.org's ABI registry), for the message. */
const NODE_OF_ABI: Readonly<Record<string, string>> = {
  '108': '18',
  '115': '20',
  '120': '21',
  '127': '22',
  '131': '23',
  '137': '24',
  '141': '25',
};

/**
 * Thrown when SQLite's native module (better-sqlite3) cannot be loaded: built for another Node.js,
 * another platform or architecture, or never built. The message says which, and what to run.
 */
export class NativeModuleError extends SwfFlowError {}
symbolBasedInstanceOf(NativeModuleError, 'swf-flow.error.NativeModuleError');
Object.defineProperty(NativeModuleError.prototype, 'name', {
  value: 'NativeModuleError',
  configurable: true,
  writable: true,
});

function nodeOf(abi: string): string {
  const major = NODE_OF_ABI[abi];
  return major ? `Node.js ${major}` : `NODE_MODULE_VERSION ${abi}`;
}

/** The folder holding the `node_modules` that holds `file`, where `npm rebuild` is run; else `undefined`. */
function projectOf(file: string): string | undefined {
  const at = file.lastIndexOf(`${sep}node_modules${sep}`);
  return at < 0 ? undefined : file.slice(0, at) || sep;
}

/**
 * The {@link NativeModuleError} for `err` if it is a failure to load better-sqlite3's native module
 * (Node's `ERR_DLOPEN_FAILED`, an ABI mismatch, or the `bindings` package finding no build), else
 * `undefined`.
 */
export function nativeModuleError(err: unknown): NativeModuleError | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  const message = err.message;
  const abi = /NODE_MODULE_VERSION (\d+)\. This version of Node\.js requires\s+NODE_MODULE_VERSION (\d+)/.exec(message);
  const missing = /Could not locate the bindings file/.test(message);
  if (code !== 'ERR_DLOPEN_FAILED' && !abi && !missing) return undefined;
  const file = /(\S+\.node)\b/.exec(message)?.[1]?.replace(/^'|'$/g, '');
  const project = file ? projectOf(file) : undefined;
  const where = project ? ` in ${project}` : '';
  // npm runs the install script under the first node on PATH, which need not be this one (npx node@22)
  const bin = dirname(process.execPath);
  const command =
    process.platform === 'win32'
      ? `with ${bin} first on PATH, \`npm rebuild better-sqlite3\``
      : `\`PATH="${bin}:$PATH" npm rebuild better-sqlite3\``;
  const rebuild =
    `rebuild it for this Node.js (${process.execPath})${where}: ${command} (it downloads a prebuilt binary, ` +
    'or compiles one with python3, make and a C++ compiler), or reinstall under it (`rm -rf node_modules && npm install`)';
  let what: string;
  if (abi?.[1] && abi[2]) {
    what =
      `SQLite's native module (better-sqlite3${file ? `, ${file}` : ''}) was built for ${nodeOf(abi[1])} ` +
      `(NODE_MODULE_VERSION ${abi[1]}) and this is ${nodeOf(abi[2])} (NODE_MODULE_VERSION ${abi[2]}): ` +
      'node_modules was installed under another Node.js';
  } else if (missing) {
    what =
      "SQLite's native module (better-sqlite3) was never built: node_modules was installed without running its install script";
  } else {
    what =
      `SQLite's native module (better-sqlite3${file ? `, ${file}` : ''}) cannot be loaded on this system ` +
      `(${process.platform}-${process.arch}, Node.js ${process.versions.node}): it was built for another platform, architecture or ` +
      `Node.js, or is damaged (${message.split('\n')[0] ?? ''})`;
  }
  return new NativeModuleError(`the local SWF service cannot open its database: ${what}. To fix it, ${rebuild}.`, {
    cause: err,
  });
}

/**
 * `new Database(file, options)`, with a failure to load the native module reported as a
 * {@link NativeModuleError}. (`options.nativeBinding`, better-sqlite3's own option, names another
 * build of the module.)
 */
export function openSqlite(file: string, options?: Database.Options): Database.Database {
  try {
    return new Database(file, options);
  } catch (err) {
    throw nativeModuleError(err) ?? err;
  }
}
