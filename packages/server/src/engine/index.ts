/**
 * @module
 * The execution engine of the local SWF service: every operation that is not about the registry
 * (executions, decision and activity tasks, history, listings), durable in SQLite.
 *
 * @example
 * ```ts
 * const db = openDatabase(':memory:', [...registrySchema, ...engineSchema]);
 * const engine = new Engine({ db, clock: systemClock, registry });
 * engine.start();
 * const { runId } = await engine.handlers.StartWorkflowExecution!(input, {});
 * ```
 */
export { Engine } from './engine.js';
export type { EngineOptions } from './engine.js';
export { engineSchema } from './schema.js';
export type { ActivityTypeRecord, DomainRecord, EngineConfig, RegistryLike, WorkflowTypeRecord } from './types.js';
