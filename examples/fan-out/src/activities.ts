/** The activity of the fan-out example: look up one item's stock (on task list `fan-out`). */
import { Activities, Activity } from '@swf-flow/activity';

/** One item's stock level. */
export interface StockLevel {
  sku: string;
  units: number;
}

/** Units in stock for a SKU: a stand-in for a call to an inventory service (0 for every 7th). */
export function unitsFor(sku: string): number {
  let hash = 0;
  for (const ch of sku) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % 7 === 0 ? 0 : hash % 100;
}

/** `CheckStock` 1.0. */
@Activities({
  version: '1.0',
  taskList: 'fan-out',
  scheduleToStartTimeout: '1 minute',
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '2 minutes',
  heartbeatTimeout: 'NONE',
})
export class InventoryActivities {
  /** Returns the units in stock for `sku`. */
  @Activity({ name: 'CheckStock' })
  async checkStock(sku: string): Promise<StockLevel> {
    await new Promise((resolve) => setTimeout(resolve, 10));
    return { sku, units: unitsFor(sku) };
  }
}
