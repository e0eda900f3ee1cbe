import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  RegisterDomainCommand,
  RegisterWorkflowTypeCommand,
  SWFClient,
  StartWorkflowExecutionCommand,
} from '@aws-sdk/client-swf';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';

const LAUNCHER = fileURLToPath(new URL('../bin/swf-flow-dev.mjs', import.meta.url));

function io(): { out: string[]; err: string[]; stop: AbortController; io: Parameters<typeof main>[1] } {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  return { out, err, stop, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), signal: stop.signal } };
}

describe('swf-flow main', () => {
  it('runs the server until stopped and prints the listening line', async () => {
    const t = io();
    const status = main(['server', '--port', '0', '--data', ':memory:', '--poll-timeout', '2s'], t.io);
    // not the default 1 s: a loaded machine is slower
    await expect
      .poll(() => t.out.join(''), { timeout: 10_000 })
      .toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\nweb UI: http:\/\/127\.0\.0\.1:\d+\/\S*\n$/);
    const url = /listening on (\S+)/.exec(t.out.join(''))?.[1] ?? '';
    const health = (await (await fetch(`${url}/health`)).json()) as { status: string; waitingPolls: number };
    expect(health).toMatchObject({ status: 'ok', waitingPolls: 0 });
    const ui = /web UI: (\S+)/.exec(t.out.join(''))?.[1] ?? '';
    expect(ui.startsWith(url)).toBe(true);
    const page = await fetch(ui);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    t.stop.abort();
    await expect(status).resolves.toBe(0);
  });

  it('prints help', async () => {
    const t = io();
    await expect(main(['--help'], t.io)).resolves.toBe(0);
    expect(t.out.join('')).toContain('Usage: swf-flow <command>');
    const s = io();
    await expect(main(['server', '--help'], s.io)).resolves.toBe(0);
    expect(s.out.join('')).toContain('--poll-timeout <duration>');
  });

  it('--read-only: the web UI offers no actions; the SWF API still works', async () => {
    const t = io();
    const status = main(['server', '--port', '0', '--data', ':memory:', '--read-only'], t.io);
    await expect.poll(() => t.out.join(''), { timeout: 10_000 }).toContain('web UI: ');
    const url = /listening on (\S+)/.exec(t.out.join(''))?.[1] ?? '';
    const swf = new SWFClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await swf.send(new RegisterDomainCommand({ name: 'ro', workflowExecutionRetentionPeriodInDays: '1' }));
    await swf.send(
      new RegisterWorkflowTypeCommand({
        domain: 'ro',
        name: 'T',
        version: '1',
        defaultTaskList: { name: 'tl' },
        defaultExecutionStartToCloseTimeout: '60',
        defaultTaskStartToCloseTimeout: '10',
        defaultChildPolicy: 'TERMINATE',
      }),
    );
    const { runId } = await swf.send(
      new StartWorkflowExecutionCommand({ domain: 'ro', workflowId: 'w', workflowType: { name: 'T', version: '1' } }),
    );
    swf.destroy();
    const page = await (await fetch(`${url}/ui/domains/ro/executions/w/${encodeURIComponent(runId ?? '')}`)).text();
    expect(page).toContain('This server is read-only: no actions.');
    t.stop.abort();
    await expect(status).resolves.toBe(0);
  });

  it('init -h is init --help', async () => {
    const long = io();
    await expect(main(['init', '--help'], long.io)).resolves.toBe(0);
    expect(long.out.join('')).toMatch(/^Usage: swf-flow init /);
    const short = io();
    await expect(main(['init', '-h'], short.io)).resolves.toBe(0);
    expect(short.out.join('')).toBe(long.out.join(''));
  });

  it('prints its version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-v']) {
      const t = io();
      await expect(main([flag], t.io)).resolves.toBe(0);
      expect(t.out.join('')).toBe(`${version}\n`);
    }
  });

  it.each([
    'server',
    'dev',
    'start',
    'result',
    'describe',
    'history',
    'list',
    'signal',
    'cancel',
    'terminate',
    'replay',
  ])('%s -h, --help and help %s print its usage and options; an unknown flag exits 2', async (command) => {
    const help = io();
    await expect(main([command, '--help'], help.io)).resolves.toBe(0);
    expect(help.out.join('')).toMatch(new RegExp(`^Usage: swf-flow ${command} `));
    expect(help.out.join('')).toMatch(/^ {2}-h, --help +show this help$/m);
    expect(help.out.join('')).toMatch(/^ {6}--no-color /m);
    expect(help.out.join('')).toMatch(/^Example: swf-flow /m);
    const short = io();
    await expect(main([command, '-h'], short.io)).resolves.toBe(0);
    expect(short.out.join('')).toBe(help.out.join(''));
    const word = io();
    await expect(main(['help', command], word.io)).resolves.toBe(0);
    expect(word.out.join('')).toBe(help.out.join(''));
    const top = io();
    await main(['--help'], top.io);
    expect(top.out.join('')).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    const bad = io();
    await expect(main([command, '--nope'], bad.io)).resolves.toBe(2);
    expect(bad.err.join('')).toBe(`swf-flow ${command}: unknown option --nope; see 'swf-flow ${command} --help'\n`);
  });

  it.each([
    [['server', '--port', 'abc'], "--port must be a port number from 0 to 65535; got 'abc'"],
    [['server', '--port', '70000'], '--port must be a port number'],
    [['server', '--bogus', '1'], "unknown option --bogus; see 'swf-flow server --help'"],
    [['server', '--data'], '--data needs a value'],
    [
      ['server', '--data', '--port', '1'],
      "--data needs a value (dir); got the option '--port' (write --data=--port if that is the value)",
    ],
    [['server', '-p', 'x'], "--port must be a port number from 0 to 65535; got 'x'"],
    [['server', '-x'], "unknown option -x; see 'swf-flow server --help'"],
    [['server', '--help=yes'], '--help takes no value'],
    [['server', '--poll-timeout', 'soon'], "cannot read 'soon' as a duration"],
    [['server', 'extra'], "unexpected argument 'extra'"],
    [['server', '--durability', 'sometimes'], "--durability must be one of full, normal; got 'sometimes'"],
    [
      ['server', '--data', ':memory:', '--lambdas', '.', '--lambda-endpoint', 'http://127.0.0.1:3001'],
      'give --lambdas or --lambda-endpoint, not both',
    ],
    [
      ['list', '-d', 'a', '--started-after', '2h', '--started-before', '3h'],
      'is later than --started-before (', // the dates are now's
    ],
    [
      ['list', '-d', 'a', '--closed-after', '2026-11-23', '--closed-before', '2026-11-22'],
      '--closed-after (2026-11-23T00:00:00.000Z) is later than --closed-before (2026-11-22T00:00:00.000Z), so no execution can match; swap them',
    ],
    [['help', 'nope'], "unknown command 'nope'"],
    [['nope'], "unknown command 'nope'; run 'swf-flow --help' for the commands"],
    [['strat'], "unknown command 'strat' (did you mean 'start'?); run 'swf-flow --help' for the commands"],
    [['histroy'], "unknown command 'histroy' (did you mean 'history'?)"],
    [
      ['history', '--workflowid', 'w'],
      "swf-flow history: unknown option --workflowid (did you mean --workflow-id?); see 'swf-flow history --help'",
    ],
  ])('rejects %j with a clear message and status 2', async (argv, message) => {
    const t = io();
    await expect(main(argv, t.io)).resolves.toBe(2);
    expect(t.err.join('')).toContain(message);
  });

  // Every command, with a flag of its own that takes one value: the second value is refused before
  // anything runs (no request, no server, no file written), naming the flag and both values.
  it.each([
    [
      'start',
      ['-d', 'a', '-t', 'T@1', '-w', 'w', '--type', 'U@1'],
      "-t (--type) was given twice ('T@1', then as --type 'U@1')",
    ],
    ['list', ['-d', 'a', '-n', '5', '--limit', '6'], "-n (--limit) was given twice ('5', then as --limit '6')"],
    ['describe', ['-d', 'a', '-w', 'w1', '-w', 'w2'], "-w (--workflow-id) was given twice ('w1', then 'w2')"],
    ['history', ['-d', 'a', '-d', 'b', '-w', 'w'], "-d (--domain) was given twice ('a', then 'b')"],
    ['result', ['--endpoint', 'http://127.0.0.1:1', '-e', 'http://127.0.0.1:2'], '--endpoint was given twice'],
    ['signal', ['-d', 'a', '-w', 'w', '--name', 's', '--name', 't'], "--name was given twice ('s', then 't')"],
    ['cancel', ['-d', 'a', '--run-id', 'r1', '--run-id', 'r2'], "--run-id was given twice ('r1', then 'r2')"],
    ['terminate', ['-d', 'a', '--reason', 'x', '--reason=y'], "--reason was given twice ('x', then 'y')"],
    ['replay', ['--workflows', 'a.js', '--workflows', 'b.js'], "--workflows was given twice ('a.js', then 'b.js')"],
    ['server', ['--port', '0', '--port', '1'], "--port was given twice ('0', then '1')"],
    ['dev', ['--data', ':memory:', '--data', './x'], "--data was given twice (':memory:', then './x')"],
    ['init', ['--name', 'a', '--name', 'b'], "--name was given twice ('a', then 'b')"],
  ])('%s refuses a flag that takes one value given twice (status 2)', async (command, args, said) => {
    const t = io();
    await expect(main([command, ...args], t.io)).resolves.toBe(2);
    expect(t.err.join('')).toContain(said);
    expect(t.err.join('')).toContain('give it once');
  });

  it('reports a --lambdas directory that does not exist as a failure (status 1) that says what to pass', async () => {
    const t = io();
    await expect(
      main(['server', '--port', '0', '--data', ':memory:', '--lambdas', './no-such-lambdas-dir'], t.io),
    ).resolves.toBe(1);
    expect(t.err.join('')).toContain(
      './no-such-lambdas-dir is not a directory; pass the directory that holds <function>.js or <function>.ts handler modules',
    );
  });

  it('reports a port in use as a failure (status 1)', async () => {
    const first = io();
    const running = main(['server', '--port', '0', '--data', ':memory:'], first.io);
    await expect.poll(() => first.out.join(''), { timeout: 10_000 }).toContain('listening on');
    const port = /:(\d+)\n/.exec(first.out.join(''))?.[1] ?? '';
    const second = io();
    await expect(main(['server', '--port', port, '--data', ':memory:'], second.io)).resolves.toBe(1);
    expect(second.err.join('')).toContain('EADDRINUSE');
    first.stop.abort();
    await running;
  });
});

describe('the swf-flow program', () => {
  it('prints exactly the service and UI addresses, no colour codes when piped, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [LAUNCHER, 'server', '--port', '0', '--data', ':memory:'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect
        .poll(() => stdout, { timeout: 60_000 }) // bounds a hang, not the start's speed (tsx compiles the CLI first)
        .toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\nweb UI: \S+\n$/);
      const url = /^listening on (\S+)/.exec(stdout)?.[1] ?? '';
      expect((await fetch(`${url}/health`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).not.toMatch(/Error/);
      expect(stdout).not.toContain('\u001b[');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); // a failed check leaves no server behind
    }
  }, 120_000);
});
