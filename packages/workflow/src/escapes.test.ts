// Work that the workflow API does not drive is stopped where it happens: the decision task fails
// with a DeterminismViolationError naming the call and the line, whether or not the code would
// catch anything, and never answers an empty or wrong decision list. As a table, plus what stays
// allowed (microtasks, nextTick, console output, a promise that already settled).
import { EventEmitter } from 'node:events';
import * as nodeCrypto from 'node:crypto';
import * as dns from 'node:dns';
import { promises as fsp } from 'node:fs';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DeterminismViolationError } from '@swf-flow/common';
import { WorkflowExecutor } from './executor.js';
import { scheduleActivity } from './runtime/activity-command.js';
import { HistoryBuilder } from './test-support/history-builder.js';
import { replay, summarize } from './test-support/run.js';

const act = (name: string): Promise<unknown> => scheduleActivity({ activityType: { name, version: '1.0' }, args: [] });
const rejection = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

// Made outside any workflow run: it already settled. Each test that needs a pending outside
// promise makes its own (a shared one would be settled by whichever test opens it first).
const settled = Promise.resolve('ready');

/** A promise made outside the run (in the test body), still pending, and the function that settles it. */
function outsideGate(): { gate: Promise<unknown>; open: (v: unknown) => void } {
  let open: (v: unknown) => void = () => undefined;
  const gate = new Promise<unknown>((resolve) => (open = resolve));
  return { gate, open };
}

/** The first task ran A; A completed; the second task is open: the escape happens in it. */
function history(name: string): HistoryBuilder {
  const h = new HistoryBuilder().start(name).decisionTask();
  h.activityCompleted(h.scheduled('A', 'activity-1', h.completed()));
  return h.decisionTask();
}

const ESCAPES: [string, (gate: Promise<unknown>) => Promise<unknown>, RegExp][] = [
  [
    'fs.promises.readFile',
    () => fsp.readFile('/proc/self/status'),
    /started file system I\/O with \w+ \(node:fs\/promises\)/,
  ],
  [
    'dns.lookup (callback)',
    () => new Promise((resolve) => dns.lookup('localhost', resolve)),
    /started network I\/O with lookup \(node:dns\)/,
  ],
  [
    'crypto.pbkdf2 (callback)',
    () => new Promise((resolve) => nodeCrypto.pbkdf2('p', 's', 1, 8, 'sha256', resolve)),
    /started a crypto job with pbkdf2 \(node:crypto\/pbkdf2\)/,
  ],
  ['zlib.gzip (callback)', () => new Promise((resolve) => zlib.gzip(Buffer.from('x'), resolve)), /started compression/],
  [
    'new MessageChannel() (a message delivered on a later turn)',
    () =>
      new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port2.once('message', resolve);
        channel.port1.postMessage('x');
      }),
    /started a message channel \(MessageChannel, BroadcastChannel or a port\) \(Node async resource MESSAGEPORT\)/,
  ],
  [
    'a timer armed by Node itself (AbortSignal.timeout)',
    () => new Promise((resolve) => AbortSignal.timeout(5).addEventListener('abort', resolve)),
    /started a timer/,
  ],
  [
    'a pending promise made outside the run',
    (gate) => gate,
    /awaits a promise that was created outside this workflow run and is still pending/,
  ],
  [
    'Promise.race with an activity and a pending outside promise',
    (gate) => Promise.race([act('B'), gate]),
    /awaits a promise that was created outside this workflow run/,
  ],
];

