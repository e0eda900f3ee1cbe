/**
 * One service per data directory, across processes: a second `swf-flow server` on the same
 * `--data` refuses to start and names the holder; the lock of a SIGKILLed server is gone with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildServer, runChildServerToExit, startChildServer } from './support/child-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'swf-flow-lock-'));
const children: ChildServer[] = [];
afterAll(() => {
  for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('swf-flow server processes sharing a --data directory (real processes)', () => {
  it(
    'a second server refuses to start naming the first; after the first is SIGKILLed a new one starts',
    { timeout: 240_000 }, // three processes start, each bounded at 60 s (support/child-server.ts)
    async () => {
      const first = await startChildServer(dataDir);
      children.push(first);
      const refused = await runChildServerToExit(dataDir);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `swf-flow server: the data directory ${dataDir} is in use by another swf-flow service (pid ${first.process.pid}, started `,
      );
      expect(refused.stderr).toContain(`listening on ${first.url}`);
      expect((await fetch(`${first.url}/health`)).status).toBe(200);

      first.process.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');
      const next = await startChildServer(dataDir);
      children.push(next);
      expect((await fetch(`${next.url}/health`)).status).toBe(200);
      next.process.kill('SIGTERM');
      expect(await next.exited).toBe(0);
    },
  );
});
