/**
 * `swf-flow dev` as a program (a real child process): it prints the service's and the web UI's
 * addresses, serves both, and the other commands run in its project folder reach it without
 * --endpoint — until it stops (cleanly, or killed).
 */
import { RegisterDomainCommand, SWFClient } from '@aws-sdk/client-swf';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { swfClientConfig } from '../src/swf-options.js';
import { run } from './helpers.js';

const LAUNCHER = fileURLToPath(new URL('../bin/swf-flow-dev.mjs', import.meta.url));
const children = new Set<ChildProcess>();

/** Starts `swf-flow dev` in `cwd` and waits for its banner. */
async function startDev(
  cwd: string,
  args: readonly string[],
): Promise<{ child: ChildProcess; stdout: () => string; exited: Promise<number | string | null> }> {
  const child = spawn(process.execPath, [LAUNCHER, 'dev', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SWF_FLOW_DATA: '' },
  });
  children.add(child);
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  // Bounds a hang, not the start's speed (tsx compiles the CLI first: ~1 s alone, far more on a loaded machine).
  await expect.poll(() => stdout + stderr, { timeout: 60_000, message: 'the banner' }).toContain('Ctrl-C stops it.');
  return { child, stdout: () => stdout, exited };
}

afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});

describe('swf-flow dev', { timeout: 120_000 }, () => {
  it('prints both addresses, serves the API and the UI, and the commands in its folder find it until it stops', async () => {
    const project = mkdtempSync(join(tmpdir(), 'swf-flow-dev-'));
    const below = join(project, 'src');
    mkdirSync(below);
    const dev = await startDev(project, ['--port', '0']);
    const out = dev.stdout();
    expect(out).toMatch(
      /^swf-flow dev: the local SWF service and its web UI\n {2}SWF endpoint {2}http:\/\/127\.0\.0\.1:\d+\n {2}web UI {8}http:\/\/127\.0\.0\.1:\d+\/\S*\n {2}data {10}\S+\.swf-flow\n/,
    );
    expect(out).not.toContain('\u001b['); // piped: no colour
    const url = /SWF endpoint {2}(\S+)/.exec(out)?.[1] ?? '';
    const ui = /web UI {8}(\S+)/.exec(out)?.[1] ?? '';
    expect(out).toContain(`export SWF_FLOW_ENDPOINT=${url} AWS_ENDPOINT_URL_SWF=${url}`);
    const page = await fetch(ui);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);

    const sdk = new SWFClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await sdk.send(new RegisterDomainCommand({ name: 'dev-found', workflowExecutionRetentionPeriodInDays: '1' }));
    sdk.destroy();
    const found = await run(['list', '-d', 'dev-found'], { cwd: below }); // no --endpoint, no environment
    expect(found).toMatchObject({ status: 0, err: '', out: 'no open executions match (try --closed)\n' });

    dev.child.kill('SIGTERM');
    expect(await dev.exited).toBe(0);
    expect(swfClientConfig('swf-flow x', {}, { env: {}, cwd: below })).toEqual({}); // stopped: Amazon SWF again
  });

  it('a killed service is not used: its pid is gone', async () => {
    const project = mkdtempSync(join(tmpdir(), 'swf-flow-dev-'));
    const dev = await startDev(project, ['--port', '0', '--data', './state']);
    const url = /SWF endpoint {2}(\S+)/.exec(dev.stdout())?.[1] ?? '';
    const env = { SWF_FLOW_DATA: 'state' };
    expect(swfClientConfig('swf-flow x', {}, { env, cwd: project }).endpoint).toBe(url); // found through $SWF_FLOW_DATA
    dev.child.kill('SIGKILL');
    await dev.exited;
    expect(swfClientConfig('swf-flow x', {}, { env, cwd: project })).toEqual({});
  });

  it('has help, and takes the options of server', async () => {
    const r = await run(['dev', '--help']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^Usage: swf-flow dev /);
    expect(r.out).toContain('-p, --port <port>');
    expect((await run(['dev', '--port', 'x'])).err).toContain(
      "swf-flow dev: --port must be a port number from 0 to 65535; got 'x'",
    );
  });
});
