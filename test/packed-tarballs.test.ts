/**
 * Slow, and what a new user meets: every package built and packed as a release does, checked with
 * publint and arethetypeswrong; then, outside the repository, `npm create swf-flow` from the packed
 * create-swf-flow writes a project on the packed packages, whose README commands `npm install &&
 * npm start` (a workflow on the local service) and `npm test` (tsc + the replay test) work, and so
 * does README "Shipping": `npm run build`, then the built worker and starter on plain node against
 * `swf-flow server` (dist/ importing only the dependencies); a workflow change that breaks the
 * fixture fails the replay test with a short report (the message, the workflow line, the test
 * line); in the same installed project plain ESM JavaScript and CommonJS run a workflow against
 * the local service, and a standard-decorators file compiled by tsc runs on node with the same
 * activity types as the legacy form. (npm reaches the registry only for third-party packages:
 * vitest, tsx, ...)
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndPack, type Packed } from './support/pack.js';
import { startProgram } from './support/program.js';
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
  env: NodeJS.ProcessEnv = userEnv(),
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await exec(file, args, { cwd, timeout, maxBuffer: 32 * 1024 * 1024, env });
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
  it(
    'the project builds (`npm run build`), and its built worker and starter run on node against `swf-flow server`, as README "Shipping" says',
    async () => {
      await sh(app, 'npm', ['run', 'build', '--silent'], 2 * MINUTE);
      // What `npm ci --omit=dev` installs is enough: dist/ imports only the dependencies and node's own modules.
      const deps = Object.keys(
        (JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
          .dependencies,
      );
      const built = readdirSync(join(app, 'dist')).filter((f) => f.endsWith('.js'));
      expect(built.sort()).toEqual(['activities.js', 'program.js', 'starter.js', 'worker.js', 'workflows.js']); // not npm start's main.js
      for (const file of built) {
        const text = readFileSync(join(app, 'dist', file), 'utf8');
        for (const [, spec = ''] of text.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
          if (spec.startsWith('.') || spec.startsWith('node:')) continue;
          expect(deps, `dist/${file} imports ${spec}`).toContain(
            spec
              .split('/')
              .slice(0, spec.startsWith('@') ? 2 : 1)
              .join('/'),
          );
        }
      }

      const server = await startProgram(
        join(app, 'node_modules/.bin/swf-flow'),
        ['server', '--port', '0', '--data', mkdtempSync(join(work, 'service-'))],
        { cwd: app, env: userEnv(), ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/, timeoutMs: MINUTE },
      );
      let workerExit: number | string = 'not started';
      let workerOutput = '';
      try {
        const env = { ...userEnv(), AWS_ENDPOINT_URL_SWF: server.ready[1] };
        const worker = await startProgram(process.execPath, ['dist/worker.js'], {
          cwd: app,
          env,
          ready: /^worker polling domain greetings, task list greetings \(Ctrl-C stops it\)$/m,
          timeoutMs: MINUTE,
        });
        try {
          const started = await sh(app, process.execPath, ['dist/starter.js', 'Ada'], MINUTE, env);
          expect(started.stdout).toMatch(/^greeting-[0-9a-f-]{36}: Hello, Ada!\n$/);
          expect(started.stderr).toBe('');
        } finally {
          workerExit = await worker.stop('SIGTERM');
          workerOutput = worker.output();
        }
      } finally {
        await server.stop('SIGTERM');
      }
      expect(workerExit).toBe(0); // SIGTERM: a graceful stop
      expect(workerOutput).toContain('worker polling domain greetings, task list greetings (Ctrl-C stops it)\n');
      expect(workerOutput).toContain('[swf-flow] info: worker stopped');
      expect(workerOutput).not.toMatch(/warn|error|Warning/i);
    },
    10 * MINUTE,
  );

  it(
    'a workflow change that breaks the fixture fails its replay test with the message first, the workflow line and the test line, and no dump',
    async () => {
      // A copy of the project's workflow and replay test, changed as README "Changing the workflow" shows.
      const changed = join(app, 'changed');
      cpSync(join(app, 'src'), join(changed, 'src'), { recursive: true });
      cpSync(join(app, 'test/replay.test.ts'), join(changed, 'test/replay.test.ts'));
      for (const file of ['vitest.config.ts', 'tsconfig.json']) cpSync(join(app, file), join(changed, file)); // legacy decorators
      const workflows = join(changed, 'src/workflows.ts');
      const code = readFileSync(workflows, 'utf8')
        .replace(
          'import { defineWorkflow, proxyActivities } from',
          'import { defineWorkflow, proxyActivities, sleep } from',
        )
        .replace(
          '    return await activities.composeGreeting(name);',
          "    await sleep('2 seconds');\n    return await activities.composeGreeting(name);",
        );
      expect(code).toContain("await sleep('2 seconds');");
      writeFileSync(workflows, code);
      const sleepLine = code.split('\n').findIndex((l) => l.includes("await sleep('2 seconds')")) + 1;
      try {
        // The fixtures' paths in the test are relative to the project folder, vitest's working folder.
        const run = await sh(
          app,
          process.execPath,
          ['node_modules/vitest/vitest.mjs', 'run', '--root', 'changed'],
          2 * MINUTE,
        ).then(
          () => undefined,
          (err: Error) => err.message,
        );
        expect(run).toBeDefined();
        const out = run ?? '';
        expect(out).toMatch(/Tests {2}2 failed \(2\)/);
        // replayHistory: the divergence (its line relative to the working folder, the project; vitest's frame
        // names it relative to its --root), then the workflow's line with vitest's code frame of it.
        expect(out).toMatch(
          new RegExp(
            String.raw`> replays the recorded run and returns its greeting\nNonDeterminismError: Workflow code does not match its history at event 5: .*\(at (changed/)?src/workflows\.ts:${sleepLine}:\d+\)\. If executions of the old code may still be open, .*patched\(id\).* > test/fixtures/greeting-completed\.json\n ❯ src/workflows\.ts:${sleepLine}:\d+\n.*\n.*\n +${sleepLine}\|     await sleep\('2 seconds'\);`,
          ),
        );
        // replayHistories: the report (the file by its path in the project, what to do with the command), then the test's line.
        expect(out).toMatch(
          /> replays every recorded history\nHistoryReplayError: 1 of 1 histories failed to replay:\n {2}test\/fixtures\/greeting-completed\.json: NonDeterminismError: .*patched\(id\).*npx swf-flow history --json .* > test\/fixtures\/greeting-completed\.json\n ❯ test\/replay\.test\.ts:\d+:\d+\n/,
        );
        expect(out).not.toMatch(/AggregateError|Caused by|Serialized Error|node_modules\/@swf-flow/);
        // All vitest printed (stdout and stderr, as sh() reports them): 94 lines with the inner errors' dump.
        expect(out.slice(out.indexOf('--- stdout')).split('\n').length).toBeLessThan(50);
      } finally {
        rmSync(changed, { recursive: true, force: true });
      }
    },
    5 * MINUTE,
  );
});
