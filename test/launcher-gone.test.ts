/**
 * A service or a worker started through npm stops when npm does. Real processes: npm runs
 * `swf-flow server` or a worker program (through `sh -c`, as npm runs every script), npm is stopped
 * with SIGTERM (which it passes to `sh` alone) or SIGKILL (which it passes to no one), and the
 * program must be gone (the service's data directory free), not left running as an orphan.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer } from '@swf-flow/server';

const LAUNCHER = fileURLToPath(new URL('../packages/cli/bin/swf-flow-dev.mjs', import.meta.url));
const RUN_TS = fileURLToPath(new URL('../scripts/run-ts.mjs', import.meta.url));
const WORKER = fileURLToPath(new URL('fixtures/npm-worker.ts', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const dirs: string[] = [];
const groups: ChildProcess[] = [];
afterAll(() => {
  for (const npm of groups) {
    try {
      if (npm.pid) process.kill(-npm.pid, 'SIGKILL'); // whatever a failed check left behind
    } catch {
      // the group is gone
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Whether `pid` has exited (or is a zombie no one reaped: it holds nothing). */
function exited(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return process.platform === 'linux';
  }
}

/** `npm run serve` in a new project whose script is `script`; resolves with npm once it printed `ready`. */
async function throughNpm(
  script: string,
  ready: RegExp,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ npm: ChildProcess; project: string; out: () => string }> {
  const project = mkdtempSync(join(tmpdir(), 'swf-flow-npm-'));
  dirs.push(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'p', private: true, scripts: { serve: script } }),
  );
  const env = { ...process.env, ...extraEnv };
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key]; // as from a shell
  const npm = spawn(NPM, ['run', '--silent', 'serve'], {
    cwd: project,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  groups.push(npm);
  let out = '';
  npm.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  npm.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await expect.poll(() => out, { timeout: 60_000 }).toMatch(ready);
  return { npm, project, out: () => out };
}

/** `swf-flow server` through npm; resolves once it listens, with its data directory and pid. */
async function serveThroughNpm(): Promise<{ npm: ChildProcess; dataDir: string; servicePid: number }> {
  const { npm, project } = await throughNpm(
    `"${process.execPath}" "${LAUNCHER}" server --port 0 --data ./data`,
    /listening on http/,
  );
  const dataDir = join(project, 'data');
  const holder = JSON.parse(readFileSync(join(dataDir, 'swf.lock.json'), 'utf8')) as { pid: number };
  expect(holder.pid).not.toBe(npm.pid);
  return { npm, dataDir, servicePid: holder.pid };
}

describe.skipIf(process.platform === 'win32')('a service started through npm, when npm is gone', () => {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`npm stopped with ${signal}: the service stops too and its data directory is free`, async () => {
      const { npm, dataDir, servicePid } = await serveThroughNpm();
      npm.kill(signal);
      await expect.poll(() => exited(servicePid), { timeout: 30_000, interval: 100 }).toBe(true);
      const again = await createServer({ port: 0, dataDir }); // DataDirectoryInUseError if anyone held it
      await again.close();
    }, 120_000);
  }

  it('a worker program (npm run worker) whose npm got SIGTERM shuts down gracefully and exits', async () => {
    const service = await createServer({ port: 0, dataDir: ':memory:' });
    try {
      const run = await throughNpm(`"${process.execPath}" "${RUN_TS}" "${WORKER}"`, /worker \d+ running/, {
        AWS_ENDPOINT_URL_SWF: service.url,
      });
      const workerPid = Number(/worker (\d+) running/.exec(run.out())?.[1]);
      run.npm.kill('SIGTERM');
      await expect.poll(() => exited(workerPid), { timeout: 30_000, interval: 100 }).toBe(true);
    } finally {
      await service.close();
    }
  }, 120_000);
});
