/**
 * The service as a child process that the crash test can SIGKILL and start again: `swf-flow server`
 * on a fixed port (so that workers, which know one endpoint, find it again) and one data directory.
 */
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Child, kill, startChild } from './processes.js';

const CLI = fileURLToPath(new URL('../../../packages/cli/src/bin.ts', import.meta.url));

/** A free TCP port on 127.0.0.1 (free when asked; the service binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The service process of one test: start, SIGKILL, start again, stop. */
export class ServiceProcess {
  private current: Child | undefined;
  /** Starts so far. */
  starts = 0;

  constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly extraArgs: readonly string[] = [],
  ) {}

  /** The endpoint workers and clients use. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the service (the previous process must be gone) and waits until it listens. */
  async start(): Promise<void> {
    const child = startChild(CLI, ['server', '--port', String(this.port), '--data', this.dataDir, ...this.extraArgs]);
    this.current = child;
    this.starts += 1;
    await child.waitFor(/listening on http:\/\/\S+\n/, 60_000);
  }

  /** SIGKILLs the service and waits until it is gone. */
  async kill(): Promise<void> {
    if (this.current) await kill(this.current);
    this.current = undefined;
  }

  /** Stops the service with SIGTERM (a clean shutdown) and returns its exit code. */
  async stop(): Promise<number | string | null> {
    const child = this.current;
    if (!child) return null;
    this.current = undefined;
    child.process.kill('SIGTERM');
    return child.exited;
  }
}
