/**
 * The web UI over real HTTP: a small workflow driven through @aws-sdk/client-swf (an activity, a
 * child, a continue-as-new), then the pages fetched and read like a person would read them.
 */
import {
  type Decision,
  PollForActivityTaskCommand,
  PollForDecisionTaskCommand,
  RegisterActivityTypeCommand,
  RegisterDomainCommand,
  RegisterWorkflowTypeCommand,
  RespondActivityTaskCompletedCommand,
  RespondDecisionTaskCompletedCommand,
  SignalWorkflowExecutionCommand,
  StartWorkflowExecutionCommand,
  type SWFClient,
} from '@aws-sdk/client-swf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { httpClient } from './support/sdk.js';

let server: LocalSwfServer;
let swf: SWFClient;
const domain = 'ui-demo';
const workflowId = 'order <42> & "friends"';
const script = '<script>alert(1)</script>';
const longInput = JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => `item-${i}`) });
let runId = '';
let parentRunId = '';
let childRunId = '';
let firstRunId = '';
let nextRunId = '';

/** Starts a run of Flow 1 on its own task list, so each `decide` answers the intended run. */
async function start(id: string, taskList: string, input?: string): Promise<string> {
  const out = await swf.send(
    new StartWorkflowExecutionCommand({
      domain,
      workflowId: id,
      workflowType: { name: 'Flow', version: '1' },
      taskList: { name: taskList },
      ...(input ? { input } : {}),
    }),
  );
  return out.runId ?? '';
}

async function decide(taskList: string, decisions: Decision[]): Promise<void> {
  const task = await swf.send(new PollForDecisionTaskCommand({ domain, taskList: { name: taskList } }));
  expect(task.taskToken).toBeTruthy();
  await swf.send(
    new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions, executionContext: '{"step":1}' }),
  );
}

async function openRunOf(id: string): Promise<string> {
  const open = (await server.service.handle('ListOpenWorkflowExecutions', {
    domain,
    startTimeFilter: { oldestDate: 0 },
    executionFilter: { workflowId: id },
  })) as {
    executionInfos: Array<{ execution: { runId: string } }>;
  };
  return open.executionInfos[0]?.execution.runId ?? '';
}

function execPath(id: string, run: string): string {
  return `/ui/domains/${encodeURIComponent(domain)}/executions/${encodeURIComponent(id)}/${encodeURIComponent(run)}`;
}

async function page(path: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 300 });
  swf = httpClient(server.url);
  await swf.send(
    new RegisterDomainCommand({
      name: domain,
      workflowExecutionRetentionPeriodInDays: '1',
      description: 'demo <b>domain</b>',
    }),
  );
  await swf.send(
    new RegisterWorkflowTypeCommand({
      domain,
      name: 'Flow',
      version: '1',
      defaultTaskList: { name: 'decide' },
      defaultExecutionStartToCloseTimeout: '3600',
      defaultTaskStartToCloseTimeout: '60',
      defaultChildPolicy: 'ABANDON',
    }),
  );
  await swf.send(
    new RegisterActivityTypeCommand({
      domain,
      name: 'Charge',
      version: '2',
      defaultTaskList: { name: 'work' },
      defaultTaskScheduleToStartTimeout: '60',
      defaultTaskStartToCloseTimeout: '60',
      defaultTaskScheduleToCloseTimeout: '120',
      defaultTaskHeartbeatTimeout: 'NONE',
    }),
  );

  // A run that schedules an activity, gets its result and completes.
  runId = await start(workflowId, 'order', JSON.stringify({ note: script }));
  await decide('order', [
    {
      decisionType: 'ScheduleActivityTask',
      scheduleActivityTaskDecisionAttributes: {
        activityId: 'a1',
        activityType: { name: 'Charge', version: '2' },
        input: longInput,
      },
    },
  ]);
  const activity = await swf.send(new PollForActivityTaskCommand({ domain, taskList: { name: 'work' } }));
  await swf.send(new RespondActivityTaskCompletedCommand({ taskToken: activity.taskToken, result: '"charged"' }));
  await decide('order', [
    { decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: '"done"' } },
  ]);

  // A parent that starts a child (both stay open).
  parentRunId = await start('parent', 'parent');
  await decide('parent', [
    {
      decisionType: 'StartChildWorkflowExecution',
      startChildWorkflowExecutionDecisionAttributes: {
        workflowId: 'child',
        workflowType: { name: 'Flow', version: '1' },
      },
    },
  ]);
  childRunId = await openRunOf('child');

  // A run that continues as new.
  firstRunId = await start('looper', 'looper');
  await decide('looper', [
    {
      decisionType: 'ContinueAsNewWorkflowExecution',
      continueAsNewWorkflowExecutionDecisionAttributes: { input: 'again' },
    },
  ]);
  nextRunId = await openRunOf('looper');
});
afterAll(() => server.close());

