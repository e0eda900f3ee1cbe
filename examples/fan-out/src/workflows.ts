/**
 * The fan-out workflow: one `CheckStock` activity per SKU, all scheduled at once (one decision task
 * answers with every `ScheduleActivityTask`), results aggregated when all are in.
 */
import { defineWorkflow, proxyActivities } from '@swf-flow/workflow';
import { InventoryActivities } from './activities.js';

const inventory = proxyActivities(InventoryActivities);

/** What the workflow returns. */
export interface StockReport {
  /** SKUs checked. */
  checked: number;
  /** Units in stock over all SKUs. */
  totalUnits: number;
  /** SKUs with no stock, in input order. */
  outOfStock: string[];
}

/** Workflow type `StockReport` 1.0 on task list `fan-out`. */
export const stockReport = defineWorkflow(
  async function stockReport(skus: string[]): Promise<StockReport> {
    const levels = await Promise.all(skus.map((sku) => inventory.checkStock(sku)));
    return {
      checked: levels.length,
      totalUnits: levels.reduce((sum, l) => sum + l.units, 0),
      outOfStock: levels.filter((l) => l.units === 0).map((l) => l.sku),
    };
  },
  {
    name: 'StockReport',
    version: '1.0',
    taskList: 'fan-out',
    executionStartToCloseTimeout: '1 hour',
    taskStartToCloseTimeout: '1 minute',
  },
);
