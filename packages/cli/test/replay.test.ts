/**
 * `swf-flow replay` against the hello-echo example's recorded histories: the unchanged workflow
 * replays them all; a deliberately changed one fails with NonDeterminismError and exit status 1.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const path = (p: string): string => relative(process.cwd(), fileURLToPath(new URL(p, import.meta.url)));
const FIXTURES = path('../../../examples/hello-echo/test/fixtures');
const HELLO = path('./fixtures/hello-workflows.ts');
const CHANGED = path('./fixtures/changed-workflows.ts');

/** A scratch folder with files that are not workflows modules, each written as named. */
const SCRATCH = mkdtempSync(join(tmpdir(), 'swf-flow-replay-modules-'));
function scratch(name: string, content: string): string {
  const file = join(SCRATCH, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

describe('swf-flow replay --workflows pointed at something that is not a workflows module', () => {
  const hostname = scratch('hostname', 'vm\n');
  const folder = dirname(scratch('built/index.js', 'export {};\n'));
  const history = `${FIXTURES}/completed-json-input.json`;
  it.each([
    [
      'a text file',
      hostname,
      2,
      `--workflows ${hostname} is not a JavaScript or TypeScript module (its name does not end in .js, .mjs, .cjs, .ts, .mts, .cts)`,
    ],
    [
      'a directory',
      folder,
      2,
      `--workflows ${folder} is a directory; pass the module file in it that exports your workflow functions (here: ${folder}/index.js)`,
    ],
    [
      'a JSON file (a history)',
      history,
      2,
      `--workflows ${history} is a JSON file, not a module: a recorded history is an argument of its own`,
    ],
    [
      'a .js file holding text',
      scratch('hostname.js', 'vm\n'),
      1,
      'threw while it was imported (ReferenceError: vm is not defined)',
    ],
    [
      'a module that throws on import',
      scratch('throws.mjs', "throw new Error('no DATABASE_URL');\n"),
      1,
      'threw while it was imported (no DATABASE_URL); a workflows module must load without failing',
    ],
    [
      'a module that imports what is not installed',
      scratch('imports.mjs', "import 'swf-flow-no-such-package';\n"),
      1,
      'it imports something that cannot be found',
    ],
    [
      'a module with no workflows',
      path('./fixtures/no-workflows.ts'),
      1,
      'exports no workflow function (it exports GREETING (a string), NotAWorkflow (a class))',
    ],
  ])('%s: says so, naming the file and what to pass', async (_what, module, status, message) => {
    const r = await run(['replay', FIXTURES, '--workflows', module]);
    expect(r.err).toContain(message);
    expect(r.err).toContain(module);
    expect(r.err).not.toMatch(/^\s+at /m);
    expect(r.status).toBe(status);
  });
});

describe('swf-flow replay', () => {
  it('replays a folder of histories: one ok line per file, exit 0', async () => {
    const r = await run(['replay', FIXTURES, '--workflows', HELLO]);
    expect(r).toMatchObject({ status: 0, err: '' });
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toContain(`ok  ${FIXTURES}/completed-json-input.json  COMPLETED`);
    expect(lines).toContain(`ok  ${FIXTURES}/failed-activity.json  FAILED`);
    expect(lines).toContain(`ok  ${FIXTURES}/open-just-started.json  OPEN`);
    expect(lines.at(-1)).toBe(`${lines.length - 1} histories replayed: ${lines.length - 1} ok, 0 failed`);
  });

  it("takes the workflows in an exported list: a worker module's `workflows` beside its createWorker", async () => {
    const r = await run(['replay', FIXTURES, '--workflows', path('./fixtures/worker-module.ts')]);
    expect(r).toMatchObject({ status: 0, err: '' });
    expect(r.out).toContain(`ok  ${FIXTURES}/completed-json-input.json  COMPLETED`);
    expect(r.out).not.toMatch(/^FAIL /m);
  });

  it('fails, naming the file and the determinism error, when the workflow changed (exit 1)', async () => {
    const file = `${FIXTURES}/completed-json-input.json`;
    const r = await run(['replay', file, `${FIXTURES}/open-just-started.json`, '--workflows', CHANGED]);
    expect(r.status).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^FAIL ${file}  NonDeterminismError: Workflow code does not match its history at event 5: the history recorded ActivityTaskScheduled Echo 1\\.0 .* but the code now did StartTimer`,
      ),
    );
    expect(lines[1]).toBe(`ok  ${FIXTURES}/open-just-started.json  OPEN`); // nothing recorded after the start yet
    expect(lines[2]).toBe('2 histories replayed: 1 ok, 1 failed');
  });

  it('reports a missing history as a failure and goes on', async () => {
    const r = await run([
      'replay',
      'no/such/history.json',
      `${FIXTURES}/completed-json-input.json`,
      '--workflows',
      HELLO,
    ]);
    expect(r.status).toBe(1);
    expect(r.out).toContain('FAIL no/such/history.json  no such file or folder');
    expect(r.out).toContain(`ok  ${FIXTURES}/completed-json-input.json  COMPLETED`);
  });

  it('says when the history is of a type the module does not export', async () => {
    const r = await run([
      'replay',
      `${FIXTURES}/completed-json-input.json`,
      '--workflows',
      path('./fixtures/replay-other-type.ts'),
    ]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      "ValidationError: the history is of workflow type 'HelloWorld', which is not among the workflows given (Other): " +
        `export the workflow function defined with name 'HelloWorld' from ${path('./fixtures/replay-other-type.ts')} (a named export, or in an exported list)\n`,
    );
  });

  it.each([
    [
      ['replay', FIXTURES],
      2,
      "--workflows is required (the module that exports your workflow functions); see 'swf-flow replay --help'",
    ],
    [['replay', '--workflows', HELLO], 2, 'name at least one history file or folder to replay'],
    [['replay', FIXTURES, '--workflows', 'no/such/module.js'], 2, '--workflows no/such/module.js: no such file'],
    [['replay', FIXTURES, '--workflows', HELLO, '--bogus'], 2, "unknown option --bogus; see 'swf-flow replay --help'"],
  ])('rejects %j with status %i', async (argv, status, message) => {
    const r = await run(argv);
    expect(r.status).toBe(status);
    expect(r.err).toContain(message);
  });

  it('has --help', async () => {
    const r = await run(['replay', '--help']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('Usage: swf-flow replay <file-or-folder>... --workflows <module>');
    expect(r.out).toContain('built JavaScript works everywhere');
  });

  it('as a program run through tsx: a .ts --workflows module, exit status 1 on a changed workflow', async () => {
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [tsx, '--tsconfig', `${root}tsconfig.json`, bin, 'replay', FIXTURES, '--workflows', CHANGED],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(stdout).toContain(`FAIL ${FIXTURES}/completed-json-input.json  NonDeterminismError`);
    expect(code).toBe(1);
  }, 30_000);
});
