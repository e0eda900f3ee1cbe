import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeExports, workflowsImportError } from './workflows-module.js';

const HELLO_TS = fileURLToPath(new URL('../test/fixtures/hello-workflows.ts', import.meta.url));

/** What plain Node (no tsx, no loader) throws importing `file`, or `undefined` if it loads it. */
function plainNodeImport(file: string): Error | undefined {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import(${JSON.stringify(pathToFileURL(file).href)}).then(() => console.log('null'), (e) => console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message })))`,
    ],
    { env, encoding: 'utf8' },
  );
  const thrown = JSON.parse(child.stdout.trim()) as { name: string; code?: string; message: string } | null;
  if (thrown === null) return undefined;
  return Object.assign(new Error(thrown.message), { name: thrown.name, code: thrown.code });
}

describe('workflowsImportError', () => {
  it('a .ts module under a Node that does not run TypeScript: says to use the built .js or tsx', () => {
    const err = plainNodeImport(HELLO_TS);
    // A Node that strips types (22.18+, 23.6+) gets further: then it fails on something else, said as such.
    if ((err as { code?: string } | undefined)?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') return;
    expect(workflowsImportError('test/fixtures/hello-workflows.ts', err).message).toBe(
      'cannot load the --workflows module test/fixtures/hello-workflows.ts: this Node does not run TypeScript. ' +
        "Point --workflows at the built .js (works everywhere), or run swf-flow through tsx: 'npx tsx node_modules/.bin/swf-flow ...' (in this repository, 'npx swf-flow')",
    );
  });

  it('a module that is not valid JavaScript', () => {
    let err: unknown;
    try {
      new Function('export const = ;');
    } catch (e) {
      err = e;
    }
    expect(workflowsImportError('dist/workflows.js', err).message).toMatch(
      /^cannot load the --workflows module dist\/workflows\.js: it is not valid JavaScript \(SyntaxError: .+\); pass the module that exports your workflow functions, or fix its syntax$/,
    );
  });

  it('keeps the error it explains as its cause', () => {
    const err = new Error('boom');
    expect(workflowsImportError('w.js', err).cause).toBe(err);
  });
});

describe('describeExports', () => {
  it('names what a module exports and what each is', () => {
    expect(describeExports({})).toBe('it exports nothing');
    expect(describeExports({ a: 1, b: null, c: [], d: {}, e: class {}, f: () => {} })).toBe(
      'it exports a (a number), b (null), c (an array), d (an object), e (a class), f (a function)',
    );
    expect(describeExports(Object.fromEntries([...'abcdefgh'].map((k) => [k, 1])))).toMatch(/, and 2 more$/);
  });
});
