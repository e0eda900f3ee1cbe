/** The shape every operation implementation has, registry and engine alike. */

/** What an operation receives besides its input. */
export interface OperationContext {
  /** Aborted when the caller goes away (a long poll then returns or stops early). */
  signal?: AbortSignal;
}

/**
 * One SWF operation: takes the request's input (already validated against the model) and returns
 * its output in wire form (timestamps as epoch seconds), or throws an `SwfFault`.
 */
export type OperationHandler = (input: unknown, ctx: OperationContext) => unknown | Promise<unknown>;

/** Operation implementations by SWF operation name (`RegisterDomain`, ...). */
export type OperationHandlers = Record<string, OperationHandler>;
