/**
 * The web UI in headless Chromium against the order example: real workers run orders on the local
 * service over HTTP, and a browser reads and works the pages as a person would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { activityContext } from '@swf-flow/activity';
import { WorkflowClient, type WorkflowHandle } from '@swf-flow/client';
import { silentLogger, WorkflowExecutionFailedError } from '@swf-flow/common';
import { type LocalService, type RunningWorkers, runWorkers, startLocalService, waitFor } from '@swf-flow/dev';
import { type Charge, OrderActivities } from '../examples/order/src/activities.js';
import { createWorkers, DOMAIN, sampleOrder } from '../examples/order/src/main.js';
import { orderWorkflow } from '../examples/order/src/workflows.js';
import { computedStyle, launchBrowser, openPage } from './support/browser.js';

/** A wait for the browser or the service bounds a hang, not their speed: a loaded machine may take seconds. */
const HANG_MS = 20_000;

/** Aborted once this file's tests are done: a held charge that no test cancelled ends then. */
const testsDone = new AbortController();

/**
 * The example's activities, except that a card marked `hold` is charged until the workflow cancels it
 * (or the tests are done, not at a time of its own: the browser may take long on a loaded machine): a
 * run stays live for the browser.
 */
class HoldingOrderActivities extends OrderActivities {
  override async chargeCreditCard(card: string, amount: number): Promise<Charge> {
    if (!card.startsWith('hold')) return super.chargeCreditCard(card, amount);
    const { heartbeat, cancellationSignal } = activityContext();
    while (!cancellationSignal.aborted && !testsDone.signal.aborted) {
      heartbeat({ waiting: true });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    cancellationSignal.throwIfAborted();
    throw new Error('the charge was never cancelled');
  }
}

/** Starts an order whose charge holds, and resolves once the charge is running. */
async function liveOrder(id: string): Promise<WorkflowHandle<string>> {
  const handle = await client.start(orderWorkflow, {
    workflowId: id,
    args: [{ ...sampleOrder(id), card: 'hold-4111' }],
  });
  await waitFor(
    async () => {
      const history = await handle.history();
      const charge = history.find(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'ChargeCreditCard',
      );
      return (
        charge !== undefined &&
        history.some((e) => e.activityTaskStartedEventAttributes?.scheduledEventId === charge.eventId)
      );
    },
    { what: 'ChargeCreditCard to start', timeoutMs: 30_000 }, // bounds a hang
  );
  return handle;
}

async function closeStatus(handle: WorkflowHandle<string>): Promise<string> {
  const err = await handle.result({ timeout: '30s' }).catch((e: unknown) => e); // bounds a hang
  return err instanceof WorkflowExecutionFailedError ? err.status : 'COMPLETED';
}

async function openRun(page: Page, handle: WorkflowHandle<string>): Promise<void> {
  await page.goto(
    `${local.server.url}/ui/domains/${DOMAIN}/executions/${encodeURIComponent(handle.workflowId)}/${encodeURIComponent(handle.runId ?? '')}`,
  );
}

let local: LocalService;
let workers: RunningWorkers | undefined;
let client: WorkflowClient;
let browser: Browser | undefined;
const completed = ['order-ui-1', 'order-ui-2'];

beforeAll(async () => {
  local = await startLocalService({ dataDir: ':memory:', pollTimeoutMs: 1000 });
  workers = runWorkers(
    await createWorkers(local.swf, {
      logger: silentLogger,
      heartbeatThrottle: '20ms',
      activities: new HoldingOrderActivities(),
    }),
  );
  client = new WorkflowClient({ swf: local.swf, domain: DOMAIN });
  for (const id of completed)
    await (await client.start(orderWorkflow, { workflowId: id, args: [sampleOrder(id)] })).result({ timeout: '20s' });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  testsDone.abort();
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
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: HANG_MS, message: 'the domain page loads' })
      .toBe(`Domain ${DOMAIN}`);
    // Nothing is open (every other test closes its run before it ends), so the closed list is shown,
    // with both counts: this test's two runs, and whatever runs the other tests closed before it.
    const counts = /^Open \(0\) · Closed \((\d+)\)$/.exec((await page.locator('.counts').textContent()) ?? '');
    expect(counts, 'the counts line').not.toBeNull();
    const rows = page.locator('table.executions tr.execution');
    const ids = await rows.locator('a.workflow-id').allTextContents();
    expect(ids.length).toBe(Number(counts?.[1]));
    expect(ids.filter((id) => completed.includes(id))).toEqual([...completed].reverse()); // newest first
    const badge = rows.filter({ hasText: completed[1] }).locator('.badge');
    expect(await badge.textContent()).toBe('COMPLETED');
    expect(await computedStyle(badge, 'color')).toBe('rgb(24, 121, 78)'); // green, not red

