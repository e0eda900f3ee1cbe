/**
 * The WAL flush thread (storage/flush-thread.ts) on its own, on real files and a real thread (no
 * SQLite: this runs on every Node the package supports as it is): a flush begins only once
 * claimed, so a request joins a generation no flusher has begun and gets a later one otherwise;
 * the loop flushes itself when the thread has not begun; a failed `fdatasync` is its own
 * generation's; closing waits for a flush under way; the thread never keeps a process alive.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn, setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlushThread } from './flush-thread.js';

/** A wait for the thread bounds a hang, not its speed: a loaded machine took over 1 s to wake it. */
const HANG_BOUND = { timeout: 20_000 };
/** How long a child that has printed its last line may take to exit: a thread keeping it alive would never let it. */
const EXIT_BOUND_MS = 20_000;

let root: string;
let fd: number;
const threads: FlushThread[] = [];
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'swf-flush-thread-'));
  fd = openSync(join(root, 'wal'), 'w+');
});
afterEach(() => {
  for (const t of threads.splice(0)) t.close();
  closeSync(fd);
  rmSync(root, { recursive: true, force: true });
});

/** A flush thread for `file`; `onLoop` counts the flushes the calling thread ran. */
function start(file = fd) {
  const onLoop = vi.fn((f: number) => fdatasyncSync(f));
  const onExit = vi.fn();
  const thread = new FlushThread(file, onLoop, onExit);
  threads.push(thread);
  return { thread, onLoop, onExit };
}

const write = (): void => void writeSync(fd, Buffer.alloc(4096, 7));

describe('the WAL flush thread', () => {
  it('begins a flush asked for after a write; a request after it began gets a later flush', async () => {
    const { thread, onLoop } = start();
    const release = thread.hold('claimed');
    write();
    const first = thread.request();
    expect(thread.request()).toBe(first); // not begun yet: a second commit joins it
    await vi.waitFor(() => expect(thread.started()).toBe(first), HANG_BOUND); // bounded: the thread claims it
    write();
    const second = thread.request();
    expect(second).toBe(first + 1); // the first has begun: this write needs a flush begun after it
    const both = thread.whenDone(second);
    await turn();
    expect(thread.done()).toBe(0); // held before its fdatasync
    release();
    await both;
    expect(thread.done()).toBe(second);
    expect(thread.failure(first)).toBeUndefined();
    expect(thread.failure(second)).toBeUndefined();
    expect(thread.counts()).toEqual({ inline: 0, thread: 2 });
    expect(onLoop).not.toHaveBeenCalled();
  });

  it('the loop flushes itself at the end of its turn when the thread has not begun', async () => {
    const { thread, onLoop } = start();
    const release = thread.hold('unclaimed');
    write();
    const gen = thread.request();
    expect(thread.finishSync(gen, 1_000)).toBe(true);
    expect(onLoop).toHaveBeenCalledTimes(1);
    expect(thread.counts()).toEqual({ inline: 1, thread: 0 });
    release();
    // The thread, once free, finds nothing left to claim; the next request is its.
    write();
    const next = thread.request();
    expect(next).toBe(gen + 1);
    await thread.whenDone(next);
    expect(thread.counts()).toEqual({ inline: 1, thread: 1 });
  });

  it('while the thread holds a flush it has begun, the loop waits for it (bounded) and does not flush itself', async () => {
    const { thread, onLoop } = start();
    const release = thread.hold('claimed');
    write();
    const gen = thread.request();
    await vi.waitFor(() => expect(thread.started()).toBe(gen), HANG_BOUND);
    expect(thread.finishSync(gen, 0)).toBe(false);
    expect(onLoop).not.toHaveBeenCalled();
    release();
    expect(thread.finishSync(gen, 30_000)).toBe(true); // Atomics.wait until the thread is done
    expect(thread.counts()).toEqual({ inline: 0, thread: 1 });
  });

  it('a failed fdatasync is reported for its generation only, from the thread and from the loop', async () => {
    // fdatasync on a FIFO fails with EINVAL: a real failure of the real call.
    const fifo = join(root, 'fifo');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) return; // no mkfifo: nothing to test here
    const fifoFd = openSync(fifo, 'r+');
    try {
      const { thread } = start(fifoFd);
      const gen = thread.request();
      await thread.whenDone(gen);
      expect(thread.failure(gen)).toMatchObject({ code: 'EINVAL' });
      const release = thread.hold('unclaimed');
      const next = thread.request();
      expect(thread.finishSync(next, 1_000)).toBe(true);
      expect(thread.failure(next)).toMatchObject({ code: 'EINVAL' });
      release();
      thread.close();
    } finally {
      closeSync(fifoFd);
    }
    // And a good file's flushes do not inherit another generation's failure.
    const { thread } = start();
    const gen = thread.request();
    await thread.whenDone(gen);
    expect(thread.failure(gen)).toBeUndefined();
  });

  it('close waits for a flush under way, and leaves what was not begun to its caller', async () => {
    const { thread, onExit } = start();
    const release = thread.hold('claimed');
    write();
    const gen = thread.request();
    await vi.waitFor(() => expect(thread.started()).toBe(gen), HANG_BOUND);
    thread.close(); // releases the barrier and waits for the thread to leave
    release();
    expect(thread.done()).toBe(gen);
    expect(thread.failure(gen)).toBeUndefined();
    const after = thread.request();
    expect(thread.finishSync(after, 0)).toBe(false); // closed: nothing flushes any more
    await thread.whenDone(after); // and nothing waits forever
    expect(onExit).not.toHaveBeenCalled(); // a thread stopped by close is no failure
  });

  it('never keeps a process alive, nor hangs its exit', { timeout: 120_000 }, async () => {
    const module = fileURLToPath(new URL('./flush-thread.ts', import.meta.url));
    const script = `
      import { openSync, writeSync, fdatasyncSync } from 'node:fs';
      import { FlushThread } from ${JSON.stringify(module)};
      const fd = openSync(${JSON.stringify(join(root, 'child'))}, 'w+');
      const thread = new FlushThread(fd, fdatasyncSync, () => {});
      writeSync(fd, 'x');
      const gen = thread.request();
      await thread.whenDone(gen);
      writeSync(fd, 'y');
      thread.request(); // asked for and never waited for: the process still ends
      console.log('flushed', thread.done() >= gen);
    `;
    // A script file, not `-e`: run with `-e`, the child ended even with the thread kept referenced (Node 20).
    const file = join(root, 'child.mjs');
    writeFileSync(file, script);
    const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Its start (tsx compiling the module) takes what the machine gives it, bounded by the test's timeout;
    // once it has printed its line, only its exit is left, and that is bounded as a hang.
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve();
      });
      void closed.then(() => resolve());
    });
    const hang = new AbortController();
    const code = await Promise.race([closed, sleep(EXIT_BOUND_MS, 'still running', { signal: hang.signal })]);
    hang.abort();
    if (code === 'still running') child.kill('SIGKILL');
    expect(code, err).toBe(0);
    expect(out.trim()).toBe('flushed true');
  });
});
