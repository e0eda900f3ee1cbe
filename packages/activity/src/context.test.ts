import { describe, expect, expectTypeOf, it } from 'vitest';
import { ValidationError } from '@swf-flow/common';
import { activityContext, runWithActivityContext, type ActivityContext, type ActivityInfo } from './index.js';

function makeContext(activityId: string, heartbeats: unknown[] = []): ActivityContext {
  const info: ActivityInfo = {
    activityId,
    activityType: { name: 'Echo', version: '1.0' },
    workflowExecution: { workflowId: 'wf', runId: 'run' },
    taskToken: `token-${activityId}`,
    taskList: 'default',
    attempt: 1,
  };
  return {
    info,
    heartbeat: (d) => heartbeats.push(d),
    cancellationSignal: new AbortController().signal,
    doNotCompleteOnReturn: () => undefined,
  };
}

describe('activityContext', () => {
  it('throws a clear error outside an activity', () => {
    expect(() => activityContext()).toThrow(ValidationError);
    expect(() => activityContext()).toThrow(/called outside an activity.*runWithActivityContext/);
  });

  it('returns the context inside runWithActivityContext, also after await', async () => {
    const heartbeats: unknown[] = [];
    const result = await runWithActivityContext(makeContext('a1', heartbeats), async () => {
      await new Promise((r) => setTimeout(r, 1));
      activityContext().heartbeat({ step: 1 });
      return activityContext().info.activityId;
    });
    expect(result).toBe('a1');
    expect(heartbeats).toEqual([{ step: 1 }]);
    expect(() => activityContext()).toThrow(ValidationError);
  });

  it('keeps concurrent activities apart', async () => {
    const run = (id: string, delay: number) =>
      runWithActivityContext(makeContext(id), async () => {
        await new Promise((r) => setTimeout(r, delay));
        return activityContext().info.taskToken;
      });
    expect(await Promise.all([run('x', 5), run('y', 1)])).toEqual(['token-x', 'token-y']);
  });

  it('rejects an incomplete context', () => {
    expect(() => runWithActivityContext({ info: {} } as ActivityContext, () => 1)).toThrow(
      /lacks heartbeat\(\), cancellationSignal \(an AbortSignal\), doNotCompleteOnReturn\(\)/,
    );
  });

  it('takes a cancellationSignal getter without reading it; a value must be an AbortSignal', async () => {
    let reads = 0;
    const base = makeContext('lazy');
    const ctx: ActivityContext = {
      info: base.info,
      heartbeat: base.heartbeat,
      doNotCompleteOnReturn: base.doNotCompleteOnReturn,
      get cancellationSignal(): AbortSignal {
        reads += 1;
        return base.cancellationSignal;
      },
    };
    expect(runWithActivityContext(ctx, () => reads)).toBe(0);
    expect(runWithActivityContext(ctx, () => activityContext().cancellationSignal.aborted)).toBe(false);
    expect(reads).toBe(1);
    const notASignal = { ...base, cancellationSignal: {} as AbortSignal };
    expect(() => runWithActivityContext(notASignal, () => 1)).toThrow(/lacks cancellationSignal \(an AbortSignal\)/);
  });

  it('has the documented shape', () => {
    expectTypeOf<ActivityContext['cancellationSignal']>().toEqualTypeOf<AbortSignal>();
    expectTypeOf<ActivityContext['heartbeat']>().toEqualTypeOf<(details?: unknown) => void>();
    expectTypeOf<ActivityInfo['attempt']>().toEqualTypeOf<number>();
    expectTypeOf<ActivityInfo['scheduledEventId']>().toEqualTypeOf<number | undefined>();
    expectTypeOf(runWithActivityContext(makeContext('z'), () => 'r')).toEqualTypeOf<string>();
  });
});
