/**
 * fan-out, end to end: 50 `CheckStock` activities in parallel against the embedded local SWF
 * service, their results aggregated by the workflow. Prints each event as it lands.
 *
 *     npx tsx examples/fan-out/src/main.ts [count]
 */
import { randomUUID } from 'node:crypto';
import { WorkflowClient } from '@swf-flow/client';
import type { Logger } from '@swf-flow/common';
import { Worker, type SwfClientLike } from '@swf-flow/worker';
import { exampleDataDir } from '../../shared/src/data-dir.js';
import { startLocalService } from '../../shared/src/local-service.js';
import { runIfProgram } from '../../shared/src/main-guard.js';
import { followHistory } from '../../shared/src/progress.js';
import { exampleLogger, runWorkers } from '../../shared/src/workers.js';
import { InventoryActivities } from './activities.js';
import { stockReport, type StockReport } from './workflows.js';

/** The domain the example works in. */
export const DOMAIN = 'fan-out';

/** A decider and an activity worker with enough pollers to take the 50 tasks quickly. */
export async function createWorkers(swf: SwfClientLike, logger: Logger = exampleLogger): Promise<Worker[]> {
  return [
    await Worker.create({
      swf,
      domain: DOMAIN,
      taskList: 'fan-out',
      workflows: [stockReport],
      activities: [new InventoryActivities()],
      activityPollers: 8,
      maxConcurrentActivityTasks: 50,
      logger,
    }),
  ];
}

/** `count` SKUs: `SKU-001`, `SKU-002`, ... */
export function skus(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `SKU-${String(i + 1).padStart(3, '0')}`);
}

/** Options of {@link main}. */
export interface MainOptions {
  /** The local service's data directory, or `':memory:'`. @default $SWF_FLOW_DATA or ./.swf-flow */
  dataDir?: string;
  /** How many activities to fan out to. @default 50 */
  count?: number;
  /** Where progress lines go. @default console.log */
  print?: (line: string) => void;
}

/** Runs the example once; resolves with the aggregated report. */
export async function main(options: MainOptions = {}): Promise<StockReport> {
  const print = options.print ?? ((line: string) => console.log(line));
  const dataDir = options.dataDir ?? exampleDataDir();
  const { server, swf } = await startLocalService({ dataDir });
  try {
    print(`local SWF service at ${server.url} (data: ${dataDir})`);
    const workers = runWorkers(await createWorkers(swf));
    try {
      const client = new WorkflowClient({ swf, domain: DOMAIN });
      const handle = await client.start(stockReport, { workflowId: `stock-${randomUUID()}`, args: [skus(options.count ?? 50)] });
      print(`started StockReport ${handle.workflowId}`);
      const [, report] = await Promise.all([followHistory(client, handle.workflowId, handle.runId ?? '', { print }), handle.result()]);
      print(`result: ${report.checked} SKUs checked, ${report.totalUnits} units in stock, out of stock: ${report.outOfStock.join(', ') || 'none'}`);
      return report;
    } finally {
      await workers.stop();
    }
  } finally {
    await server.close();
  }
}

runIfProgram(import.meta.url, () => main({ count: Number(process.argv[2] ?? 50) }));
