/**
 * @module @swf-flow/activity
 *
 * Write activities: declare a class's activity types with `@Activities` / `@Activity` (standard or
 * legacy decorators) or `defineActivities` (no decorators) and, inside
 * a running activity, use `activityContext()` for its info, heartbeats and cancellation. Workers
 * (`@swf-flow/worker`) register and run these classes; workflows call them through
 * `proxyActivities` (`@swf-flow/workflow`).
 *
 * @example
 * ```ts
 * import { Activities, Activity, activityContext } from '@swf-flow/activity';
 *
 * @Activities({ version: '1.0', taskList: 'orders', startToCloseTimeout: '5 minutes' })
 * export class OrderActivities {
 *   @Activity({ name: 'VerifyOrder' })
 *   async verifyOrder(order: Order): Promise<void> { ... }
 *
 *   @Activity({ name: 'ChargeCreditCard', heartbeatTimeout: '30s' })
 *   async chargeCreditCard(card: string, amount: number): Promise<Charge> {
 *     activityContext().heartbeat();
 *     ...
 *   }
 * }
 * ```
 */
export { Activities, Activity } from './decorators.js';
export type {
  ActivitiesOptions,
  ActivityOptions,
  ActivitiesClassDecorator,
  ActivityMethodDecorator,
} from './decorators.js';
export { defineActivities } from './define-activities.js';
export type { ActivityMethodOptions } from './define-activities.js';
export { activityContext, runWithActivityContext } from './context.js';
export type { ActivityContext, ActivityInfo } from './context.js';
export { readActivityTypes, ApplicationFailure, CancelledFailure } from '@swf-flow/common';
export type {
  ActivityTypeInfo,
  ActivityTypeOptions,
  ActivityInterfaceFor,
  ActivityMethodNames,
} from '@swf-flow/common';
