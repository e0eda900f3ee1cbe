// Activities and workflows of the worker's integration tests. Test-side hooks (gates, flags) are
// plain module state: activities run in the test process.
import { Activities, Activity, activityContext } from '@swf-flow/activity';
import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@swf-flow/common';
import {
  condition,
  continueAsNew,
  defineSignal,
  defineWorkflow,
  proxyActivities,
  setExecutionState,
  setHandler,
  sleep,
} from '@swf-flow/workflow';
import { deferred } from './helpers.js';

export const hooks = {
  cancelSeen: false,
  started: deferred(),
  release: deferred(),
  taskToken: deferred<string>(),
  /** Lets Stall return (the test opens it once the heartbeat timeout has been recorded). */
  stallRelease: deferred(),
};

@Activities({ version: '1.0', startToCloseTimeout: '30s' })
export class TestActivities {
  @Activity({ name: 'Greet' })
  async greet(name: string): Promise<string> {
    return `Hello, ${name}!`;
  }

  @Activity({ name: 'Charge' })
  async charge(): Promise<void> {
    throw ApplicationFailure.nonRetryable('card declined', 'PaymentDeclined');
  }

  @Activity({ name: 'Stall', heartbeatTimeout: '1s' })
  async stall(): Promise<void> {
    activityContext().heartbeat('once');
    await hooks.stallRelease.promise; // never heartbeats again: only the heartbeat timeout can end it in time
  }

  @Activity({ name: 'Patient', heartbeatTimeout: '10s' })
  async patient(): Promise<string> {
    const { heartbeat, cancellationSignal } = activityContext();
    hooks.started.resolve();
    while (!cancellationSignal.aborted) {
      heartbeat();
      await new Promise((r) => setTimeout(r, 50));
    }
    hooks.cancelSeen = true;
    throw cancellationSignal.reason;
  }

  @Activity({ name: 'Gated' })
  async gated(): Promise<string> {
    hooks.started.resolve();
    await hooks.release.promise;
    return 'finished during shutdown';
  }

  @Activity({ name: 'External' })
  async external(): Promise<void> {
    hooks.taskToken.resolve(activityContext().info.taskToken);
    activityContext().doNotCompleteOnReturn();
  }

  @Activity({ name: 'Step' })
  async step(i: number): Promise<number> {
    return i + 1;
  }
}
export const acts = proxyActivities(TestActivities, { startToCloseTimeout: '30s' });

@Activities({ version: '1.0', startToCloseTimeout: '30s' })
export class FirstRegistration {
  @Activity({ name: 'Same' })
  async same(): Promise<void> {}
}

@Activities({ version: '1.0', startToCloseTimeout: '90s', taskList: 'elsewhere' })
export class SecondRegistration {
  @Activity({ name: 'Same' })
  async same(): Promise<void> {}
}

// Workflows.
export async function HelloWorkflow(name: string): Promise<string> {
  return await acts.greet(name);
}

export async function ChargeWorkflow(): Promise<{ activityFailure: boolean; causeType?: string; message?: string }> {
  try {
    await acts.charge();
    return { activityFailure: false };
  } catch (err) {
    const cause = (err as Error).cause as ApplicationFailure | undefined;
    return { activityFailure: err instanceof ActivityFailure, causeType: cause?.type, message: cause?.message };
  }
}

export async function StallWorkflow(): Promise<{ timeout: boolean; timeoutType?: string }> {
  try {
    await acts.stall();
    return { timeout: false };
  } catch (err) {
    const cause = (err as Error).cause;
    return {
      timeout: cause instanceof TimeoutFailure,
      timeoutType: (cause as TimeoutFailure | undefined)?.timeoutType,
    };
  }
}

export async function PatientWorkflow(): Promise<string> {
  return await acts.patient();
}

export async function GatedWorkflow(): Promise<string> {
  return await acts.gated();
}

export async function LoopWorkflow(n: number): Promise<number> {
  let value = 0;
  for (let i = 0; i < n; i += 1) value = await acts.step(value);
  return value;
}

export const ChangingV1 = defineWorkflow(
  async function changingV1(): Promise<string> {
    await acts.greet('first');
    await sleep('1s');
    return await acts.greet('second');
  },
  { name: 'Changing', version: '1.0' },
);
export const ChangingV2 = defineWorkflow(
  async function changingV2(): Promise<string> {
    await acts.step(1); // changed: the history recorded Greet here
    await sleep('1s');
    return await acts.greet('second');
  },
  { name: 'Changing', version: '1.0' },
);

export const greetSignal = defineSignal<[string, number]>('greet');

export async function SignalWorkflow(): Promise<string[]> {
  const received: string[] = [];
  setHandler(greetSignal, (name, times) => {
    for (let i = 0; i < times; i += 1) received.push(name);
    setExecutionState({ received: received.length });
  });
  setExecutionState({ received: 0 });
  await condition(() => received.length >= 3);
  return received;
}

/** A signal named with characters task lists may not hold: SWF's signal names have no such rule. */
export const orderCancelSignal = defineSignal<[string]>('order:cancel/v2');

/** Waits for `order:cancel/v2` and returns its reason. */
export async function CancelByNameWorkflow(): Promise<string> {
  let reason: string | undefined;
  setHandler(orderCancelSignal, (why) => void (reason = why));
  await condition(() => reason !== undefined);
  return reason as string;
}

export async function ExternalWorkflow(): Promise<unknown> {
  return await acts.external();
}

export async function CountdownWorkflow(n: number): Promise<string> {
  if (n > 0) await continueAsNew(n - 1);
  return 'lift-off';
}

/** Greets on a task list or with an activity id SWF refuses (its name rule): `taskList` or `activityId`. */
export async function BadNameWorkflow(field: 'taskList' | 'activityId', value: string): Promise<string> {
  if (field === 'taskList') return await proxyActivities(TestActivities, { taskList: value }).greet('x');
  return await acts.greet.withOptions({ activityId: value })('x');
}

export async function HugeResultWorkflow(): Promise<string> {
  return 'x'.repeat(40_000);
}
