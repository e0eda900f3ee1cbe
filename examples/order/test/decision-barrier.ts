/**
 * A barrier between a decider's poll and its answer, for tests that need an event to land while
 * the decider provably holds a decision task (between its `DecisionTaskStarted` and its
 * `DecisionTaskCompleted`): SDK middleware on the worker's `SWFClient` holds the first
 * `RespondDecisionTaskCompleted` whose decisions match, until the test releases it.
 */
import type { SWFClient } from '@aws-sdk/client-swf';
import type { Decision } from '@swf-flow/common';

/** A held decision task answer. */
export interface DecisionBarrier {
  /** Resolves with the held answer's decisions once a matching answer is held (not yet sent). */
  readonly held: Promise<Decision[]>;
  /** Sends the held answer (and every later one) on. */
  release(): void;
}

/**
 * Holds the first `RespondDecisionTaskCompleted` sent through `swf` whose decisions satisfy `when`.
 * @example
 * ```ts
 * const barrier = holdDecision(workerSwf, (ds) => ds.some((d) => d.decisionType === 'StartTimer'));
 * await barrier.held;                  // the decider holds the task
 * await handle.signal(cancelSignal);   // recorded inside the task's window
 * barrier.release();
 * ```
 */
export function holdDecision(swf: SWFClient, when: (decisions: Decision[]) => boolean): DecisionBarrier {
  let triggered = false;
  let onHeld: (decisions: Decision[]) => void = () => undefined;
  let release: () => void = () => undefined;
  const held = new Promise<Decision[]>((resolve) => (onHeld = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  swf.middlewareStack.add(
    (next, context) => async (args) => {
      const decisions = (args.input as { decisions?: Decision[] }).decisions ?? [];
      if (!triggered && context.commandName === 'RespondDecisionTaskCompletedCommand' && when(decisions)) {
        triggered = true;
        onHeld(decisions);
        await released;
      }
      return next(args);
    },
    { step: 'initialize', name: `holdDecision-${Math.random().toString(36).slice(2)}` },
  );
  return { held, release: () => release() };
}
