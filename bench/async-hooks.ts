/**
 * What the replayer's process-wide async hooks cost code that is not workflow code: promise churn
 * (async functions awaiting each other, the shape of the SDK's middleware stack) timed by CPU time
 * in a process as it comes, with `AsyncLocalStorage` entered once (what any `run()` leaves enabled,
 * e.g. the activity context), with `@swf-flow/workflow` imported and one run replayed, and as in a
 * worker: one run replayed and one activity context entered (`@swf-flow/activity`).
 *
 * With `--sdk` the work timed is a worker's request instead: `RespondActivityTaskCompleted` through
 * this checkout's SDK client over HTTP to a server in the same process (each setting's hooks then
 * run for the SDK's promises and for Node's HTTP on both sides), µs of CPU per request.
 *
 * `npx tsx bench/async-hooks.ts [--dir CHECKOUT] [--rounds N] [--sdk]`: each setting runs in its own
 * process, taking turns; `--dir` measures another checkout's replayer (a worktree of main as "before").
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const SETTINGS = ['plain', 'als', 'replayer', 'worker'] as const;
type Setting = (typeof SETTINGS)[number];

async function leaf(x: number): Promise<number> {
  await null;
  return x + 1;
}
async function middle(x: number): Promise<number> {
  const a = await leaf(x);
  return new Promise<number>((r) => r(a)).then((v) => v * 2);
}
async function churn(n: number): Promise<number> {
  let s = 0;
  for (let i = 0; i < n; i++) s += await middle(i);
  return s;
}

/** µs of CPU per `RespondActivityTaskCompleted` over HTTP, server and client in this process. */
async function requestCost(): Promise<number> {
  const { SWFClient, RespondActivityTaskCompletedCommand } = await import('@aws-sdk/client-swf');
  const { resolveSwfClient } = await import('../packages/common/src/swf-client.js');
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': 2 });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const swf = resolveSwfClient(
    SWFClient,
    {
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    },
    'swf',
    { debug() {} },
  );
  const command = new RespondActivityTaskCompletedCommand({ taskToken: 't'.repeat(120), result: '"done"' });
  const run = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) await swf.send(command);
  };
  await run(2_000); // warm-up
  const N = 8_000;
  const t = process.cpuUsage();
  await run(N);
  const u = process.cpuUsage(t);
  swf.destroy();
  server.close();
  return (u.user + u.system) / N;
}

async function measureIn(setting: Setting, dir: string, sdk: boolean): Promise<number> {
  if (setting === 'als') {
    const { AsyncLocalStorage } = await import('node:async_hooks');
    new AsyncLocalStorage<number>().run(1, () => undefined);
  }
  if (setting === 'replayer' || setting === 'worker') {
    const wf = (await import(pathToFileURL(resolve(dir, 'packages/workflow/src/index.ts')).href)) as {
      WorkflowExecutor: new (o: unknown) => { processEvents(e: unknown[]): Promise<unknown> };
    };
    const { HistoryBuilder } = (await import(
      pathToFileURL(resolve(dir, 'packages/workflow/src/test-support/history-builder.ts')).href
    )) as { HistoryBuilder: new () => { start(n: string): { decisionTask(): { events: unknown[] } } } };
    const ex = new wf.WorkflowExecutor({ workflows: { idle: async () => 'x' } });
    await ex.processEvents(new HistoryBuilder().start('idle').decisionTask().events);
  }
  if (setting === 'worker') {
    const activity = (await import(pathToFileURL(resolve(dir, 'packages/activity/src/index.ts')).href)) as {
      runWithActivityContext(ctx: unknown, fn: () => unknown): unknown;
    };
    const ctx = {
      info: {},
      heartbeat: () => undefined,
      cancellationSignal: new AbortController().signal,
      doNotCompleteOnReturn: () => undefined,
    };
    activity.runWithActivityContext(ctx, () => undefined);
  }
  if (sdk) return requestCost();
  await churn(20_000); // warm-up
  const N = 200_000;
  const t = process.cpuUsage();
  await churn(N);
  const u = process.cpuUsage(t);
  return ((u.user + u.system) * 1000) / N; // ns of CPU per call of middle (5 promises)
}

const argv = process.argv.slice(2);
const child = argv.indexOf('--child');
if (child >= 0) {
  const ns = await measureIn(argv[child + 1] as Setting, argv[child + 2] as string, argv.includes('--sdk'));
  process.stdout.write(`${ns}\n`);
} else {
  const dirArg = argv.indexOf('--dir');
  const dir = resolve(dirArg >= 0 ? (argv[dirArg + 1] as string) : resolve(fileURLToPath(import.meta.url), '../..'));
  const roundsArg = argv.indexOf('--rounds');
  const rounds = roundsArg >= 0 ? Number(argv[roundsArg + 1]) : 3;
  const self = fileURLToPath(import.meta.url);
  const sdk = argv.includes('--sdk');
  const results: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    for (const s of SETTINGS) {
      const args = ['--import', 'tsx', self, '--child', s, dir, ...(sdk ? ['--sdk'] : [])];
      const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
      (results[s] ??= []).push(Number(out.trim()));
    }
  }
  for (const s of SETTINGS) {
    const v = (results[s] ?? []).slice().sort((a, b) => a - b);
    const unit = sdk ? 'µs CPU per request' : 'ns CPU per call (5 promises)';
    const digits = sdk ? 1 : 0;
    console.log(
      `${s.padEnd(9)} ${unit}: ${v.map((x) => x.toFixed(digits)).join(', ')}  median ${v[v.length >> 1]?.toFixed(digits)}`,
    );
  }
}
