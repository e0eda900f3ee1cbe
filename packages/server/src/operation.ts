/**
 * The shape every operation implementation has, registry and engine alike, typed from the model:
 * each operation takes its model input (already validated) and returns its model output, both in
 * wire form (timestamps as epoch seconds).
 */
import type { ActivityTask, DecisionTask, SwfOperationName, SwfOperations } from './model/wire-types.js';

export type { SwfOperationName, SwfOperations } from './model/wire-types.js';

/** What an operation receives besides its input. */
export interface OperationContext {
  /** Aborted when the caller goes away (a long poll then returns or stops early). */
  signal?: AbortSignal;
  /**
   * Whether the caller went away, answered without reading `signal`: a caller may then give
   * `signal` as a getter that makes it on its first read (an `AbortSignal` costs ~5 µs to make on
   * Node 20), which a long poll does only when it waits. Without it, `signal.aborted` is read.
   */
  gone?: () => boolean;
}

/**
 * The answer of a decision poll that found no task in time: SWF sends a task without a token (the
 * model's `required` list does not allow for it, so it is typed here).
 */
export interface EmptyDecisionTask {
  /** Always 0. */
  startedEventId: 0;
  /** Always 0. */
  previousStartedEventId: 0;
}

/** The answer of an activity poll that found no task in time (see {@link EmptyDecisionTask}). */
export interface EmptyActivityTask {
  /** Always 0. */
  startedEventId: 0;
}

/** The validated input of operation `K`. */
export type OperationInput<K extends SwfOperationName> = SwfOperations[K]['input'];

/** An operation the model gives no output answers `{}`: its handler returns nothing or `{}`. */
type Answer<O> = [O] extends [void] ? void | Record<string, never> : O;

/**
 * The output of operation `K` in wire form: the model's output shape (nothing or `{}` where the
 * model has none); a long poll may also answer with its empty task.
 */
export type OperationOutput<K extends SwfOperationName> = K extends 'PollForDecisionTask'
  ? DecisionTask | EmptyDecisionTask
  : K extends 'PollForActivityTask'
    ? ActivityTask | EmptyActivityTask
    : Answer<SwfOperations[K]['output']>;

/**
 * One SWF operation: takes the request's input (already validated against the model) and returns
 * its output in wire form, or throws an `SwfFault`.
 */
export type OperationHandler<K extends SwfOperationName> = (
  input: OperationInput<K>,
  ctx: OperationContext,
) => OperationOutput<K> | Promise<OperationOutput<K>>;

/** Every operation's implementation by SWF operation name: exactly one for each of the model's operations. */
export type OperationHandlers = { [K in SwfOperationName]: OperationHandler<K> };

/** The implementations of some operations (a part of the service: the registry, the engine). */
export type PartialOperationHandlers = Partial<OperationHandlers>;

/** The operations the registry implements: domains, workflow and activity types, domain tags. */
export type RegistryOperationName =
  | 'RegisterDomain'
  | 'DeprecateDomain'
  | 'UndeprecateDomain'
  | 'DescribeDomain'
  | 'ListDomains'
  | 'RegisterWorkflowType'
  | 'DeprecateWorkflowType'
  | 'UndeprecateWorkflowType'
  | 'DeleteWorkflowType'
  | 'DescribeWorkflowType'
  | 'ListWorkflowTypes'
  | 'RegisterActivityType'
  | 'DeprecateActivityType'
  | 'UndeprecateActivityType'
  | 'DeleteActivityType'
  | 'DescribeActivityType'
  | 'ListActivityTypes'
  | 'TagResource'
  | 'UntagResource'
  | 'ListTagsForResource';

/** The operations the execution engine implements: every one the registry does not. */
export type EngineOperationName = Exclude<SwfOperationName, RegistryOperationName>;

/**
 * The registry's handler table: each of its operations exactly once (a missing one does not
 * compile), each answering at once (the registry never waits).
 */
export type RegistryHandlers = {
  [K in RegistryOperationName]: (input: OperationInput<K>, ctx: OperationContext) => OperationOutput<K>;
};

/** The engine's handler table: each of its operations exactly once (a missing one does not compile). */
export type EngineHandlers = Pick<OperationHandlers, EngineOperationName>;