    // A filter the API offers: by workflow id.
    await page.fill('input[name=workflowId]', 'order-ui-1');
    await page.locator('form.filters button[type=submit]').click();
    await expect
      .poll(() => rows.locator('a.workflow-id').allTextContents(), {
        timeout: HANG_MS,
        message: 'the filtered list loads',
      })
      .toEqual(['order-ui-1']);
    expect(await page.locator('.counts').textContent()).toBe('Open (0) · Closed (1)');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000); // a bound for a loaded machine, not a speed claim

  it('the execution page draws the four activities in order on the timeline, with hover details, the result and the history', async () => {
    const { page, problems } = await openPage(browser as Browser);
    await page.goto(local.server.uiUrl);
    await page.locator('table.executions a.workflow-id', { hasText: 'order-ui-1' }).click();
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: HANG_MS, message: 'the execution page loads' })
      .toBe('Workflow order-ui-1');

    const lanes = page.locator('#run-timeline svg g.lane[data-kind=activity]');
    expect(await lanes.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-label')))).toEqual([
      'VerifyOrder (activity-1)',
      'ChargeCreditCard (activity-2)',
      'ShipOrder (activity-3)',
      'RecordOrderCompletion (activity-4)',
    ]);
    // One after the other on the time axis, each completed (green).
    const starts = await lanes.evaluateAll((gs) =>
      gs.map((g) => Number(g.querySelector('rect.run-ok')?.getAttribute('x'))),
    );
    expect(starts.every((x, i) => Number.isFinite(x) && (i === 0 || x >= (starts[i - 1] as number)))).toBe(true);
    expect(await page.locator('#run-timeline g.lane[data-kind=decision]').count()).toBe(1);

    await lanes.nth(1).locator('g.span').hover();
    await expect
      .poll(() => page.locator('.tip').textContent(), { timeout: HANG_MS, message: 'the tooltip shows' })
      .toMatch(/^ChargeCreditCard \(activity-2\)\nscheduled .*\nstarted \+.*\nActivityTaskCompleted \+/);

    expect(await page.locator('#run-summary .badge').first().textContent()).toBe('CLOSED');
    expect(await page.locator('#run-outcome pre.payload').last().textContent()).toBe('"ch_order-ui-1_activity-2"');
    expect(await page.locator('#run-pending').textContent()).toBe('None.');
    const types = await page.locator('table.history tbody tr td:nth-child(3)').allTextContents();
    expect(types[0]).toBe('WorkflowExecutionStarted');
    expect(types.at(-1)).toBe('WorkflowExecutionCompleted');
    expect(types.filter((t) => t === 'ActivityTaskCompleted')).toHaveLength(4);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000); // a bound for a loaded machine, not a speed claim

  it('the signal button sends the `cancel` signal to a live run, after confirmation, and says so', async () => {
    const handle = await liveOrder('order-ui-signal');
    const { page, problems } = await openPage(browser as Browser);
    await openRun(page, handle);
    expect(await page.locator('#run-pending td:nth-child(2)').first().textContent()).toMatch(/^ChargeCreditCard/);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    const form = page.locator('form.action[action="/ui/actions/signal"]');
    await form.locator('input[name=signalName]').fill('cancel');
    await form.locator('button[type=submit]').click();
    await expect
      .poll(() => form.locator('.outcome').textContent(), { timeout: HANG_MS, message: 'the outcome shows' })
      .toBe('Signal cancel sent.');
    expect(dialogs).toEqual(['Send this signal to order-ui-signal?']);
    expect(await closeStatus(handle)).toBe('CANCELED');
    expect(
      (await handle.history()).some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'cancel'),
    ).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000); // a bound for a loaded machine, not a speed claim

  it('the request-cancel button does nothing when the dialog is dismissed and cancels the live run when confirmed', async () => {
    const handle = await liveOrder('order-ui-cancel');
    const { page, problems } = await openPage(browser as Browser);
    await openRun(page, handle);
    const form = page.locator('form.action[action="/ui/actions/cancel"]');
    let answer: 'dismiss' | 'accept' = 'dismiss';
    page.on('dialog', (dialog) => void (answer === 'accept' ? dialog.accept() : dialog.dismiss()));
    await form.locator('button[type=submit]').click();
    await expect
      .poll(() => form.locator('.outcome').textContent(), { timeout: HANG_MS, message: 'the refusal shows' })
      .toBe('Not sent.');
    expect((await handle.history()).map((e) => e.eventType)).not.toContain('WorkflowExecutionCancelRequested');

    answer = 'accept';
    await form.locator('button[type=submit]').click();
    await expect
      .poll(() => form.locator('.outcome').textContent(), { timeout: HANG_MS, message: 'the outcome shows' })
      .toBe('Cancellation requested; the workflow decides how to stop.');
    expect(await closeStatus(handle)).toBe('CANCELED');
    expect((await handle.history()).map((e) => e.eventType)).toContain('WorkflowExecutionCancelRequested');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000); // a bound for a loaded machine, not a speed claim

  it('an open run updates in place as events land: new rows, the timeline and the status, without a reload or a jump', async () => {
    const handle = await liveOrder('order-ui-live');
    const { page, problems } = await openPage(browser as Browser);
    await openRun(page, handle);
    await expect
      .poll(() => page.locator('#live-state').textContent(), { timeout: HANG_MS, message: 'the page goes live' })
      .toBe('● live');
    await page.evaluate('window.sameDocument = true');
    const before = Number(await page.locator('#event-count').textContent());
    await page
      .locator('#history')
      .evaluate((h) => (h as unknown as { scrollIntoView(o: unknown): void }).scrollIntoView({ block: 'start' }));
    const top = (): Promise<number> =>
      page
        .locator('#history')
        .evaluate((h) =>
          Math.round((h as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top),
        );
    const startTop = await top();

    await handle.cancel(); // from outside the page: the charge is canceled, the run closes
    await expect
      .poll(() => page.locator('#live-state').textContent(), {
        message: 'the page sees the run close',
        timeout: 20_000,
      })
      .toBe('closed');
    const rows = page.locator('table.history tbody tr');
    expect(await rows.last().locator('td:nth-child(3)').textContent()).toBe('WorkflowExecutionCanceled');
    const ids = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-event'))))) as number[];
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1)); // every event once, in order
    expect(Number(await page.locator('#event-count').textContent())).toBeGreaterThan(before);
    expect(
      await page
        .locator('#run-timeline g.lane[data-label="ChargeCreditCard (activity-2)"] g.span')
        .getAttribute('data-outcome'),
    ).toBe('warn');
    expect(await page.locator('#run-summary .badge').nth(1).textContent()).toBe('CANCELED');
    expect(await page.locator('#run-actions').textContent()).toContain('The run has closed: no more actions.');
    expect(await page.locator('#run-actions button:enabled').count()).toBe(0); // a closed run takes no actions
    expect(await page.evaluate('window.sameDocument')).toBe(true); // no reload
    expect(Math.abs((await top()) - startTop)).toBeLessThanOrEqual(1); // what the reader looked at stayed put
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000); // a bound for a loaded machine, not a speed claim
});
