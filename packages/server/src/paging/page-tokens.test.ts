/**
 * The page tokens of every paged operation are opaque and short (no SQL, no query, nothing of the
 * tables to read), refuse what the service did not make for this operation and these arguments with
 * a message that says which, expire after 24 hours as Amazon SWF's do, survive a restart of the same
 * data directory, and page exactly: executions started or closed between two calls neither drop a
 * row from the pages that follow nor show one twice, in either order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { openDatabase } from '../db.js';
import { validateInput } from '../model/validate.js';
import { Registry } from '../registry/registry.js';
import { registrySchema } from '../registry/schema.js';
import { type TestEngine, decide, makeEngine, pollDecision, start } from '../engine/test-support.js';

const engines: TestEngine[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const t of engines.splice(0)) t.engine.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function engine(opts: Parameters<typeof makeEngine>[0] = {}): TestEngine {
  const t = makeEngine(opts);
  engines.push(t);
  return t;
}

/** Starts `ids` one second apart; returns their run ids by workflow id. */
async function startAll(t: TestEngine, ids: string[]): Promise<Record<string, string>> {
  const runs: Record<string, string> = {};
  for (const id of ids) {
    runs[id] = await start(t, id);
    t.clock.advance(1_000);
  }
  return runs;
}

type Infos = { executionInfos: { execution: { workflowId: string } }[]; nextPageToken?: string };
const ids = (page: Infos): string[] => page.executionInfos.map((i) => i.execution.workflowId);

function listOpen(t: TestEngine, extra: Record<string, unknown> = {}): Promise<Infos> {
  return t.call<Infos>('ListOpenWorkflowExecutions', {
    domain: 'd',
    startTimeFilter: { oldestDate: 0 },
    maximumPageSize: 2,
    ...extra,
  });
}

const notValid = (operation: string, why: RegExp): Record<string, unknown> => ({
  fault: 'ValidationException',
  message: expect.stringMatching(
    new RegExp(`^The nextPageToken is not valid for this ${operation} request: ${why.source}`),
  ),
});

describe('page tokens are opaque and short', () => {
  it('for the execution lists, history pages, decision task pages and registry lists', async () => {
    const t = engine();
    const runs = await startAll(t, ['w1', 'w2', 'w3']);
    const tokens: string[] = [];
    tokens.push((await listOpen(t, { maximumPageSize: 1 })).nextPageToken as string);
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'w1' });
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'w2' });
    tokens.push(
      (
        await t.call<Infos>('ListClosedWorkflowExecutions', {
          domain: 'd',
          closeTimeFilter: { oldestDate: 0 },
          closeStatusFilter: { status: 'TERMINATED' },
          maximumPageSize: 1,
        })
      ).nextPageToken as string,
    );
    const history = await t.call<{ nextPageToken?: string }>('GetWorkflowExecutionHistory', {
      domain: 'd',
      execution: { workflowId: 'w1', runId: runs.w1 },
      maximumPageSize: 1,
    });
    tokens.push(history.nextPageToken as string);
    const task = await pollDecision(t, 'wf', { maximumPageSize: 1 });
    tokens.push(task.nextPageToken as string);

    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const registry = new Registry({ db: openDatabase(':memory:', registrySchema), clock });
    for (const name of ['a', 'b'])
      registry.handlers.RegisterDomain(
        validateInput('RegisterDomain', { name, workflowExecutionRetentionPeriodInDays: '1' }),
        {},
      );
    const domains = registry.handlers.ListDomains(
      validateInput('ListDomains', { registrationStatus: 'REGISTERED', maximumPageSize: 1 }),
      {},
    ) as { nextPageToken?: string };
    tokens.push(domains.nextPageToken as string);

    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(token.length).toBeLessThan(400);
      for (const encoding of ['base64', 'base64url'] as const) {
        const decoded = Buffer.from(token, encoding).toString('latin1');
        expect(decoded).not.toMatch(/SELECT|WHERE|domain|status|start_ts|close_ts|REGISTERED|TERMINATED/);
        expect(() => JSON.parse(decoded) as unknown).toThrow();
      }
    }
  });
});

describe('pagination is exact while executions start and close', () => {
  it('newest first: a row of the first page closing and a new start shift nothing', async () => {
    const t = engine();
    await startAll(t, ['w1', 'w2', 'w3', 'w4', 'w5']);
    const page1 = await listOpen(t);
    expect(ids(page1)).toEqual(['w5', 'w4']);
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'w5' });
    const page2 = await listOpen(t, { nextPageToken: page1.nextPageToken });
    expect(ids(page2)).toEqual(['w3', 'w2']);
    await start(t, 'w6');
    const page3 = await listOpen(t, { nextPageToken: page2.nextPageToken });
    expect(ids(page3)).toEqual(['w1']);
    expect(page3.nextPageToken).toBeUndefined();
  });

  it('oldest first (reverseOrder): a row of the first page closing drops no later row, a new start comes last', async () => {
    const t = engine();
    await startAll(t, ['w1', 'w2', 'w3', 'w4']);
    const page1 = await listOpen(t, { reverseOrder: true });
    expect(ids(page1)).toEqual(['w1', 'w2']);
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'w1' });
    await start(t, 'w5');
    const page2 = await listOpen(t, { reverseOrder: true, nextPageToken: page1.nextPageToken });
    expect(ids(page2)).toEqual(['w3', 'w4']);
    const page3 = await listOpen(t, { reverseOrder: true, nextPageToken: page2.nextPageToken });
    expect(ids(page3)).toEqual(['w5']);
  });

  it('executions started in the same millisecond page in a fixed order, each once', async () => {
    const t = engine();
    for (const id of ['s1', 's2', 's3', 's4', 's5']) await start(t, id);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await listOpen(t, token ? { nextPageToken: token } : {});
      seen.push(...ids(page));
      token = page.nextPageToken;
    } while (token);
    expect(seen).toEqual(['s5', 's4', 's3', 's2', 's1']);
  });

  it('the closed list by close time: a close between pages does not repeat a row', async () => {
    const t = engine();
    await startAll(t, ['w1', 'w2', 'w3', 'w4']);
    for (const id of ['w1', 'w2', 'w3']) {
      await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: id });
      t.clock.advance(1_000);
    }
    const closed = (extra: Record<string, unknown>): Promise<Infos> =>
      t.call<Infos>('ListClosedWorkflowExecutions', {
        domain: 'd',
        closeTimeFilter: { oldestDate: 0 },
        maximumPageSize: 2,
        ...extra,
      });
    const page1 = await closed({});
    expect(ids(page1)).toEqual(['w3', 'w2']);
    await t.call('TerminateWorkflowExecution', { domain: 'd', workflowId: 'w4' });
    const page2 = await closed({ nextPageToken: page1.nextPageToken });
    expect(ids(page2)).toEqual(['w1']);
  });
});

