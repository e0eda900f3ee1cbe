import { silentLogger } from '@swf-flow/common';
import { describe, expect, it, vi } from 'vitest';
import { Heartbeater } from './heartbeater.js';

describe('Heartbeater', () => {
  it('sends the first heartbeat at once and merges later ones within the throttle, last details winning', async () => {
    const sent: Array<string | undefined> = [];
    let done: () => void = () => {};
    const twoSent = new Promise<void>((resolve) => (done = resolve));
    const hb = new Heartbeater({
      send: async (d) => {
        sent.push(d);
        if (sent.length === 2) done();
        return { cancelRequested: false };
      },
      throttleMs: 50,
      onCancelRequested: () => {},
      onTaskGone: () => {},
      logger: silentLogger,
    });
    hb.heartbeat('1');
    hb.heartbeat('2');
    hb.heartbeat('3');
    await twoSent;
    await hb.stop();
    expect(sent).toEqual(['1', '3']);
    expect(hb.sentCount).toBe(2);
  });

  it('reports a task SWF no longer knows and stops sending', async () => {
    const gone: unknown[] = [];
    let sends = 0;
    const hb = new Heartbeater({
      send: async () => {
        sends += 1;
        throw Object.assign(new Error('unknown task'), { name: 'UnknownResourceFault' });
      },
      throttleMs: 0,
      onCancelRequested: () => {},
      onTaskGone: (err) => gone.push(err),
      logger: silentLogger,
    });
    hb.heartbeat(undefined);
    await vi.waitFor(() => expect(gone).toHaveLength(1), { timeout: 20_000, interval: 1 }); // the first send has failed (bounds a hang)
    hb.heartbeat(undefined);
    await hb.stop();
    expect(gone).toHaveLength(1);
    expect(sends).toBe(1);
  });
});
