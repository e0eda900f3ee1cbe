/**
 * Which pages each request of a workflow step writes: the service (durability `full`, a data
 * directory, checkpoints left to the thread) takes `steps` sequential steps — poll a decision task,
 * schedule an activity, poll it, complete it — and after each request this reads the WAL frames its
 * commit appended (the `-shm` wal-index header's frame count, then each frame's page number from
 * the `-wal` file) and names the B-tree each page belongs to (SQLite's `dbstat`). Every page a commit
 * writes is a 4 KiB write with its checksum, flushed (durability `full`) and later copied by a
 * checkpoint, so pages per commit is a figure to take down.
 *
 *     npx tsx bench/commit-pages.ts [--steps 50] [--server ../before]
 *
 * `--server DIR` measures the service of another checkout (its `packages/server/src`, e.g. a worktree
 * of `main` before a change) instead of this one's.
 *
 * Prints one JSON line: `{ bench: 'commit-pages', perRequest: { op: { pages, btrees } } }` with the
 * median pages per commit of each request and how often each B-tree was written, per request.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SwfService as EmbeddedService } from '@swf-flow/server/embedding';
import { median } from './child.js';
import { registerStepTypes, STEP_ACTIVITY_TYPE } from './register.js';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/** The WAL's frame count from the `-shm` wal-index header (`mxFrame`, native byte order). */
function walFrames(file: string): number {
  const fd = openSync(`${file}-shm`, 'r');
  try {
    const b = Buffer.alloc(20);
    readSync(fd, b, 0, 20, 0);
    return b.readUInt32LE(16);
  } finally {
    closeSync(fd);
  }
}

/** Page numbers of WAL frames `from` (inclusive, 0-based) to `to` (exclusive). */
function framePages(file: string, from: number, to: number, pageSize: number): number[] {
  const fd = openSync(`${file}-wal`, 'r');
  try {
    const pages: number[] = [];
    const h = Buffer.alloc(4);
    for (let f = from; f < to; f++) {
      readSync(fd, h, 0, 4, WAL_HEADER + f * (FRAME_HEADER + pageSize));
      pages.push(h.readUInt32BE(0));
    }
    return pages;
  } finally {
    closeSync(fd);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { steps: { type: 'string', default: '50' }, server: { type: 'string' } },
  });
  const steps = Number(values.steps);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`--steps takes a positive integer; got ${values.steps}`);
  const { SwfService } =
    values.server === undefined
      ? await import('@swf-flow/server/embedding')
      : ((await import(join(values.server, 'packages/server/src/service.ts'))) as {
          SwfService: typeof EmbeddedService;
        });
  const dir = mkdtempSync(join(tmpdir(), 'swf-flow-bench-pages-'));
  const dataDir = join(dir, 'data');
  const service = SwfService.open({ dataDir, pollTimeoutMs: 1_000 });
  const file = join(dataDir, 'swf.sqlite');
  const pageSize = service.db.pragma('page_size', { simple: true }) as number;
  const owner = (): Map<number, string> => {
    const rows = service.db.prepare('SELECT name, pageno FROM dbstat').all() as Array<{ name: string; pageno: number }>;
    return new Map(rows.map((r) => [r.pageno, r.name]));
  };
  const pages: Record<string, number[]> = {};
  const btrees: Record<string, Record<string, number>> = {};
  const call = async (op: string, input: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const before = walFrames(file);
    const out = (await service.handle(op, input)) as Record<string, unknown>;
    const after = walFrames(file);
    // A WAL that started over did so at the beginning of this commit: all its frames are this one's.
    const from = after < before ? 0 : before;
    const written = framePages(file, from, after, pageSize);
    const names = owner();
    (pages[op] ??= []).push(written.length);
    const counts = (btrees[op] ??= {});
    for (const p of written) {
      const name = names.get(p) ?? (p === 1 ? 'header (page 1)' : 'free/other');
      counts[name] = (counts[name] ?? 0) + 1;
    }
    return out;
  };
  try {
    await registerStepTypes(call);
    const activityType = STEP_ACTIVITY_TYPE;
    // Other runs in the tables, as in a service with work in flight.
    for (let w = 0; w < 20; w++)
      await call('StartWorkflowExecution', {
        domain: 'bench',
        workflowId: `other-${w}`,
        workflowType: { name: 'W', version: '1' },
        taskList: { name: `o${w}` },
      });
    await call('StartWorkflowExecution', {
      domain: 'bench',
      workflowId: 'w',
      workflowType: { name: 'W', version: '1' },
    });
    for (const k of Object.keys(pages)) delete pages[k];
    for (const k of Object.keys(btrees)) delete btrees[k];
    for (let i = 0; i < steps; i++) {
      const decision = await call('PollForDecisionTask', {
        domain: 'bench',
        taskList: { name: 'd' },
        maximumPageSize: 25,
        reverseOrder: true,
      });
      await call('RespondDecisionTaskCompleted', {
        taskToken: decision.taskToken,
        decisions: [
          {
            decisionType: 'ScheduleActivityTask',
            scheduleActivityTaskDecisionAttributes: { activityId: `a${i}`, activityType },
          },
        ],
      });
      const activity = await call('PollForActivityTask', { domain: 'bench', taskList: { name: 'a' } });
      await call('RespondActivityTaskCompleted', { taskToken: activity.taskToken, result: String(i) });
    }
    const perRequest = Object.fromEntries(
      Object.keys(pages).map((op) => [
        op,
        {
          pages: median(pages[op] ?? []),
          btrees: Object.fromEntries(
            Object.entries(btrees[op] ?? {})
              .sort((a, b) => b[1] - a[1])
              .map(([n, c]) => [n, Math.round((c / steps) * 100) / 100]),
          ),
        },
      ]),
    );
    const total = Object.values(perRequest).reduce((s, r) => s + r.pages, 0);
    console.log(
      JSON.stringify({ bench: 'commit-pages', server: values.server ?? '.', steps, pagesPerStep: total, perRequest }),
    );
  } finally {
    service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
