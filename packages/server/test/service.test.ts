/** SwfService: validation before dispatch, internal failures, shutdown. */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db.js';
import { Registry, SwfFault, SwfService, dispatch, registrySchema, systemClock } from '../src/index.js';

function failingService(errors: string[]): SwfService {
  const db = openDatabase(':memory:', registrySchema);
  return new SwfService({
    db,
    registry: new Registry({ db, clock: systemClock }),
    components: [
      {
        handlers: {
          CountPendingActivityTasks: () => {
            throw new Error('disk on fire');
          },
        },
      },
    ],
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: (m) => errors.push(m) },
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
    await expect(service.handle('PollForDecisionTask', { domain: 'd', taskList: { name: 't' } })).rejects.toMatchObject(
      {
        fault: 'UnknownOperationException',
      },
    );
    service.close();
  });
});
