import { ValidationError, jsonDataConverter } from '@swf-flow/common';
import { SWFClient } from '@aws-sdk/client-swf';
import { describe, expect, it } from 'vitest';
import { compileWorkerOptions, type WorkerOptions } from './options.js';

const wf = async (): Promise<void> => {};
const base: WorkerOptions = { domain: 'd', taskList: 'tl', workflows: [wf], swf: { region: 'us-east-1' } };

describe('compileWorkerOptions', () => {
  it('refuses a key of the swf configuration that SWFClientConfig does not take, naming the nearest', () => {
    const swf = { region: 'us-east-1', endpont: 'http://127.0.0.1:8787' } as never;
    expect(() => compileWorkerOptions({ ...base, swf })).toThrow(ValidationError);
    expect(() => compileWorkerOptions({ ...base, swf })).toThrow(
      /swf\.endpont \(did you mean swf\.endpoint\?\) is not an option of the AWS SDK's SWFClient/,
    );
  });

  it('fills in every default', () => {
    const o = compileWorkerOptions(base);
    expect(o).toMatchObject({
      domain: 'd',
      taskList: 'tl',
      activities: [],
      dataConverter: jsonDataConverter,
      maxConcurrentDecisionTasks: 40,
      maxConcurrentActivityTasks: 100,
      decisionPollers: { minimum: 1, initial: 4, maximum: 16 },
      activityPollers: { minimum: 1, initial: 4, maximum: 16 },
      registerTypes: true,
      domainRetentionDays: 1,
      failWorkflowOnNonDeterminism: false,
      workflowCacheSize: 100,
      historyPageSize: 25,
      heartbeatThrottleMs: 5000,
      pollBackoffInitialMs: 200,
      pollBackoffMaxMs: 30_000,
      handleSignals: true,
      shutdownGraceTimeMs: undefined,
    });
    expect(o.identity).toMatch(/^\d+@/);
    expect(o.swf).toBeInstanceOf(SWFClient);
  });

  it('keeps a given SWFClient and reads durations as ms or strings', () => {
    const swf = new SWFClient({ region: 'us-east-1' });
    const o = compileWorkerOptions({
      ...base,
      swf,
      heartbeatThrottle: '2s',
      pollBackoffInitial: 50,
      pollBackoffMax: '1 minute',
    });
    expect(o.swf).toBe(swf);
    expect([o.heartbeatThrottleMs, o.pollBackoffInitialMs, o.pollBackoffMaxMs]).toEqual([2000, 50, 60_000]);
  });

  it('ends polls at shutdown within 1 s with its own HTTP handler, and waits a poll out (70 s) with a client of yours', () => {
    const built = compileWorkerOptions(base);
    expect([built.pollsEndGracefully, built.pollShutdownGraceTimeMs]).toEqual([true, 1000]);
    const own = compileWorkerOptions({ ...base, swf: new SWFClient({ region: 'us-east-1' }) });
    expect([own.pollsEndGracefully, own.pollShutdownGraceTimeMs]).toEqual([false, 70_000]);
    const given = compileWorkerOptions({
      ...base,
      swf: new SWFClient({ region: 'us-east-1' }),
      pollShutdownGraceTime: 0,
    });
    expect(given.pollShutdownGraceTimeMs).toBe(0);
  });

  it.each([
    [8, { minimum: 8, initial: 8, maximum: 8 }],
    [{}, { minimum: 1, initial: 4, maximum: 16 }],
    [{ maximum: 2 }, { minimum: 1, initial: 2, maximum: 2 }],
    [{ minimum: 6 }, { minimum: 6, initial: 6, maximum: 16 }],
    [{ minimum: 20 }, { minimum: 20, initial: 20, maximum: 20 }],
    [
      { initial: 10, maximum: 32 },
      { minimum: 1, initial: 10, maximum: 32 },
    ],
  ])('reads decisionPollers %j as %j', (given, bounds) => {
    expect(compileWorkerOptions({ ...base, decisionPollers: given }).decisionPollers).toEqual(bounds);
  });

  it.each([
    [
      'Infinity',
      { maxConcurrentActivityTasks: Infinity },
      'maxConcurrentActivityTasks must be an integer >= 1; got Infinity',
    ],
    ['NaN', { decisionPollers: NaN }, 'decisionPollers must be an integer between 1 and 100; got NaN'],
    ['a bigint', { activityPollers: 2n }, 'activityPollers must be an integer between 1 and 100; got 2n'],
    ['a bigint flag', { registerTypes: 1n }, 'registerTypes must be true or false; got 1n'],
    [
      'a symbol identity',
      { identity: Symbol('me') },
      'identity must be a string of 1 to 256 characters; got Symbol(me)',
    ],
  ])('refuses %s with a ValidationError that shows the value', (_what, patch, message) => {
    const attempt = (): unknown => compileWorkerOptions({ ...base, ...(patch as object) } as WorkerOptions);
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(message);
  });

  it.each([
    [{ domain: '' }, /domain is required/],
    [{ taskList: 'a:b' }, /taskList 'a:b' is not a valid SWF name/],
    [{ workflows: [], activities: [] }, /needs something to do/],
    [{ workflows: ['x'] }, /workflows\[0\] must be a workflow function/],
    [{ activities: [null] }, /activities\[0\] must be an instance/],
    [
      { activities: [{ run: () => 1 }] },
      /^activities\[0\] must be an instance of an @Activities class; got a plain object \{\}$/,
    ],
    [
      { activities: [class OrderActivities {}] },
      /^activities\[0\] must be an instance of an @Activities class; got the class OrderActivities itself \(pass an instance: new OrderActivities\(\)\)$/,
    ],
    [{ maxConcurrentDecisionTasks: 0 }, /maxConcurrentDecisionTasks must be an integer >= 1; got 0/],
    [{ decisionPollers: 0 }, /decisionPollers must be an integer between 1 and 100; got 0/],
    [
      { decisionPollers: [4] },
      /decisionPollers must be a number of polls \(1 to 100\) or \{ minimum, initial, maximum \}; got \[4\]/,
    ],
    [
      { decisionPollers: { max: 8 } },
      /decisionPollers has unknown key\(s\) max; it takes minimum, initial and maximum/,
    ],
    [{ activityPollers: { minimum: 0 } }, /activityPollers.minimum must be an integer between 1 and 100; got 0/],
    [
      { activityPollers: { minimum: 8, maximum: 4 } },
      /activityPollers.maximum must be an integer between 8 and 100; got 4/,
    ],
    [{ activityPollers: { initial: 20 } }, /activityPollers.initial must be an integer between 1 and 16; got 20/],
    [{ activityPollers: { maximum: 2.5 } }, /activityPollers.maximum must be an integer between 1 and 100; got 2.5/],
    [{ historyPageSize: 5000 }, /historyPageSize must be an integer between 1 and 1000/],
    [{ domainRetentionDays: 91 }, /domainRetentionDays/],
    [{ heartbeatThrottle: '3 fortnights' }, /heartbeatThrottle: cannot read '3 fortnights'/],
    [{ pollBackoffInitial: '10s', pollBackoffMax: '1s' }, /pollBackoffMax .* must not be shorter/],
    [{ identity: 'x'.repeat(300) }, /identity must be a string of 1 to 256/],
    [{ logger: { info() {} } }, /logger must have debug, info, warn and error/],
    [{ registerTypes: 'yes' }, /registerTypes must be true or false/],
    [{ taskLists: ['a'] }, /unknown worker option\(s\): taskLists/],
    [{ shutdownGraceTime: -1 }, /shutdownGraceTime must be a non-negative number/],
  ])('rejects %j', (patch, message) => {
    const attempt = (): unknown => compileWorkerOptions({ ...base, ...(patch as object) } as WorkerOptions);
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(message);
  });
});
