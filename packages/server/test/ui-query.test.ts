/**
 * The web UI's numeric query parameters (`size` of the execution list, `page` of a run's history,
 * `after` of the live updates the page's script reads, `refresh`): a value that is not one the
 * parameter takes is answered 400 with a message naming the parameter and what it takes, not
 * silently read as the default (or, for `after`, as "everything changed, and no rows"). Valid
 * values still work. Over real HTTP.
 */
import { RegisterDomainCommand, RegisterWorkflowTypeCommand, StartWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { httpClient } from './support/sdk.js';

let server: LocalSwfServer;
let run = '';
beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0 });
  const swf = httpClient(server.url);
  await swf.send(new RegisterDomainCommand({ name: 'q', workflowExecutionRetentionPeriodInDays: '1' }));
  await swf.send(
    new RegisterWorkflowTypeCommand({
      domain: 'q',
      name: 'W',
      version: '1',
      defaultTaskList: { name: 't' },
      defaultExecutionStartToCloseTimeout: '3600',
      defaultTaskStartToCloseTimeout: '60',
      defaultChildPolicy: 'TERMINATE',
    }),
  );
  const started = await swf.send(
    new StartWorkflowExecutionCommand({ domain: 'q', workflowId: 'w', workflowType: { name: 'W', version: '1' } }),
  );
  run = `/ui/domains/q/executions/w/${encodeURIComponent(started.runId ?? '')}`;
});
afterAll(() => server.close());

const get = async (path: string): Promise<{ status: number; text: string }> => {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, text: await res.text() };
};

describe("the web UI's numeric query parameters", () => {
  it.each([
    ['/ui/domains/q?size=abc', 'size', 'from 1 to 1000'],
    ['/ui/domains/q?size=0', 'size', 'from 1 to 1000'],
    ['/ui/domains/q?size=5000', 'size', 'from 1 to 1000'],
    ['/ui/domains/q?refresh=0', 'refresh', 'from 1 to 3600'],
    ['/ui/domains/q?refresh=soon', 'refresh', 'from 1 to 3600'],
  ])('%s is a 400 naming %s and what it takes', async (path, name, range) => {
    const { status, text } = await get(path);
    expect(status).toBe(400);
    expect(text).toContain(`?${name}=`);
    expect(text).toContain(range);
  });

  it('a run page: ?page= out of the history, or not a number, is a 400 that says how many pages there are', async () => {
    for (const page of ['abc', '0', '-1', '7']) {
      const { status, text } = await get(`${run}?page=${page}`);
      expect(status, page).toBe(400);
      expect(text).toContain('?page=');
      expect(text).toContain('from 1 to 1');
    }
  });

  it('the live updates: ?after= that is not an event id is a 400, not an update with no rows', async () => {
    for (const after of ['abc', '-1', '1e400', '1.5']) {
      const { status, text } = await get(`${run}/live?after=${after}`);
      expect(status, after).toBe(400);
      expect(text).toContain('?after=');
    }
  });

  it('valid values still work', async () => {
    expect((await get('/ui/domains/q?size=1000&refresh=2')).status).toBe(200);
    expect((await get(`${run}?page=1`)).status).toBe(200);
    const live = JSON.parse((await get(`${run}/live?after=0`)).text) as { lastEventId: number; changed?: unknown };
    expect(live.lastEventId).toBe(2);
    expect(live.changed).toBeDefined();
    expect(JSON.parse((await get(`${run}/live?after=2`)).text)).toEqual({ lastEventId: 2, open: true });
    expect((await get(`${run}/live`)).status).toBe(200); // no ?after: from the start
  });
});
