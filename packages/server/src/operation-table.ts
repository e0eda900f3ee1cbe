/**
 * The service's one handler table, built from its parts' tables: an operation implemented twice or
 * not at all stops the service at start-up instead of one part silently winning.
 */
import { serviceModel } from './model/model.js';
import type { OperationHandlers, PartialOperationHandlers, SwfOperationName } from './operation.js';

/**
 * Joins the parts' handler tables into one with exactly one handler for each of the model's
 * operations. Throws naming every operation that has two handlers, or none, and any name the model
 * does not know.
 *
 * @example
 * ```ts
 * const handlers = operationTable([registry.handlers, engine.handlers]);
 * ```
 */
export function operationTable(parts: readonly PartialOperationHandlers[]): OperationHandlers {
  const table: Record<string, unknown> = {};
  const twice = new Set<string>();
  for (const part of parts) {
    for (const [name, handler] of Object.entries(part)) {
      if (handler === undefined) continue;
      if (Object.hasOwn(table, name)) twice.add(name);
      table[name] = handler;
    }
  }
  const operations = Object.keys(serviceModel().operations) as SwfOperationName[];
  const missing = operations.filter((name) => !Object.hasOwn(table, name));
  const unknown = Object.keys(table).filter((name) => !Object.hasOwn(serviceModel().operations, name));
  const problems = [
    ...(twice.size > 0 ? [`implemented twice: ${[...twice].join(', ')}`] : []),
    ...(missing.length > 0 ? [`not implemented: ${missing.join(', ')}`] : []),
    ...(unknown.length > 0 ? [`not operations of the SWF model: ${unknown.join(', ')}`] : []),
  ];
  if (problems.length > 0) {
    throw new Error(
      `The service's operation handlers are wrong (${problems.join('; ')}): each of the model's operations needs exactly one handler.`,
    );
  }
  return table as OperationHandlers;
}
