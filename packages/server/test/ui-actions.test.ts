/**
 * The web UI's actions over real HTTP: each takes the page's token, a same-site request and a
 * confirmation; each answers its outcome; a read-only server offers and takes none.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';

let server: LocalSwfServer;
let readOnly: LocalSwfServer;
const domain = 'acts';
type Out = Record<string, unknown>;

async function setUp(target: LocalSwfServer): Promise<void> {
  const swf = (op: string, input: Out): Promise<unknown> => target.service.handle(op, input);
  await swf('RegisterDomain', { name: domain, workflowExecutionRetentionPeriodInDays: '1' });
  await swf('RegisterWorkflowType', {
    domain,
    name: 'W',
    version: '1',
    defaultTaskList: { name: 'd' },
    defaultExecutionStartToCloseTimeout: '3600',
    defaultTaskStartToCloseTimeout: '60',
    defaultChildPolicy: 'TERMINATE',
  });
}

async function startRun(target: LocalSwfServer, workflowId: string): Promise<string> {
  return String(
    (
      (await target.service.handle('StartWorkflowExecution', {
        domain,
        workflowId,
        workflowType: { name: 'W', version: '1' },
      })) as Out
    ).runId,
  );
}

async function history(workflowId: string, runId: string): Promise<Array<{ eventType: string } & Out>> {
  return (
    (await server.service.handle('GetWorkflowExecutionHistory', { domain, execution: { workflowId, runId } })) as {
      events: Array<{ eventType: string } & Out>;
    }
  ).events;
}

function runPath(workflowId: string, runId: string): string {
  return `/ui/domains/${domain}/executions/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}`;
}

async function tokenOf(path: string): Promise<string> {
  const text = await (await fetch(`${server.url}${path}`)).text();
  return /name="csrf" value="([^"]+)"/.exec(text)?.[1] ?? '';
}

async function post(
  action: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
  target = server,
): Promise<{ status: number; body: Out; text: string }> {
  const res = await fetch(`${target.url}/ui/actions/${action}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      origin: target.url,
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    body: res.headers.get('content-type')?.startsWith('application/json') ? (JSON.parse(text) as Out) : {},
  };
}

/** A same-origin-looking post whose Host is another name (fetch cannot set Host): what a DNS-rebinding page sends. */
function postWithHost(
  action: string,
  fields: Record<string, string>,
  host: string,
): Promise<{ status: number; body: Out }> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams(fields).toString();
    const req = request(
      `${server.url}/ui/actions/${action}`,
      {
        method: 'POST',
        headers: {
          host,
          origin: `http://${host}`,
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Out }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0 });
  readOnly = await createServer({ dataDir: ':memory:', port: 0, readOnly: true });
  await setUp(server);
  await setUp(readOnly);
});
afterAll(async () => {
  await server?.close();
  await readOnly?.close();
});

