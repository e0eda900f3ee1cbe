import { SWFClient } from '@aws-sdk/client-swf';
import { SwfFlowError, ValidationError, silentLogger } from '@swf-flow/common';
import { describe, expect, it } from 'vitest';
import { Worker } from './worker.js';

async function Hello(): Promise<string> {
  return 'hi';
}

const unreachable = (): SWFClient =>
  new SWFClient({
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });

describe('Worker.create', () => {
  it('rejects wrong options with a ValidationError before any call', async () => {
    await expect(
      Worker.create({ domain: 'd', taskList: 'a|b', workflows: [Hello], swf: unreachable() }),
    ).rejects.toThrow(ValidationError);
    await expect(
      Worker.create({
        domain: 'd',
        taskList: 't',
        workflows: [Hello, Hello],
        registerTypes: false,
        swf: unreachable(),
      }),
    ).rejects.toThrow(/workflow type Hello 1.0 is given twice/);
    class Undecorated {}
    await expect(
      Worker.create({
        domain: 'd',
        taskList: 't',
        activities: [new Undecorated()],
        registerTypes: false,
        swf: unreachable(),
      }),
    ).rejects.toThrow(/class Undecorated is not decorated with @Activities/);
    await expect(
      Worker.create({ domain: 'd', taskList: 't', activities: [{}], registerTypes: false, swf: unreachable() }),
    ).rejects.toThrow(/activities\[0\] must be an instance of an @Activities class; got a plain object \{\}/);
  });

  it('says what it was registering, and where, when SWF cannot be reached', async () => {
    const err = await Worker.create({
      domain: 'd',
      taskList: 't',
      workflows: [Hello],
      swf: unreachable(),
      logger: silentLogger,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SwfFlowError);
    expect((err as Error).message).toMatch(/registering domain d with SWF at http:\/\/127\.0\.0\.1:9\/? failed/);
    expect((err as Error).message).toContain('registerTypes: false');
  });

  it('runs once; shutdown before run just stops it', async () => {
    const worker = await Worker.create({
      domain: 'd',
      taskList: 't',
      workflows: [Hello],
      registerTypes: false,
      swf: unreachable(),
      logger: silentLogger,
    });
    await worker.shutdown();
    expect(worker.state).toBe('STOPPED');
    expect(() => worker.run()).toThrow(/can be called once; the worker is STOPPED/);
  });

  it('shuts down gracefully on SIGINT and removes its signal handlers', async () => {
    const before = process.listenerCount('SIGINT');
    const worker = await Worker.create({
      domain: 'd',
      taskList: 't',
      workflows: [Hello],
      registerTypes: false,
      swf: unreachable(),
      logger: silentLogger,
    });
    const running = worker.run();
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    process.emit('SIGINT');
    await running;
    expect(worker.state).toBe('STOPPED');
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('serves every running worker with one listener per signal', async () => {
    const before = process.listenerCount('SIGTERM');
    const create = () =>
      Worker.create({
        domain: 'd',
        taskList: 't',
        workflows: [Hello],
        registerTypes: false,
        swf: unreachable(),
        logger: silentLogger,
      });
    const workers = await Promise.all(Array.from({ length: 12 }, create));
    const runs = workers.map((w) => w.run());
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    process.emit('SIGTERM');
    await Promise.all(runs);
    expect(workers.every((w) => w.state === 'STOPPED')).toBe(true);
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
