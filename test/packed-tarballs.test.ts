/**
 * Slow, and what a new user meets: every package built and packed as a release does, checked with
 * publint and arethetypeswrong; then, outside the repository, `npm create swf-flow` from the packed
 * create-swf-flow writes a project on the packed packages, whose README commands `npm install &&
 * npm start` (a workflow on the local service) and `npm test` (tsc + the replay test) work; in the
 * same installed project plain ESM JavaScript and CommonJS run a workflow against the local
 * service, and a standard-decorators file compiled by tsc runs on node with the same activity
 * types as the legacy form. (npm reaches the registry only for third-party packages: vitest, tsx, ...)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndPack, type Packed } from './support/pack.js';
import { CJS_WORKER, ESM_WORKER, STANDARD_DECORATORS, STANDARD_TSCONFIG } from './support/consumer-files.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const exec = promisify(execFile);
const MINUTE = 60_000;

/** A user's shell: without this test run's own variables (vitest's, the SDK switch vitest.config.ts sets). */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
  };
  const own = new Set(['NODE_OPTIONS', 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'TEST', 'FORCE_COLOR']);
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && !own.has(key)) env[key] = value;
  }
  return env;
}

/** Runs a command in `cwd`; on failure the error carries its output. */
async function sh(
  cwd: string,
  file: string,
  args: string[],
  timeout: number,
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await exec(file, args, { cwd, timeout, maxBuffer: 32 * 1024 * 1024, env: userEnv() });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${file} ${args.join(' ')} failed in ${cwd}: ${e.message}\n--- stdout\n${e.stdout ?? ''}\n--- stderr\n${e.stderr ?? ''}`,
    );
  }
}

describe('packed tarballs, installed outside the repository (slow: build, pack, npm install)', () => {
  const work = mkdtempSync(join(tmpdir(), 'swf-flow-packed-'));
  const app = join(work, 'my-app');
  let packed: Packed;
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // The project every test below uses is made here, not by a test: the tests stay independent of
  // each other's order (`npm run test:repeat` shuffles tests inside a file too).
  let created: { stdout: string };
  beforeAll(async () => {
    packed = await buildAndPack(root, work);
    const create = packed.files.get('create-swf-flow') ?? '';
    created = await sh(
      work,
      'npm',
      ['exec', '--yes', `--package=${create}`, '--', 'create-swf-flow', 'my-app', '--from-tarballs', packed.tarballs],
      2 * MINUTE,
    );
    await sh(app, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], 12 * MINUTE);
  }, 30 * MINUTE);

  it(
    'publint and arethetypeswrong accept every tarball (ESM, CJS and type exports)',
    async () => {
      expect([...packed.files.keys()].sort()).toEqual([
        '@swf-flow/activity',
        '@swf-flow/cli',
        '@swf-flow/client',
        '@swf-flow/common',
        '@swf-flow/dev',
        '@swf-flow/server',
        '@swf-flow/testing',
        '@swf-flow/worker',
        '@swf-flow/workflow',
        'create-swf-flow',
      ]);
      for (const [name, tarball] of packed.files) {
        const lint = await sh(
          work,
          process.execPath,
          [join(root, 'node_modules/publint/src/cli.js'), '--strict', tarball],
          MINUTE,
        );
        expect(`${name}: ${lint.stdout}`).not.toMatch(/Errors:|Warnings:/);
        // attw exits 1 on any problem: FalseCJS, FalseESM, missing types, unresolvable imports, ...
        await sh(
          work,
          process.execPath,
          [
            join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'),
            tarball,
            '--format',
            'ascii',
            '--profile',
            'node16',
          ],
          2 * MINUTE,
        );
      }
    },
    10 * MINUTE,
  );

  it(
    'npm create swf-flow writes a project whose `npm install && npm start` and `npm test` work',
    async () => {
      expect(created.stdout).toContain('npm install && npm start');
      const start = await sh(app, 'npm', ['start', '--silent'], 2 * MINUTE);
      const lines = start.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^local SWF service at http:\/\/127\.0\.0\.1:\d+ \(data: .*\.swf-flow\)$/);
      expect(lines.some((l) => /^\s*\d+ ActivityTaskCompleted\s+ComposeGreeting/.test(l))).toBe(true);
      expect(lines.at(-1)).toBe('result: Hello, World!');
      expect(start.stderr).not.toMatch(/NodeVersionSupportWarning|CredentialsProviderError/);

      const test = await sh(app, 'npm', ['test'], 3 * MINUTE);
      expect(test.stdout).toMatch(/Tests\s+2 passed \(2\)/);
    },
    20 * MINUTE,
  );

  it(
    'in that project, plain ESM JavaScript and CommonJS run a workflow on the local service, and tsc-compiled standard decorators run on node',
    async () => {
      writeFileSync(join(app, 'esm-worker.mjs'), ESM_WORKER);
      writeFileSync(join(app, 'cjs-worker.cjs'), CJS_WORKER);
      expect((await sh(app, process.execPath, ['esm-worker.mjs'], 2 * MINUTE)).stdout.trim()).toBe('HELLO FROM ESM');
      expect((await sh(app, process.execPath, ['cjs-worker.cjs'], 2 * MINUTE)).stdout.trim()).toBe('HELLO FROM CJS');

      writeFileSync(join(app, 'standard.mts'), STANDARD_DECORATORS);
      writeFileSync(join(app, 'tsconfig.standard.json'), STANDARD_TSCONFIG);
      await sh(
        app,
        process.execPath,
        [join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.standard.json'],
        2 * MINUTE,
      );
      expect(readFileSync(join(app, 'out-standard/standard.mjs'), 'utf8')).toContain('__esDecorate'); // TC39 decorators, as tsc emits them
      const standard = JSON.parse(
        (await sh(app, process.execPath, ['out-standard/standard.mjs'], MINUTE)).stdout,
      ) as unknown;
      const legacy = JSON.parse(
        (await sh(app, process.execPath, [join(app, 'node_modules/tsx/dist/cli.mjs'), 'standard.mts'], MINUTE)).stdout,
      ) as unknown;
      expect(standard).toEqual(legacy); // the app's tsconfig has experimentalDecorators: tsx runs the legacy form
      expect(standard).toEqual({
        types: [
          {
            methodName: 'shout',
            name: 'Shout',
            version: '1',
            taskList: 'std',
            startToCloseTimeout: '60',
            heartbeatTimeout: '30',
          },
          { methodName: 'whisper', name: 'Shouter.whisper', version: '1', taskList: 'std', startToCloseTimeout: '60' },
        ],
        shout: 'X',
      });
    },
    10 * MINUTE,
  );
});
