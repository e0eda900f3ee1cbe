/** SwfService: validation before dispatch, internal failures, shutdown. */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db.js';
import type { Logger } from '@swf-flow/common';
import { Engine, engineSchema } from '../src/engine/index.js';
import { systemClock } from '../src/clock.js';
import { SwfFault } from '../src/faults.js';
import { dispatch } from '../src/http/dispatch.js';
import { Registry, registrySchema } from '../src/registry/index.js';
import { SwfService } from '../src/service.js';

const quiet = (errors: string[]): Logger => ({
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: (m) => errors.push(m),
});

/** The registry and the engine, with CountPendingActivityTasks replaced by one that throws. */
function failingService(errors: string[]): SwfService {
  const db = openDatabase(':memory:', [...registrySchema, ...engineSchema]);
  const registry = new Registry({ db, clock: systemClock });
  const engine = new Engine({ db, clock: systemClock, registry });
  return new SwfService({
    db,
    registry,
    components: [
      {
        handlers: {
          ...engine.handlers,
          CountPendingActivityTasks: () => {
            throw new Error('disk on fire');
          },
        },
        close: () => engine.close(),
      },
    ],
    logger: quiet(errors),
  });
}

describe('SwfService', () => {
  it('validates before dispatching', async () => {
    const service = SwfService.open();
    await expect(service.handle('RegisterDomain', { name: 'x' })).rejects.toMatchObject({
      fault: 'ValidationException',
    });
    await expect(
      service.handle('RegisterDomain', { name: 'x', workflowExecutionRetentionPeriodInDays: '1' }),
    ).resolves.toEqual({});
    await expect(service.handle('Nope', {})).rejects.toMatchObject({ fault: 'UnknownOperationException' });
    service.close();
    service.close();
    await expect(service.handle('ListDomains', { registrationStatus: 'REGISTERED' })).rejects.toBeInstanceOf(SwfFault);
  });

  it('turns bugs into InternalFailure (HTTP 500) and logs them', async () => {
    const errors: string[] = [];
    const service = failingService(errors);
    const wire = await dispatch(service, {
      target: 'SimpleWorkflowService.CountPendingActivityTasks',
      body: '{"domain":"d","taskList":{"name":"t"}}',
    });
    expect(wire.statusCode).toBe(500);
    expect(JSON.parse(wire.body)).toEqual({
      __type: 'com.amazon.coral.service#InternalFailure',
      message: 'Internal failure in CountPendingActivityTasks: disk on fire',
    });
    expect(errors).toEqual(['internal failure in CountPendingActivityTasks: disk on fire']);
    service.close();
  });

  it('does not start when its parts leave an operation out or implement one twice', () => {
    const db = openDatabase(':memory:', [...registrySchema, ...engineSchema]);
    const registry = new Registry({ db, clock: systemClock });
    const engine = new Engine({ db, clock: systemClock, registry });
    const { PollForDecisionTask: _left, CountPendingDecisionTasks: _out, ...most } = engine.handlers;
    expect(() => new SwfService({ db, registry, components: [{ handlers: most }] })).toThrow(
      /not implemented: CountPendingDecisionTasks, PollForDecisionTask/,
    );
    expect(
      () =>
        new SwfService({
          db,
          registry,
          components: [
            { handlers: engine.handlers },
            { handlers: { DescribeDomain: registry.handlers.DescribeDomain } },
          ],
        }),
    ).toThrow(/implemented twice: DescribeDomain/);
    expect(() => new SwfService({ db, registry, components: [{ handlers: engine.handlers }] })).not.toThrow();
    engine.close();
    db.close();
  });
});

describe('SwfService.open refuses option values its timers cannot keep', () => {
  it.each([
    ['pollTimeoutMs', 3_000_000_000],
    ['pollTimeoutMs', -1],
    ['pollTimeoutMs', Number.NaN],
    ['retentionCheckIntervalMs', 0],
    ['retentionCheckIntervalMs', Number.POSITIVE_INFINITY],
  ])('%s: %s', (option, value) => {
    expect(() => SwfService.open({ [option]: value })).toThrow(RangeError);
    expect(() => SwfService.open({ [option]: value })).toThrow(`${option} must be`);
  });

  it('says what the most is: a poll longer than a Node.js timer can wait would end at once', () => {
    expect(() => SwfService.open({ pollTimeoutMs: 3_000_000_000 })).toThrow(
      'pollTimeoutMs must be a number of milliseconds from 0 to 2147483647 (about 24.8 days, the longest a Node.js timer waits); got 3000000000',
    );
  });

  it('takes 0 (a poll answers at once) and the longest a timer waits', () => {
    for (const pollTimeoutMs of [0, 2_147_483_647]) SwfService.open({ pollTimeoutMs }).close();
  });
});