describe('a token the service did not make for this call is refused, saying which', () => {
  it('changed, cut short, or not a token at all', async () => {
    const t = engine();
    await startAll(t, ['w1', 'w2', 'w3']);
    const token = (await listOpen(t)).nextPageToken as string;
    const middle = Math.floor(token.length / 2);
    const changed = `${token.slice(0, middle)}${token[middle] === 'A' ? 'B' : 'A'}${token.slice(middle + 1)}`;
    for (const nextPageToken of [
      changed,
      token.slice(0, -4),
      'garbage',
      Buffer.from('{"offset":2}').toString('base64'),
    ])
      await expect(listOpen(t, { nextPageToken })).rejects.toMatchObject(
        notValid('ListOpenWorkflowExecutions', /it is not a token this service made/),
      );
  });

  it("another service's token (another database), though made for the same call", async () => {
    const a = engine();
    const b = engine();
    await startAll(a, ['w1', 'w2', 'w3']);
    await startAll(b, ['w1', 'w2', 'w3']);
    const token = (await listOpen(a)).nextPageToken as string;
    await expect(listOpen(b, { nextPageToken: token })).rejects.toMatchObject(
      notValid('ListOpenWorkflowExecutions', /it is not a token this service made .*another service or data directory/),
    );
  });

  it("another operation's token names the operation that made it", async () => {
    const t = engine();
    await startAll(t, ['w1', 'w2', 'w3']);
    const token = (await listOpen(t)).nextPageToken as string;
    await expect(
      t.call('ListClosedWorkflowExecutions', {
        domain: 'd',
        startTimeFilter: { oldestDate: 0 },
        nextPageToken: token,
      }),
    ).rejects.toMatchObject(
      notValid('ListClosedWorkflowExecutions', /it was made by ListOpenWorkflowExecutions, and pages only that/),
    );
  });

  it('a token of other arguments says to keep them', async () => {
    const t = engine();
    await startAll(t, ['w1', 'w2', 'w3']);
    const token = (await listOpen(t)).nextPageToken as string;
    await expect(listOpen(t, { reverseOrder: true, nextPageToken: token })).rejects.toMatchObject(
      notValid('ListOpenWorkflowExecutions', /it was made for other arguments/),
    );
    // maximumPageSize may change between pages.
    expect(ids(await listOpen(t, { maximumPageSize: 5, nextPageToken: token }))).toEqual(['w1']);
  });

  it('a token older than 24 hours has exceeded its maximum lifetime, as in Amazon SWF', async () => {
    const t = engine();
    await startAll(t, ['w1', 'w2', 'w3']);
    const token = (await listOpen(t)).nextPageToken as string;
    t.clock.advance(24 * 60 * 60 * 1000 - 5_000);
    // (the runs have timed out by now: the token is still taken, the page is what is open)
    await expect(listOpen(t, { nextPageToken: token })).resolves.toMatchObject({ executionInfos: [] });
    t.clock.advance(10_000);
    await expect(listOpen(t, { nextPageToken: token })).rejects.toMatchObject(
      notValid('ListOpenWorkflowExecutions', /specified token has exceeded its maximum lifetime/),
    );
  });
});

describe('tokens survive a restart of the same data directory', () => {
  it('a history page token taken before the restart pages on after it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'swf-page-tokens-'));
    dirs.push(dataDir);
    const clock = new ManualClock();
    const before = makeEngine({ dataDir, clock });
    const runId = await start(before, 'w1');
    const task = await pollDecision(before);
    await decide(before, task.taskToken, [
      { decisionType: 'RecordMarker', recordMarkerDecisionAttributes: { markerName: 'm' } },
    ]);
    const execution = { workflowId: 'w1', runId };
    const page1 = await before.call<{ nextPageToken?: string }>('GetWorkflowExecutionHistory', {
      domain: 'd',
      execution,
      maximumPageSize: 2,
    });
    before.engine.close();
    before.db.close();
    const after = engine({ dataDir, clock });
    const page2 = await after.call<{ events: { eventId: number }[] }>('GetWorkflowExecutionHistory', {
      domain: 'd',
      execution,
      maximumPageSize: 2,
      nextPageToken: page1.nextPageToken,
    });
    expect(page2.events.map((e) => e.eventId)).toEqual([3, 4]);
  });
});
