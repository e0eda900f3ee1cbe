/**
 * `scripts/run-ts.mjs`, what `npm start` runs: a TypeScript program bundled with esbuild and cached,
 * run in a real child process. The bundle must behave as the program started directly would (its own
 * `process.argv`, each module's own `import.meta.url`, stack traces naming the .ts sources), be
 * rebuilt when a source changes, and refuse bad arguments and broken sources with a clear message.
 * It offers the program its bundler for a thread's program (the local service's thread uses it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const script = join(root, 'scripts/run-ts.mjs');
const dir = mkdtempSync(join(tmpdir(), 'swf-flow-run-ts-'));
const cache = join(dir, 'cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runTs(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [script, ...args], {
    cwd: dir,
    env: { ...process.env, SWF_FLOW_RUN_TS_CACHE: cache, SWF_FLOW_RUN_TS_DEBUG: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

const main = join(dir, 'main.ts');
const dep = join(dir, 'dep.ts');
writeFileSync(
  main,
  [
    "import { depUrl, fail, greeting } from './dep.js';",
    'const typed: string = greeting;',
    'console.log(JSON.stringify({ mainUrl: import.meta.url, depUrl, argv: process.argv.slice(1), typed }));',
    "if (process.argv.includes('--fail')) fail();",
    '',
  ].join('\n'),
);
function writeDep(greeting: string): void {
  writeFileSync(
    dep,
    [
      `export const greeting: string = ${JSON.stringify(greeting)};`,
      'export const depUrl: string = import.meta.url;',
      'export function fail(): never {',
      "  throw new Error('failed on purpose');",
      '}',
      '',
    ].join('\n'),
  );
}

describe('scripts/run-ts.mjs (npm start runs the order example through it)', () => {
  it('runs a program as if started directly, caches its bundle and rebuilds it when a source changes', () => {
    writeDep('hello');
    const first = runTs('main.ts', 'a', '--b');
    expect(first.stderr).toMatch(/run-ts: built /);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      mainUrl: pathToFileURL(main).href,
      depUrl: pathToFileURL(dep).href,
      argv: [main, 'a', '--b'],
      typed: 'hello',
    });

    const second = runTs('main.ts');
    expect(second.stderr).toMatch(/run-ts: cached /);
    expect(JSON.parse(second.stdout).typed).toBe('hello');

    writeDep('hello again');
    const third = runTs('main.ts');
    expect(third.stderr).toMatch(/run-ts: built /);
    expect(JSON.parse(third.stdout).typed).toBe('hello again');
  });

  it('names the .ts source and line of an error in its stack trace', () => {
    writeDep('hello');
    const res = runTs('main.ts', '--fail');
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('Error: failed on purpose');
    expect(res.stderr).toContain(`${dep}:4:`);
  });

  it("offers the program its bundler: a thread's program is bundled and cached like the program", () => {
    writeDep('from a thread');
    writeFileSync(
      join(dir, 'threaded.ts'),
      [
        "import { Worker } from 'node:worker_threads';",
        "const bundle = (globalThis as Record<symbol, (entry: string) => Promise<string>>)[Symbol.for('swf-flow.run-ts.bundle')];",
        "const url = await bundle('thread-main.ts');",
        'const worker = new Worker(new URL(url));',
        "worker.on('message', (m: unknown) => console.log(JSON.stringify({ url, m })));",
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'thread-main.ts'),
      [
        "import { parentPort } from 'node:worker_threads';",
        "import { depUrl, greeting } from './dep.js';",
        'const typed: string = greeting;',
        'parentPort!.postMessage({ typed, depUrl, ownUrl: import.meta.url });',
        '',
      ].join('\n'),
    );
    const res = runTs('threaded.ts');
    expect(res.status).toBe(0);
    expect(res.stderr).toMatch(/run-ts: built .*\n.*run-ts: built /);
    const out = JSON.parse(res.stdout) as { url: string; m: Record<string, string> };
    expect(out.url).toMatch(/^file:.*\.mjs$/);
    expect(out.m).toEqual({
      typed: 'from a thread',
      depUrl: pathToFileURL(dep).href,
      ownUrl: pathToFileURL(join(dir, 'thread-main.ts')).href,
    });
    expect(runTs('threaded.ts').stderr).toMatch(/run-ts: cached .*\n.*run-ts: cached /);
  });

  it('refuses a missing program, a file that is not TypeScript and a source that does not compile', () => {
    const missing = runTs('nope.ts');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.ts does not exist');

    for (const args of [[], ['main.js']]) {
      const usage = runTs(...args);
      expect(usage.status).toBe(2);
      expect(usage.stderr).toContain('usage: node scripts/run-ts.mjs <program.ts>');
    }

    writeFileSync(join(dir, 'broken.ts'), 'export const x = ;\n');
    const broken = runTs('broken.ts');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('broken.ts');
    expect(broken.stderr).toContain('run-ts: could not compile');
  });
});
