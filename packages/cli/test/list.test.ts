/**
 * `swf-flow list` against the real local service over HTTP, on a manual clock so that start and
 * close times are exact: open and closed executions, every filter SWF offers (close status, type,
 * tag, workflow id, start and close time windows), --limit, --oldest-first and --json.
 */
import { RegisterDomainCommand, RegisterWorkflowTypeCommand, SWFClient } from '@aws-sdk/client-swf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WorkflowClient } from '@swf-flow/client';
import { ManualClock, createServer, type LocalSwfServer } from '@swf-flow/server';
import { run } from './helpers.js';

const DOMAIN = 'cli-list';
const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The workflow ids in the order `list` printed them. */
function ids(out: string): string[] {
  return out
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(/\s+/)[0] ?? '');
}

describe('swf-flow list', () => {
  let server: LocalSwfServer;
  let swf: string[];

  beforeAll(async () => {
    const clock = new ManualClock(T0);
    server = await createServer({ dataDir: ':memory:', port: 0, clock });
    const sdk = new SWFClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await sdk.send(new RegisterDomainCommand({ name: DOMAIN, workflowExecutionRetentionPeriodInDays: '30' }));
    for (const [name, version] of [
      ['Idle', '1.0'],
      ['Other', '2.0'],
    ]) {
      await sdk.send(
        new RegisterWorkflowTypeCommand({
          domain: DOMAIN,
          name,
          version,
          defaultTaskList: { name: 'nobody-polls' },
          defaultExecutionStartToCloseTimeout: '86400',
          defaultTaskStartToCloseTimeout: '60',
          defaultChildPolicy: 'TERMINATE',
        }),
      );
    }
    const client = new WorkflowClient({ swf: sdk, domain: DOMAIN });
    await client.start('Idle', { workflowId: 'open-1', tags: ['blue'] });
    clock.advance(MINUTE);
    await client.start('Idle', { workflowId: 'open-2', tags: ['red'] });
    clock.advance(HOUR);
    await client.start({ name: 'Other', version: '2.0' }, { workflowId: 'other-1' });
    await client.start('Idle', { workflowId: 'timeout-1', timeouts: { executionStartToClose: '60s' } });
    const terminated = await client.start('Idle', { workflowId: 'term-1' });
    clock.advance(2 * MINUTE); // timeout-1 times out at T0+1h2m, when its 60 s ran out (as SWF stamps it)
    const timedOut = client.getHandle('timeout-1');
    await vi.waitFor(async () => expect((await timedOut.describe()).executionInfo?.closeStatus).toBe('TIMED_OUT'), {
      timeout: 10_000,
    });
    clock.advance(2 * HOUR);
    await terminated.terminate('listed'); // at T0+3h3m
    sdk.destroy();
    swf = ['-e', server.url, '-d', DOMAIN];
  });

  afterAll(async () => {
    await server?.close();
  });

  it('lists open executions newest first; --oldest-first, --limit', async () => {
    const open = await run(['list', ...swf]);
    expect(open.status).toBe(0);
    expect(open.out).toMatch(/^WORKFLOW ID\s+RUN ID\s+TYPE\s+STATUS\s+STARTED\n/);
    expect(ids(open.out)).toEqual(['other-1', 'open-2', 'open-1']);
    expect(open.out).toMatch(/^open-1\s+\S+\s+Idle@1\.0\s+OPEN\s+2026-01-01T00:00:00\.000Z$/m);
    expect(ids((await run(['list', ...swf, '--open', '--oldest-first'])).out)).toEqual(['open-1', 'open-2', 'other-1']);
    expect(ids((await run(['list', ...swf, '-n', '2'])).out)).toEqual(['other-1', 'open-2']);
    expect(ids((await run(['list', ...swf, '--limit=1', '--oldest-first'])).out)).toEqual(['open-1']);
  });

  it.each([
    [
      ['--type', 'Idle'],
      ['open-2', 'open-1'],
    ],
    [['-t', 'Other@2.0'], ['other-1']],
    [['-t', 'Other@1.0'], []],
    [['--tag', 'blue'], ['open-1']],
    [['-w', 'open-2'], ['open-2']],
    [['--started-after', '2026-01-01T00:30:00Z'], ['other-1']],
    [
      ['--started-before', '2026-01-01T00:30:00Z'],
      ['open-2', 'open-1'],
    ],
    [['--started-after', '2026-01-01T00:00:30Z', '--started-before', '2026-01-01T00:30:00Z'], ['open-2']],
    [['--closed'], ['term-1', 'timeout-1']],
    [
      ['-c', '--oldest-first'],
      ['timeout-1', 'term-1'],
    ],
    [['--status', 'TIMED_OUT'], ['timeout-1']],
    [['-s', 'terminated'], ['term-1']],
    [['-s', 'COMPLETED'], []],
    [['--closed-after', '2026-01-01T02:00:00Z'], ['term-1']],
    [['--closed-before', '2026-01-01T02:00:00Z'], ['timeout-1']],
    [
      ['--closed', '--type', 'Idle', '--started-after', '2026-01-01T00:30:00Z'],
      ['term-1', 'timeout-1'],
    ],
  ])('filters %j', async (filter, expected) => {
    const r = await run(['list', ...swf, ...filter]);
    expect(r.status).toBe(0);
    if (expected.length === 0) expect(r.out).toMatch(/^no (open|closed) executions match/);
    else expect(ids(r.out)).toEqual(expected);
  });

  it('shows how closed executions closed, and when', async () => {
    const closed = await run(['list', ...swf, '--closed']);
    expect(closed.out).toMatch(/^WORKFLOW ID\s+RUN ID\s+TYPE\s+STATUS\s+STARTED\s+CLOSED\n/);
    expect(closed.out).toMatch(
      /^term-1\s+\S+\s+Idle@1\.0\s+TERMINATED\s+2026-01-01T01:01:00\.000Z\s+2026-01-01T03:03:00\.000Z$/m,
    );
    expect(closed.out).toMatch(
      /^timeout-1\s+\S+\s+Idle@1\.0\s+TIMED_OUT\s+2026-01-01T01:01:00\.000Z\s+2026-01-01T01:02:00\.000Z$/m,
    );
  });

  it('--json prints the AWS CLI layout, limited', async () => {
    const r = await run(['list', ...swf, '--closed', '--json', '-n', '1']);
    const parsed = JSON.parse(r.out) as {
      executionInfos: { execution: { workflowId: string }; closeStatus: string; startTimestamp: number }[];
    };
    expect(parsed.executionInfos).toHaveLength(1);
    expect(parsed.executionInfos[0]).toMatchObject({
      execution: { workflowId: 'term-1' },
      closeStatus: 'TERMINATED',
      startTimestamp: (T0 + HOUR + MINUTE) / 1000,
    });
    expect(r.out).toMatch(/^\{\n {4}"executionInfos": \[/);
  });

  it.each([
    [
      ['--type', 'Idle', '--tag', 'blue'],
      'give at most one of --status, --type, --tag and --workflow-id (SWF filters by one); got --type, --tag',
    ],
    [['--open', '--closed'], '--open cannot go with --closed'],
    [['--open', '--status', 'FAILED'], '--open cannot go with --closed'],
    [
      ['--started-after', '1h', '--closed-before', '1h'],
      'give a start-time window (--started-after/--started-before) or a close-time one',
    ],
    [
      ['--status', 'DONE'],
      "--status 'DONE' is not a close status: --status takes one of COMPLETED, FAILED, CANCELED, TERMINATED, CONTINUED_AS_NEW, TIMED_OUT and lists closed executions that closed so; executions still running are listed without --status",
    ],
    [['--status', 'faild'], "--status 'faild' is not a close status (did you mean FAILED?)"],
    [['--status', 'CANCELLED'], "--status 'CANCELLED' is not a close status (did you mean CANCELED?)"],
    // A run still open has no close status: the refusal points at the listing's default, even mistyped.
    ...['RUNING', 'running', 'OPEN', 'started'].map((status) => [
      ['--status', status],
      `--status '${status}': executions still running are what swf-flow list lists without --status (or with --open); --status picks closed executions by how they closed (COMPLETED, FAILED,`,
    ]),
    [['--status', 'closed'], "--status 'closed': every closed execution is --closed (-c)"],
    [['--limit', '0'], "--limit must be a whole number from 1; got '0'"],
    [['--started-after', 'last week'], '--started-after must be a date/time'],
  ])('rejects %j with status 2', async (filter, message) => {
    const r = await run(['list', ...swf, ...filter]);
    expect(r.status).toBe(2);
    expect(r.err).toContain(message);
  });
});
