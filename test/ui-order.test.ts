/**
 * The web UI in headless Chromium against the order example: real workers run orders on the local
 * service over HTTP, and a browser reads and works the pages as a person would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { WorkflowClient } from '@swf-flow/client';
import { silentLogger } from '@swf-flow/common';
import { type LocalService, type RunningWorkers, runWorkers, startLocalService } from '@swf-flow/dev';
import { createWorkers, DOMAIN, sampleOrder } from '../examples/order/src/main.js';
import { orderWorkflow } from '../examples/order/src/workflows.js';
import { computedStyle, launchBrowser, openPage } from './support/browser.js';

let local: LocalService;
let workers: RunningWorkers | undefined;
let client: WorkflowClient;
let browser: Browser | undefined;
const completed = ['order-ui-1', 'order-ui-2'];

beforeAll(async () => {
  local = await startLocalService({ dataDir: ':memory:', pollTimeoutMs: 1000 });
  workers = runWorkers(await createWorkers(local.swf, { logger: silentLogger, heartbeatThrottle: '20ms' }));
  client = new WorkflowClient({ swf: local.swf, domain: DOMAIN });
  for (const id of completed) await (await client.start(orderWorkflow, { workflowId: id, args: [sampleOrder(id)] })).result({ timeout: '20s' });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await workers?.stop();
  await local?.server.close();
});

describe('the web UI on the order example', () => {
  it('lists the order executions on the home page and on the domain page, completed in green', async () => {
    const { page, problems } = await openPage(browser as Browser);
    await page.goto(local.server.uiUrl);
    const recent = await page.locator('table.executions a.workflow-id').allTextContents();
    expect(recent).toEqual(expect.arrayContaining(completed));

    await page.locator('table.domains a', { hasText: DOMAIN }).click();
    await expect.poll(() => page.locator('h1').textContent(), { message: 'the domain page loads' }).toBe(`Domain ${DOMAIN}`);
    // Nothing is open, so the closed list is shown, with both counts.
    expect(await page.locator('.counts').textContent()).toBe('Open (0) · Closed (2)');
    const rows = page.locator('table.executions tr.execution');
    expect(await rows.locator('a.workflow-id').allTextContents()).toEqual([...completed].reverse()); // newest first
    const badge = rows.first().locator('.badge');
    expect(await badge.textContent()).toBe('COMPLETED');
    expect(await computedStyle(badge, 'color')).toBe('rgb(24, 121, 78)'); // green, not red

    // A filter the API offers: by workflow id.
    await page.fill('input[name=workflowId]', 'order-ui-1');
    await page.locator('form.filters button[type=submit]').click();
    await expect.poll(() => rows.locator('a.workflow-id').allTextContents(), { message: 'the filtered list loads' }).toEqual(['order-ui-1']);
    expect(await page.locator('.counts').textContent()).toBe('Open (0) · Closed (1)');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the execution page draws the four activities in order on the timeline, with hover details, the result and the history', async () => {
    const { page, problems } = await openPage(browser as Browser);
    await page.goto(local.server.uiUrl);
    await page.locator('table.executions a.workflow-id', { hasText: 'order-ui-1' }).click();
    await expect.poll(() => page.locator('h1').textContent(), { message: 'the execution page loads' }).toBe('Workflow order-ui-1');

    const lanes = page.locator('#run-timeline svg g.lane[data-kind=activity]');
    expect(await lanes.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-label')))).toEqual([
      'VerifyOrder (activity-1)',
      'ChargeCreditCard (activity-2)',
      'ShipOrder (activity-3)',
      'RecordOrderCompletion (activity-4)',
    ]);
    // One after the other on the time axis, each completed (green).
    const starts = await lanes.evaluateAll((gs) => gs.map((g) => Number(g.querySelector('rect.run-ok')?.getAttribute('x'))));
    expect(starts.every((x, i) => Number.isFinite(x) && (i === 0 || x >= (starts[i - 1] as number)))).toBe(true);
    expect(await page.locator('#run-timeline g.lane[data-kind=decision]').count()).toBe(1);

    await lanes.nth(1).locator('g.span').hover();
    await expect.poll(() => page.locator('.tip').textContent(), { message: 'the tooltip shows' }).toMatch(/^ChargeCreditCard \(activity-2\)\nscheduled .*\nstarted \+.*\nActivityTaskCompleted \+/);

    expect(await page.locator('#run-summary .badge').first().textContent()).toBe('CLOSED');
    expect(await page.locator('#run-outcome pre.payload').last().textContent()).toBe('"ch_order-ui-1_activity-2"');
    expect(await page.locator('#run-pending').textContent()).toBe('None.');
    const types = await page.locator('table.history tbody tr td:nth-child(3)').allTextContents();
    expect(types[0]).toBe('WorkflowExecutionStarted');
    expect(types.at(-1)).toBe('WorkflowExecutionCompleted');
    expect(types.filter((t) => t === 'ActivityTaskCompleted')).toHaveLength(4);
    expect(problems).toEqual([]);
    await page.close();
  });
});