describe('web UI actions', () => {
  it('signals with JSON input, requests cancel and terminates, each confirmed and answered with its outcome', async () => {
    const runId = await startRun(server, 'w1');
    const csrf = await tokenOf(runPath('w1', runId));
    expect(csrf).toMatch(/^[\w-]{20,}$/);
    const run = { domain, workflowId: 'w1', runId, csrf, confirm: 'yes' };

    const signal = await post('signal', { ...run, signalName: 'go', input: '["<b>x</b>"]' });
    expect(signal).toMatchObject({
      status: 200,
      body: { ok: true, message: 'Signal go sent.', href: runPath('w1', runId) },
    });
    const cancel = await post('cancel', run);
    expect(cancel.body).toMatchObject({
      ok: true,
      message: 'Cancellation requested; the workflow decides how to stop.',
    });
    const terminate = await post('terminate', { ...run, reason: 'enough' });
    expect(terminate.body).toMatchObject({ ok: true, message: 'Terminated.' });

    const events = await history('w1', runId);
    expect(events.map((e) => e.eventType)).toEqual(
      expect.arrayContaining([
        'WorkflowExecutionSignaled',
        'WorkflowExecutionCancelRequested',
        'WorkflowExecutionTerminated',
      ]),
    );
    expect(
      events.find((e) => e.eventType === 'WorkflowExecutionSignaled')?.workflowExecutionSignaledEventAttributes,
    ).toMatchObject({ signalName: 'go', input: '["<b>x</b>"]' });
    expect(events.at(-1)?.workflowExecutionTerminatedEventAttributes).toMatchObject({ reason: 'enough' });

    // The API's answer is the outcome: the run is closed now.
    const again = await post('signal', { ...run, signalName: 'go' });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ ok: false, message: expect.stringMatching(/Unknown execution/) });
  });

  it('starts a workflow of a registered type from the domain page and links to the new run', async () => {
    const page = await (await fetch(`${server.url}/ui/domains/${domain}`)).text();
    expect(page).toContain('<option value="[&quot;W&quot;,&quot;1&quot;]">W 1</option>');
    const csrf = await tokenOf(`/ui/domains/${domain}`);
    const started = await post('start', {
      domain,
      workflowType: '["W","1"]',
      workflowId: 'fresh',
      input: '[{"n":1}]',
      csrf,
      confirm: 'yes',
    });
    expect(started.status).toBe(200);
    const href = String(started.body.href);
    const runId = decodeURIComponent(href.split('/').at(-1) ?? '');
    expect(href).toBe(runPath('fresh', runId));
    expect((await history('fresh', runId))[0]?.workflowExecutionStartedEventAttributes).toMatchObject({
      input: '[{"n":1}]',
      taskList: { name: 'd' },
    });
  });

  it('refuses without the token, from another site, for another host, unconfirmed, with input that is not JSON or a workflow type that is not a name and version, and does nothing', async () => {
    const runId = await startRun(server, 'w2');
    const csrf = await tokenOf(runPath('w2', runId));
    const run = { domain, workflowId: 'w2', runId, csrf, confirm: 'yes', signalName: 'go' };
    const refusals: Array<[string, Promise<{ status: number; body: Out }>, number, RegExp]> = [
      ['no token', post('signal', { ...run, csrf: '' }), 403, /form token is missing or stale/],
      ['stale token', post('signal', { ...run, csrf: 'x'.repeat(csrf.length) }), 403, /form token is missing or stale/],
      [
        'another origin',
        post('signal', run, { origin: 'https://evil.example' }),
        403,
        /comes from https:\/\/evil\.example/,
      ],
      ['cross-site fetch', post('signal', run, { 'sec-fetch-site': 'cross-site' }), 403, /another site/],
      // The service's own Host check (DNS rebinding, host-check.ts) answers before the action does.
      [
        'rebound host',
        postWithHost('signal', run, 'evil.example'),
        403,
        /^Host 'evil\.example' is not a name this service answers to/,
      ],
      ['unconfirmed', post('signal', { ...run, confirm: '' }), 400, /not confirmed; nothing was done/],
      ['not JSON', post('signal', { ...run, input: '{oops' }), 400, /input is not JSON/],
      ['unknown action', post('explode', run), 404, /no action "explode"/],
      ...['W', '{}', '["W"]', '[1,2]', 'null', '["W","1","2"]'].map(
        (workflowType): [string, Promise<{ status: number; body: Out }>, number, RegExp] => [
          `start with workflowType ${workflowType}`,
          post('start', { domain, workflowType, workflowId: 'typo', csrf, confirm: 'yes' }),
          400,
          /is not a type's name and version; choose one from the start form's list, or send workflowType=\["name","version"\]/,
        ],
      ),
    ];
    for (const [what, answer, status, message] of refusals) {
      const { status: got, body } = await answer;
      expect(got, what).toBe(status);
      expect(String(body.message), what).toMatch(message);
    }
    expect((await history('w2', runId)).map((e) => e.eventType)).not.toContain('WorkflowExecutionSignaled');
    const typo = await server.service.handle('ListOpenWorkflowExecutions', {
      domain,
      startTimeFilter: { oldestDate: 0 },
      executionFilter: { workflowId: 'typo' },
    });
    expect(typo).toMatchObject({ executionInfos: [] });
  });

  it('answers a plain form post (no script) with a page that says what happened and links back', async () => {
    const runId = await startRun(server, 'w3');
    const csrf = await tokenOf(runPath('w3', runId));
    const res = await post(
      'signal',
      { domain, workflowId: 'w3', runId, csrf, confirm: 'yes', signalName: 'plain' },
      { accept: 'text/html' },
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain('<p class="note done">Signal plain sent.</p>');
    expect(res.text).toContain(`<a href="${runPath('w3', runId)}">Back to the run</a>`);
  });

  it('a read-only server shows no action forms and refuses every action', async () => {
    const runId = await startRun(readOnly, 'r1');
    const runPage = await (await fetch(`${readOnly.url}${runPath('r1', runId)}`)).text();
    expect(runPage).toContain('This server is read-only: no actions.');
    expect(runPage).not.toContain('<form class="action"');
    expect(await (await fetch(`${readOnly.url}/ui/domains/${domain}`)).text()).not.toContain('/ui/actions/start');
    const refused = await post(
      'signal',
      { domain, workflowId: 'r1', runId, csrf: 'anything', confirm: 'yes', signalName: 'go' },
      {},
      readOnly,
    );
    expect(refused).toMatchObject({
      status: 403,
      body: { ok: false, message: 'This server is read-only: it shows executions but takes no actions.' },
    });
  });
});