describe('an escape fails the decision task with DeterminismViolationError naming the call and the line', () => {
  it.each(ESCAPES)('%s', async (_name, escape, message) => {
    const { gate } = outsideGate();
    async function escaping(): Promise<unknown> {
      await act('A');
      try {
        return await escape(gate);
      } catch {
        return 'caught'; // catching changes nothing: the task fails
      }
    }
    const ex = new WorkflowExecutor({ workflows: { escaping }, execution: { workflowId: 'esc-1', runId: 'run-1' } });
    const err = await rejection(ex.processEvents(history('escaping').events));
    expect(err).toBeInstanceOf(DeterminismViolationError);
    expect((err as Error).message).toMatch(/^workflow escaping 1\.0 \(workflowId esc-1, runId run-1\): /);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toMatch(/async_hooks/); // the hooks' own frames are never the call
    expect((err as Error).message).toMatch(/\(at [^)]*escapes\.test\.ts:\d+:\d+\)$/); // the line of workflow code
    await expect(ex.processEvents([])).rejects.toBe(err); // no decision for this task, ever
  });

  it('before the escape, the first task decides as usual', async () => {
    const [, escape] = ESCAPES[0] as [string, (gate: Promise<unknown>) => Promise<unknown>, RegExp];
    const { gate } = outsideGate();
    async function escaping(): Promise<unknown> {
      await act('A');
      return escape(gate);
    }
    const r = await replay(new HistoryBuilder().start('escaping').decisionTask(), { escaping });
    expect(summarize(r.decisions)).toEqual(['ScheduleActivityTask A']);
  });

  it('a promise the code made and handed outside: resuming between decision tasks fails the next task', async () => {
    const emitter = new EventEmitter();
    async function handedOut(): Promise<string> {
      await act('A');
      await new Promise((resolve) => emitter.once('go', resolve)); // resolved by code outside the workflow
      await act('B');
      return 'done';
    }
    const h = history('handedOut');
    const ex = new WorkflowExecutor({ workflows: { handedOut }, execution: { workflowId: 'esc-2', runId: 'run-1' } });
    const first = await ex.processEvents(h.events);
    expect(first.decisions).toEqual([]); // nothing tells the engine yet: the promise is the code's own
    emitter.emit('go');
    await new Promise<void>((resolve) => setImmediate(resolve));
    h.add('DecisionTaskCompleted', { scheduledEventId: h.lastStarted - 1, startedEventId: h.lastStarted });
    h.add('WorkflowExecutionSignaled', { signalName: 'poke' });
    h.decisionTask();
    const err = await rejection(ex.processEvents(h.events.slice(first.decisions.length + ex.lastEventId)));
    expect(err).toBeInstanceOf(DeterminismViolationError);
    expect((err as Error).message).toMatch(/resumed between decision tasks/);
    expect((err as Error).message).toMatch(/escapes\.test\.ts:\d+:\d+/);
  });
});

/** Made outside workflow code: an Ed25519 key (its signatures are deterministic). */
const ed25519 = nodeCrypto.generateKeyPairSync('ed25519');

describe('what stays allowed', () => {
  const ALLOWED: [string, () => Promise<unknown>, unknown][] = [
    // Node runs these as crypto jobs in synchronous mode: they finish within the call.
    [
      'pbkdf2Sync, hkdfSync, scryptSync',
      async () => [
        nodeCrypto.pbkdf2Sync('p', 's', 1, 4, 'sha256').toString('hex'),
        Buffer.from(nodeCrypto.hkdfSync('sha256', 'k', 's', 'i', 4)).toString('hex'),
        nodeCrypto.scryptSync('p', 's', 4).toString('hex'),
      ],
      ['372cc981', '02b0929a', '43297877'],
    ],
    [
      'sign and verify with an Ed25519 key (deterministic signatures)',
      async () => {
        const signature = nodeCrypto.sign(null, Buffer.from('x'), ed25519.privateKey);
        return nodeCrypto.verify(null, Buffer.from('x'), ed25519.publicKey, signature);
      },
      true,
    ],
    [
      'Diffie-Hellman from a given prime or a named group (no randomness until generateKeys)',
      async () => [
        nodeCrypto.createDiffieHellman(nodeCrypto.getDiffieHellman('modp14').getPrime()).getPrime().length,
        nodeCrypto.getDiffieHellman('modp14').getGenerator('hex'),
      ],
      [256, '02'],
    ],
    ['queueMicrotask', () => new Promise((resolve) => queueMicrotask(() => resolve('micro'))), 'micro'],
    ['process.nextTick', () => new Promise((resolve) => process.nextTick(() => resolve('tick'))), 'tick'],
    ['console output', async () => (console.log('workflow says hello'), 'logged'), 'logged'],
    ['a promise made outside the run that already settled', () => settled, 'ready'],
    ['an activity raced with a settled outside promise', () => Promise.race([settled, act('B')]), 'ready'],
  ];
  it.each(ALLOWED)('%s', async (_name, ok, expected) => {
    async function allowed(): Promise<unknown> {
      await act('A');
      return ok();
    }
    const r = await replay(history('allowed'), { allowed });
    expect(r.result).toEqual(expected);
  });

  it('the outside promise, once settled, no longer counts as an escape', async () => {
    const { gate, open } = outsideGate();
    open('opened');
    async function late(): Promise<unknown> {
      await act('A');
      return gate;
    }
    const r = await replay(history('late'), { late });
    expect(r.result).toBe('opened');
  });
});
