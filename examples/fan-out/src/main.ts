/**
 * fan-out, end to end: 50 `CheckStock` activities in parallel against the embedded local SWF
 * service, their results aggregated by the workflow. Prints each event as it lands.
 *
 *     npx tsx examples/fan-out/src/main.ts [count]
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@swf-flow/common';
import { Worker, type SwfClientLike } from '@swf-flow/worker';
import { quietLogger, runIfProgram, runLocal } from '@swf-flow/dev';
import { InventoryActivities } from './activities.js';
import { stockReport, type StockReport } from './workflows.js';

/** The domain the example works in. */
export const DOMAIN = 'fan-out';

/** A decider and an activity worker with enough pollers to take the 50 tasks quickly. */
export async function createWorkers(swf: SwfClientLike, logger: Logger = quietLogger): Promise<Worker[]> {
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
  return runLocal(
    { domain: DOMAIN, createWorkers, dataDir: options.dataDir, print: options.print },
    async ({ client, print, watch }) => {
      const handle = await client.start(stockReport, {
        workflowId: `stock-${randomUUID()}`,
        args: [skus(options.count ?? 50)],
      });
      print(`started StockReport ${handle.workflowId}`);
      const [, report] = await watch(handle);
      print(
        `result: ${report.checked} SKUs checked, ${report.totalUnits} units in stock, out of stock: ${report.outOfStock.join(', ') || 'none'}`,
      );
      return report;
    },
  );
}

runIfProgram(import.meta.url, () => main({ count: Number(process.argv[2] ?? 50) }));
