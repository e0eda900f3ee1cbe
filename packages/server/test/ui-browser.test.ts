/**
 * The web UI in headless Chromium, driven straight through the SWF API: user data that looks like
 * markup stays text, and a history of 25,000 events is paged and drawn without choking the page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from '../../../test/support/browser.js';
import { type LocalSwfServer, createServer } from '../src/index.js';

/** A wait for the browser or the service bounds a hang, not their speed: a loaded machine may take seconds. */
const HANG_MS = 20_000;

let server: LocalSwfServer;
let browser: Browser | undefined;
const domain = 'browser';
const hostile = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">';

type Out = Record<string, unknown>;
const swf = (op: string, input: Out): Promise<Out> => server.service.handle(op, input) as Promise<Out>;

function execPath(workflowId: string, runId: string): string {
  return `/ui/domains/${domain}/executions/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}`;
}

async function start(workflowId: string): Promise<string> {
  return String(
    (
      await swf('StartWorkflowExecution', {
        domain,
        workflowId,
        workflowType: { name: 'W', version: '1' },
        input: hostile,
      })
    ).runId,
  );
}

async function decide(decisions: Out[]): Promise<void> {
  const task = await swf('PollForDecisionTask', { domain, taskList: { name: 'd' } });
  await swf('RespondDecisionTaskCompleted', { taskToken: task.taskToken, decisions, executionContext: hostile });
}

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 200 });
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
  await swf('RegisterActivityType', {
    domain,
    name: 'A',
    version: '1',
    defaultTaskList: { name: 'a' },
    defaultTaskScheduleToStartTimeout: '60',
    defaultTaskStartToCloseTimeout: '60',
    defaultTaskScheduleToCloseTimeout: '120',
    defaultTaskHeartbeatTimeout: 'NONE',
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the web UI in a browser', () => {
  it('shows a <script> in an activity result, the input, the execution context and the failure as text, and runs none of it', async () => {
    const runId = await start('hostile');
    await decide([
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: { activityId: 'a1', activityType: { name: 'A', version: '1' } },
      },
    ]);
    const task = await swf('PollForActivityTask', { domain, taskList: { name: 'a' } });
    await swf('RespondActivityTaskCompleted', { taskToken: task.taskToken, result: hostile });
    await decide([
      {
        decisionType: 'FailWorkflowExecution',
        failWorkflowExecutionDecisionAttributes: { reason: hostile.slice(0, 200), details: hostile },
      },
    ]);

    const { page, problems } = await openPage(browser as Browser);
    await page.goto(`${server.url}${execPath('hostile', runId)}`);
    const result = page.locator('table.history tr', { hasText: 'ActivityTaskCompleted' }).locator('dd').first();
    expect(await result.textContent()).toBe(hostile);
    expect(await page.locator('#run-outcome').textContent()).toContain(hostile);
    expect(await page.locator('#run-summary').textContent()).toContain(hostile); // latest execution context
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    // The only scripts are the page's own files; the only image is none.
    expect(await page.locator('script').evaluateAll((ss) => ss.map((s) => s.getAttribute('src')))).toEqual(
      expect.arrayContaining(['/ui/static/tooltip.js']),
    );
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws a signal and a cancel request sent to other runs as lanes and a refused decision as a red tick', async () => {
    // The receiver's decision tasks go to a task list of their own: the next decision task on 'd' is the sender's.
    await swf('StartWorkflowExecution', {
      domain,
      workflowId: 'receiver',
      workflowType: { name: 'W', version: '1' },
      taskList: { name: 'receiver' },
    });
    const runId = await start('sender');
    await decide([
      {
        decisionType: 'SignalExternalWorkflowExecution',
        signalExternalWorkflowExecutionDecisionAttributes: { workflowId: 'receiver', signalName: 'go' },
      },
      {
        decisionType: 'RequestCancelExternalWorkflowExecution',
        requestCancelExternalWorkflowExecutionDecisionAttributes: { workflowId: 'nobody-runs-this' },
      },
      {
        decisionType: 'ScheduleActivityTask',
        scheduleActivityTaskDecisionAttributes: {
          activityId: 'x1',
          activityType: { name: 'Unregistered', version: '1' },
        },
      },
    ]);
    const history = async (): Promise<string[]> =>
      (
        (await swf('GetWorkflowExecutionHistory', { domain, execution: { workflowId: 'sender', runId } }))
          .events as Array<{
          eventType: string;
        }>
      ).map((e) => e.eventType);
    await expect
      .poll(history, { timeout: HANG_MS, message: 'the service delivers the signal and refuses the cancel request' })
      .toEqual(
        expect.arrayContaining(['ExternalWorkflowExecutionSignaled', 'RequestCancelExternalWorkflowExecutionFailed']),
      );
    expect(await history()).toContain('ScheduleActivityTaskFailed');

    const { page, problems } = await openPage(browser as Browser);
    await page.goto(`${server.url}${execPath('sender', runId)}`);
    const lane = (kind: string) => page.locator(`#run-timeline g.lane[data-kind="${kind}"]`);
    expect(await lane('external-signal').getAttribute('data-label')).toBe('signal go → receiver');
    expect(await lane('external-signal').locator('g.span').getAttribute('data-outcome')).toBe('ok');
    expect(await lane('external-cancel').getAttribute('data-label')).toBe('cancel → nobody-runs-this');
    expect(await lane('external-cancel').locator('g.span').getAttribute('data-outcome')).toBe('bad');
    const refused = page.locator('#run-timeline g.tick-mark[data-kind="decision-failed"]');
    expect(await refused.getAttribute('data-tip')).toContain(
      'ScheduleActivityTaskFailed (x1): ACTIVITY_TYPE_DOES_NOT_EXIST',
    );
    // The stylesheet colours it: the refused tick's stroke is not the signals' violet.
    const stroke = await refused
      .locator('line')
      .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).stroke);
    expect(stroke).toBe('rgb(217, 72, 15)');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps a run of 25,000 events usable: the table is paged, the timeline draws one tick per pixel column', async () => {
    const runId = await start('long');
    // Started, a decision task scheduled, 24,997 signals and the termination SWF's limit of 25,000 events brings.
    for (let i = 0; i < 24_997; i++)
      await swf('SignalWorkflowExecution', { domain, workflowId: 'long', signalName: `s${i % 7}`, input: String(i) });
    const { page, problems } = await openPage(browser as Browser);
    await page.goto(`${server.url}${execPath('long', runId)}`);
    expect(await page.locator('#event-count').textContent()).toBe('25000');
    expect(await page.locator('#run-summary .badge').nth(1).textContent()).toBe('TERMINATED');
    expect(await page.locator('table.history tbody tr').count()).toBe(250);
    expect(await page.locator('.pager span').first().textContent()).toBe('« first'); // on the first page, no link to it
    expect(await page.locator('.pager').first().textContent()).toContain('page 1 of 100');
    expect(await page.locator('#run-timeline text', { hasText: 'signals, markers (24997)' }).count()).toBe(1);
    expect(await page.locator('#run-timeline g.tick-mark').count()).toBeLessThanOrEqual(901);

    await page.locator('.pager a', { hasText: 'last »' }).first().click();
    await expect
      .poll(() => page.locator('table.history tbody tr').last().getAttribute('data-event'), {
        timeout: HANG_MS,
        message: 'the last page loads',
      })
      .toBe('25000');
    expect(await page.locator('table.history tbody tr').first().getAttribute('data-event')).toBe('24751');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
