/**
 * The guide's (docs/guide.md) "Running it" snippet, as written, against the local service over
 * real HTTP in a child process with no AWS credentials anywhere (no AWS_* variables, an empty
 * HOME): the worker and the client fall back to placeholder credentials for the loopback endpoint,
 * the order completes, and the SDK's Node version reminder is not printed (while a plain SDK client
 * in the same kind of process still prints it on Node < 22, so the check can fail).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type LocalSwfServer } from '@swf-flow/server';

const root = fileURLToPath(new URL('../', import.meta.url));
const tsxCli = join(root, 'node_modules/tsx/dist/cli.mjs');
const run = promisify(execFile);

/** The first ```ts block under the guide's (docs/guide.md) heading `heading`. */
function readmeBlock(heading: string): string {
  const readme = readFileSync(join(root, 'docs/guide.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`## ${heading}\n`));
  const block = /```ts\n([\s\S]*?)```/.exec(section.slice(0, section.indexOf('\n## ', 3)));
  if (!block?.[1]) throw new Error(`docs/guide.md has no ts block under "## ${heading}"`);
  return block[1];
}

/** The environment of a person with no AWS configuration at all. */
function bareEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('AWS_') && !k.startsWith('VITEST') && k !== 'NODE_OPTIONS') env[k] = v;
  // (vitest.config.ts sets the SDK's reminder switch for the test log; dropped with the other AWS_* variables here.)
  return { ...env, HOME: home, USERPROFILE: home };
}

describe('the guide\'s "Running it"', () => {
  let server: LocalSwfServer;
  // Inside the workspace (in the git-ignored .tmp/, as .mts files no check reads) so that packages resolve as for a user's file.
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, '.tmp/readme-'));
  beforeAll(async () => {
    server = await createServer({ dataDir: ':memory:', port: 0 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs as written on a loopback endpoint with no AWS credentials, and prints no SDK Node version reminder', async () => {
    const snippet = readmeBlock('Running it');
    expect(snippet).toContain("endpoint: 'http://127.0.0.1:8787'");
    const source = snippet
      .replace('http://127.0.0.1:8787', server.url)
      .replace("'./activities.js'", JSON.stringify(join(root, 'examples/order/src/activities.ts')))
      .replace("'./workflows.js'", JSON.stringify(join(root, 'examples/order/src/workflows.ts')));
    const file = join(dir, 'run.mts');
    writeFileSync(file, source);
    const { stdout, stderr } = await run(process.execPath, [tsxCli, '--tsconfig', join(root, 'tsconfig.json'), file], {
      cwd: root,
      env: bareEnv(dir),
      timeout: 60_000,
    });
    expect(stdout.split('\n')).toContain('ch_order-1_activity-2');
    expect(stderr).not.toMatch(/CredentialsProviderError|NodeVersionSupportWarning/);
  }, 90_000);

  it('control: other warnings still show, and a plain SDK client prints the reminder exactly on Node < 22', async () => {
    const code = [
      "const { SWFClient } = await import('@aws-sdk/client-swf');",
      'const { resolveSwfClient } = await import(' +
        JSON.stringify(join(root, 'packages/common/src/swf-client.ts')) +
        ');',
      "if (process.argv.includes('--plain')) new SWFClient({ region: 'us-east-1' });",
      "else resolveSwfClient(SWFClient, { endpoint: 'http://127.0.0.1:1' });",
      "process.emitWarning('another warning');",
    ].join('\n');
    const file = join(dir, 'control.mts');
    writeFileSync(file, code);
    const args = [tsxCli, '--tsconfig', join(root, 'tsconfig.json'), file];
    const ours = await run(process.execPath, args, { cwd: root, env: bareEnv(dir), timeout: 30_000 });
    expect(ours.stderr).toContain('another warning');
    expect(ours.stderr).not.toContain('NodeVersionSupportWarning');
    const plain = await run(process.execPath, [...args, '--plain'], { cwd: root, env: bareEnv(dir), timeout: 30_000 });
    expect(plain.stderr.includes('NodeVersionSupportWarning')).toBe(Number(process.versions.node.split('.')[0]) < 22);
  }, 60_000);
});
