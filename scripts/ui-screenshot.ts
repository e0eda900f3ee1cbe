/**
 * Writes docs/ui-execution.png, the README's picture of the web UI: the order example runs once on
 * an in-memory local service, its first card charge failing so that the timeline shows a failed
 * attempt and the retry (which waits its 10 s); then headless Chromium (Debian's chromium, driven
 * by playwright-core) photographs the execution page.
 *
 *     npx tsx scripts/ui-screenshot.ts
 */
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { WorkflowClient } from '@swf-flow/client';
import { silentLogger } from '@swf-flow/common';
import { runWorkers, startLocalService } from '@swf-flow/dev';
import { type Charge, OrderActivities } from '../examples/order/src/activities.js';
import { createWorkers, DOMAIN, sampleOrder } from '../examples/order/src/main.js';
import { orderWorkflow } from '../examples/order/src/workflows.js';

/** The first charge attempt fails (a retryable error), so the picture shows a red bar and a retry. */
class FlakyOnce extends OrderActivities {
  private failed = false;
  override async chargeCreditCard(card: string, amount: number): Promise<Charge> {
    if (!this.failed) {
      this.failed = true;
      throw new Error('payment gateway timed out');
    }
    return super.chargeCreditCard(card, amount);
  }
}

const out = fileURLToPath(new URL('../docs/ui-execution.png', import.meta.url));
const local = await startLocalService({ dataDir: ':memory:', pollTimeoutMs: 1000 });
const workers = runWorkers(await createWorkers(local.swf, { logger: silentLogger, activities: new FlakyOnce() }));
const browser = await chromium.launch({ executablePath: process.env.SWF_FLOW_CHROMIUM ?? '/usr/bin/chromium' });
try {
  const client = new WorkflowClient({ swf: local.swf, domain: DOMAIN });
  const order = sampleOrder('order-1042');
  const handle = await client.start(orderWorkflow, { workflowId: order.id, args: [order] });
  await handle.result({ timeout: '60s' });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1150 } });
  await page.goto(
    `${local.server.url}/ui/domains/${DOMAIN}/executions/${encodeURIComponent(order.id)}/${encodeURIComponent(handle.runId ?? '')}`,
  );
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await workers.stop();
  await local.server.close();
}
