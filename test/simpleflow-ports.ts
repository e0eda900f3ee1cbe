/**
 * TypeScript ports of the simpleflow workflows (botify-labs/simpleflow, MIT) whose real Amazon SWF
 * histories are in fixtures/swf-real/. Workflow type `example` version `example`; simpleflow's
 * input `{"args":[],"kwargs":{}}` reaches each as one object argument.
 */
import { Activities, Activity } from '@swf-flow/activity';
import { ActivityFailure, ChildWorkflowFailure } from '@swf-flow/common';
import {
  CancellationScope,
  condition,
  defineSignal,
  defineWorkflow,
  executeChild,
  proxyActivities,
  setHandler,
  sleep,
} from '@swf-flow/workflow';

/** simpleflow's input: positional and keyword arguments. */
export interface SimpleflowInput {
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** The activities of simpleflow's integration tests (`tests/integration/workflow.py`). */
@Activities({ version: 'example', startToCloseTimeout: '5 minutes' })
export class SimpleflowActivities {
  /** Sends a signal to the workflow that scheduled it. */
  @Activity({ name: 'tests.integration.workflow.wait_and_signal' })
  async waitAndSignal(_name = 'signal'): Promise<void> {}

  /** Adds one. */
  @Activity({ name: 'tests.integration.workflow.increment' })
  async increment(x: number): Promise<number> {
    return x + 1;
  }

  /** Asks SWF to cancel the workflow that scheduled it. */
  @Activity({ name: 'tests.integration.workflow.cancel_workflow' })
  async cancelWorkflow(): Promise<void> {}

  /** Returns more data than SWF accepts (so it fails). */
  @Activity({ name: 'tests.integration.workflow.returns_too_big_data_activity' })
  async returnsTooBigData(): Promise<string> {
    return 'x'.repeat(10_485_762);
  }
}

const acts = proxyActivities(SimpleflowActivities);
const TYPE = { name: 'example', version: 'example' };

/** test_timer_and_cancel: a long timer and a short one; when the short fires, cancel the long one; then a 0 s timer. */
export const timersAndCancelTimer = defineWorkflow(async function example(_input: SimpleflowInput): Promise<null> {
  const long = new CancellationScope();
  const longTimer = long.run(() => sleep('120s')).catch(() => 'cancelled');
  await sleep('2s');
  long.cancel();
  await longTimer;
  await sleep(0);
  return null;
}, TYPE);

/** test_wait_signal: two activities that each signal the workflow; wait for both and both signals, then increment. */
export const signalsParallelActivities = defineWorkflow(async function example(_input: SimpleflowInput): Promise<null> {
  const received = new Set<string>();
  for (const name of ['signal', 'signal 2']) setHandler(defineSignal(name), () => void received.add(name));
  await Promise.all([
    acts.waitAndSignal(),
    acts.waitAndSignal('signal 2'),
    condition(() => received.has('signal') && received.has('signal 2')),
  ]);
  await acts.increment(1);
  return null;
}, TYPE);

/** test_failing_activity_output: the activity fails; the workflow completes anyway. */
export const activityFailed = defineWorkflow(async function example(_input: SimpleflowInput): Promise<null> {
  try {
    await acts.returnsTooBigData();
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
  }
  return null;
}, TYPE);

/**
 * test_cancel_requested: the activity asks SWF to cancel the workflow; the workflow closes as
 * canceled at once, without cancelling the activity (simpleflow's decider does not).
 */
export const cancelRequested = defineWorkflow(async function example(_input: SimpleflowInput): Promise<null> {
  const activity = CancellationScope.nonCancellable(() => acts.cancelWorkflow());
  await Promise.race([activity, CancellationScope.current().cancelRequested]);
  return null;
}, TYPE);

/** test_failing_workflow_output: a child workflow fails (its result was too big); the parent completes anyway. */
export const childWorkflowFailed = defineWorkflow(async function example(_input: SimpleflowInput): Promise<null> {
  try {
    await executeChild('tests.integration.workflow.ChildReturnsTooBigDataWorkflow', { version: 'example' });
  } catch (err) {
    if (!(err instanceof ChildWorkflowFailure)) throw err;
  }
  return null;
}, TYPE);