describe('the web UI', () => {
  it('lists the domains with their open execution counts on GET /, and keeps the connection hints', async () => {
    const home = await page('/');
    expect(home.status).toBe(200);
    expect(home.type).toBe('text/html; charset=utf-8');
    expect(home.text).toContain(`<a href="/ui/domains/ui-demo">ui-demo</a>`);
    expect(home.text).toMatch(
      /ui-demo<\/a><\/td><td><span class="badge s-registered">REGISTERED<\/span><\/td>\s*<td>3<\/td>/,
    );
    expect(home.text).toContain('demo &lt;b&gt;domain&lt;/b&gt;');
    expect(home.text).toContain(`--endpoint-url ${server.url}`);
    expect(home.text).toContain('uptimeSeconds');
  });

  it('shows a domain: open and closed executions with links and counts, and the registered types', async () => {
    const open = (await page(`/ui/domains/${domain}`)).text; // the open list when anything is open
    expect(open).toContain('<strong class="tab" data-state="open">Open (3)</strong>');
    expect(open).toContain('Closed (2)</a>');
    expect(open).toContain(`href="${execPath('parent', parentRunId)}"`);
    expect(open).toContain(`href="${execPath('child', childRunId)}"`);
    const d = await page(`/ui/domains/${domain}?state=closed`);
    expect(d.status).toBe(200);
    const closed = d.text;
    expect(closed).toContain(`href="${execPath(workflowId, runId).replace(/&/g, '&amp;')}"`);
    expect(closed).toContain('order &lt;42&gt; &amp; &quot;friends&quot;');
    expect(closed).toContain('<span class="badge s-completed">COMPLETED</span>');
    expect(closed).toContain('<span class="badge s-continued_as_new">CONTINUED_AS_NEW</span>');
    expect(d.text).toMatch(/<td>Flow<\/td><td>1<\/td>/);
    expect(d.text).toMatch(/<td>Charge<\/td><td>2<\/td>/);
  });

  it('shows a run: its description and its whole history in order, with user data escaped', async () => {
    const e = await page(execPath(workflowId, runId));
    expect(e.status).toBe(200);
    expect(e.text).not.toContain(script);
    expect(e.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(e.text).toContain('<h1>Workflow order &lt;42&gt; &amp; &quot;friends&quot;</h1>');
    const types = [...e.text.matchAll(/<td class="[a-z-]*">([A-Za-z]+)<\/td><td><dl/g)].map((m) => m[1]);
    expect(types).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'DecisionTaskCompleted',
      'ActivityTaskScheduled',
      'ActivityTaskStarted',
      'ActivityTaskCompleted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'DecisionTaskCompleted',
      'WorkflowExecutionCompleted',
    ]);
    expect(e.text).toContain('<tr><th>close status</th><td><span class="badge s-completed">COMPLETED</span></td></tr>');
    expect(e.text).toContain('<pre>{\n  &quot;step&quot;: 1\n}</pre>'); // latestExecutionContext, pretty-printed
    expect(e.text).toContain('<code>&quot;charged&quot;</code>');
    expect(e.text).toMatch(
      /<details><summary><code>\{&quot;items&quot;:\[&quot;item-0&quot;.*<\/summary><pre>\{\n {2}&quot;items&quot;: \[/s,
    );
  });

  it('links parent, child and continued runs', async () => {
    const parent = await page(execPath('parent', parentRunId));
    expect(parent.text).toContain('ChildWorkflowExecutionStarted');
    expect(parent.text).toContain(`<a href="${execPath('child', childRunId)}">child</a>`);
    const child = await page(execPath('child', childRunId));
    expect(child.text).toContain(`<tr><th>parent</th><td><a href="${execPath('parent', parentRunId)}">parent</a>`);
    const first = await page(execPath('looper', firstRunId));
    expect(first.text).toContain(`<a href="${execPath('looper', nextRunId)}"><code>${nextRunId}</code></a>`);
    const next = await page(execPath('looper', nextRunId));
    expect(next.text).toContain(`<a href="${execPath('looper', firstRunId)}"><code>${firstRunId}</code></a>`);
  });

  it('refreshes a page on ?refresh=N and only then', async () => {
    expect((await page(`${execPath('parent', parentRunId)}?refresh=2`)).text).toContain(
      '<meta http-equiv="refresh" content="2">',
    );
    expect((await page(`/ui/domains/${domain}?refresh=5`)).text).toContain('<meta http-equiv="refresh" content="5">');
    for (const bad of ['', '?refresh=0', '?refresh=abc', '?refresh=99999']) {
      expect((await page(`${execPath('parent', parentRunId)}${bad}`)).text).not.toContain('http-equiv="refresh"');
    }
  });

  it('answers 404 pages that say what was not found', async () => {
    const noDomain = await page('/ui/domains/nowhere');
    expect(noDomain.status).toBe(404);
    expect(noDomain.text).toContain('No such domain nowhere.');
    const noRun = await page(execPath('parent', 'no<run>'));
    expect(noRun.status).toBe(404);
    expect(noRun.text).toContain('No such run no&lt;run&gt; of workflow parent in domain ui-demo.');
    for (const bad of [
      '/ui/nope',
      '/ui/domains',
      `/ui/domains/${domain}/executions/parent`,
      '/ui/domains/%E0%A4%A',
      '/favicon.ico',
    ]) {
      const res = await page(bad);
      expect(res.status, bad).toBe(404);
      expect(res.type).toBe('text/html; charset=utf-8');
    }
    expect((await page(`/ui/domains/${domain}?state=open&next=garbage`)).status).toBe(400);
  });

  it('pages through executions with a next link', async () => {
    await server.service.handle('RegisterDomain', { name: 'busy', workflowExecutionRetentionPeriodInDays: '1' });
    await server.service.handle('RegisterWorkflowType', {
      domain: 'busy',
      name: 'W',
      version: '1',
      defaultTaskList: { name: 't' },
      defaultExecutionStartToCloseTimeout: '60',
      defaultTaskStartToCloseTimeout: '10',
      defaultChildPolicy: 'TERMINATE',
    });
    for (let i = 0; i < 101; i++)
      await server.service.handle('StartWorkflowExecution', {
        domain: 'busy',
        workflowId: `w${i}`,
        workflowType: { name: 'W', version: '1' },
      });
    const first = await page('/ui/domains/busy?size=100');
    expect(first.text).toContain('Open (101)');
    expect(first.text).toContain('>w100</a>'); // newest first
    expect(first.text).not.toContain('>w0</a>');
    const next = /<a class="next" href="([^"]+)">next page/.exec(first.text)?.[1];
    expect(next).toBeDefined();
    const second = await page((next ?? '').replace(/&amp;/g, '&'));
    expect(second.text).toContain('>w0</a>');
    expect(second.text).not.toContain('>w1</a>');
    expect(second.text).not.toContain('next page');
    expect(second.text).toContain('first page</a>');
  });

  it('filters by what the API offers and explains a combination it refuses', async () => {
    const byId = await page(`/ui/domains/${domain}?state=closed&workflowId=looper`);
    expect(byId.text).toContain('Closed (1)');
    expect(byId.text).toContain(`href="${execPath('looper', firstRunId)}"`);
    expect(byId.text).not.toContain(`href="${execPath('parent', parentRunId)}"`);
    const both = await page(`/ui/domains/${domain}?workflowId=looper&tag=x`);
    expect(both.status).toBe(200);
    expect(both.text).toContain(
      '<p class="note error">SWF filters by one of workflow id, type, tag or close status at a time; you gave workflow id and tag. Clear all but one.</p>',
    );
    const failed = await page(`/ui/domains/${domain}?status=FAILED`);
    expect(failed.text).toContain('No closed executions match.');
  });

  it('serves its stylesheet, answers every page with a CSP that allows no inline code, and keeps the page free of inline code', async () => {
    const res = await fetch(`${server.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const text = await res.text();
    expect(text).not.toMatch(/<script>|<style>| style=| on[a-z]+=/);
    const css = await fetch(`${server.url}/ui/static/style.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('.badge');
    for (const missing of ['/ui/static/nope.js', '/ui/static/..%2Fpackage.json', '/ui/static/style.css.map'])
      expect((await page(missing)).status, missing).toBe(404);
  });

  it('answers what changed in a run since an event as JSON: nothing, or only the new rows and the redrawn parts', async () => {
    const live = async (
      after: number,
    ): Promise<Record<string, unknown> & { changed?: Record<string, string | number> }> => {
      const res = await fetch(`${server.url}${execPath('parent', parentRunId)}/live?after=${after}`);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      return (await res.json()) as Record<string, unknown> & { changed?: Record<string, string | number> };
    };
    const now = await live(0);
    const last = Number(now.lastEventId);
    expect(now).toMatchObject({ open: true, changed: { eventCount: last } });
    expect(await live(last)).toEqual({ lastEventId: last, open: true });
    await swf.send(
      new SignalWorkflowExecutionCommand({ domain, workflowId: 'parent', runId: parentRunId, signalName: '<go>' }),
    );
    const after = await live(last);
    expect(after.lastEventId).toBe(last + 1);
    const rows = String(after.changed?.rows);
    expect([...rows.matchAll(/<tr id="event-(\d+)"/g)].map((m) => Number(m[1]))).toEqual([last + 1]);
    expect(rows).toContain('&lt;go&gt;');
    expect(String(after.changed?.timeline)).toContain('signal &lt;go&gt;');
  });

  it('leaves GET /health as JSON', async () => {
    const health = await page('/health');
    expect(health.type).toBe('application/json');
    const registered = (await server.service.handle('ListDomains', { registrationStatus: 'REGISTERED' })) as {
      domainInfos: unknown[];
    };
    expect(JSON.parse(health.text)).toMatchObject({ status: 'ok', domains: registered.domainInfos.length }); // whichever tests ran before
  });
});
