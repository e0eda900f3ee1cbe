/**
 * What `--workflows <path>` points at, and why it could not be loaded, in words that name the file
 * and say what to pass instead: a path that is missing, a directory, a JSON file (a history given
 * in the wrong place), a file that is not a JavaScript or TypeScript module (`/etc/hostname`), a
 * `.ts` module under a Node that does not run TypeScript, a module that is not valid JavaScript,
 * imports what is not installed, or throws while it is imported.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { UsageError } from './args.js';

/** The file names a workflows module may have. */
export const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'] as const;

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);

/** Module files a directory may hold, to suggest when a directory was given. */
const LIKELY = [
  'index.js',
  'index.mjs',
  'index.ts',
  'workflows.js',
  'workflows.ts',
  'dist/workflows.js',
  'dist/index.js',
];

const WHAT = 'pass the module that exports your workflow functions (e.g. --workflows dist/workflows.js)';

/**
 * The absolute path of the `--workflows` module at `path`, or a {@link UsageError} saying what
 * `path` is instead and what to pass.
 */
export function workflowsModuleFile(command: string, path: string): string {
  const file = resolve(path);
  const flag = `${command}: --workflows ${path}`;
  if (!existsSync(file)) throw new UsageError(`${flag}: no such file; ${WHAT}`);
  const stat = statSync(file);
  if (stat.isDirectory()) {
    const inside = LIKELY.filter((name) => existsSync(join(file, name))).map((name) => join(path, name));
    const suggest = inside.length > 0 ? ` (here: ${inside.join(' or ')})` : '';
    throw new UsageError(
      `${flag} is a directory; pass the module file in it that exports your workflow functions${suggest}`,
    );
  }
  if (!stat.isFile()) throw new UsageError(`${flag} is not a file; ${WHAT}`);
  const ext = extname(file).toLowerCase();
  if (ext === '.json') {
    throw new UsageError(
      `${flag} is a JSON file, not a module: a recorded history is an argument of its own (${command} ${path} --workflows <module>), ` +
        'and --workflows names the module that exports your workflow functions',
    );
  }
  if (!(MODULE_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new UsageError(
      `${flag} is not a JavaScript or TypeScript module (its name does not end in ${MODULE_EXTENSIONS.join(', ')}); ${WHAT}`,
    );
  }
  return file;
}

/** The first line of an error's message, cut to a readable length. */
function firstLine(err: unknown): string {
  const e = err as { name?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const line = message.split('\n')[0] ?? '';
  const name = typeof e?.name === 'string' && e.name !== 'Error' ? `${e.name}: ` : '';
  return `${name}${line.length > 300 ? `${line.slice(0, 300)}...` : line}`;
}

/**
 * The error to report when importing the `--workflows` module at `path` failed with `err` (the
 * command's name is put before it where it is printed).
 */
export function workflowsImportError(path: string, err: unknown): Error {
  const code = (err as { code?: unknown })?.code;
  const ts = TYPESCRIPT.has(extname(path).toLowerCase());
  const head = `cannot load the --workflows module ${path}`;
  let why: string;
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && ts) {
    why =
      'this Node does not run TypeScript. Point --workflows at the built .js (works everywhere), ' +
      "or run swf-flow through tsx: 'npx tsx node_modules/.bin/swf-flow ...' (in this repository, 'npx swf-flow')";
  } else if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    why = `it imports something that cannot be found (${firstLine(err)}); install the package (npm install) or fix the import path`;
  } else if (err instanceof SyntaxError) {
    why = `it is not valid ${ts ? 'TypeScript for this runner' : 'JavaScript'} (${firstLine(err)}); pass the module that exports your workflow functions, or fix its syntax`;
  } else {
    why =
      `it threw while it was imported (${firstLine(err)}); a workflows module must load without failing: ` +
      'fix what it runs when imported (its top-level code), or move that code out of the module the replay loads';
  }
  return new Error(`${head}: ${why}`, { cause: err });
}

/** How an export is shown in "exports no workflow function (it exports ...)". */
function kindOf(value: unknown): string {
  if (typeof value === 'function')
    return Function.prototype.toString.call(value).startsWith('class') ? 'a class' : 'a function';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** What a module exports, for the message of a module with no workflow function. */
export function describeExports(mod: Record<string, unknown>): string {
  const names = Object.keys(mod);
  if (names.length === 0) return 'it exports nothing';
  const shown = names.slice(0, 6).map((name) => `${name} (${kindOf(mod[name])})`);
  return `it exports ${shown.join(', ')}${names.length > 6 ? `, and ${names.length - 6} more` : ''}`;
}
