/**
 * What a WAL checkpoint costs the thread that commits: the service's commits (about a dozen pages
 * each: a step's rows and their indexes) with SQLite's automatic checkpoint, which runs inside the
 * commit that crosses 1,000 WAL pages, beside the same commits with the service's checkpoint thread
 * (`packages/server/src/storage/checkpointer.ts`: `wal_autocheckpoint = 0`, PASSIVE checkpoints
 * from a second connection). Both on files in the same temporary directory, `synchronous = NORMAL`
 * (what the service runs with; durability `full` adds its group flush outside the commit), taking
 * turns in blocks of 250 commits so that the machine's load hits both alike. Between commits the
 * event loop turns once, as between a server's requests.
 *
 *     npx tsx bench/checkpoints.ts [--commits 5000] [--pages 12]
 *
 * Prints one JSON line: per side, the wall time of a commit on the committing thread (median,
 * p99, p99.9, max, and the sum over all commits), and the WAL's largest size in pages.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { quietLogger } from '@swf-flow/dev';
import { Checkpointer } from '../packages/server/src/storage/checkpointer.js';
import { median, percentile, round } from './child.js';

/** One side: a database file and a commit of `pages` pages on it. */
function side(file: string, pages: number, threaded: boolean) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB NOT NULL)');
  const checkpointer = threaded ? new Checkpointer(db, file, quietLogger) : undefined;
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  // A row of 3,500 bytes fills most of a 4 KiB page: one commit writes about `pages` pages.
  const row = Buffer.alloc(3500, 7);
  const commit = db.transaction(() => {
    for (let i = 0; i < pages; i++) insert.run(row);
  });
  const times: number[] = [];
  return {
    async block(commits: number): Promise<void> {
      for (let i = 0; i < commits; i++) {
        const t0 = performance.now();
        commit();
        times.push(performance.now() - t0);
        await turn();
      }
    },
    report() {
      const walBytes = statSync(`${file}-wal`).size;
      return {
        commitMedianMs: round(median(times), 4),
        commitP99Ms: round(percentile(times, 99), 3),
        commitP999Ms: round(percentile(times, 99.9), 2),
        commitMaxMs: round(Math.max(...times), 2),
        commitTotalMs: round(
          times.reduce((a, b) => a + b, 0),
          1,
        ),
        commitsOver5Ms: times.filter((t) => t > 5).length,
        largestWalPages: Math.floor((walBytes - 32) / (4096 + 24)),
        ...(checkpointer ? { threadCheckpoints: checkpointer.stats().checkpoints } : {}),
      };
    },
    close() {
      checkpointer?.close();
      db.close();
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { commits: { type: 'string', default: '5000' }, pages: { type: 'string', default: '12' } },
  });
  const commits = Number(values.commits);
  const pages = Number(values.pages);
  if (!Number.isInteger(commits) || commits < 250 || !Number.isInteger(pages) || pages < 1)
    throw new Error(`--commits takes an integer of 250 or more, --pages a positive integer`);
  const dir = mkdtempSync(join(tmpdir(), 'swf-flow-bench-checkpoints-'));
  const inline = side(join(dir, 'inline.sqlite'), pages, false);
  const threaded = side(join(dir, 'thread.sqlite'), pages, true);
  try {
    for (let done = 0; done < commits; done += 250) {
      const order = (done / 250) % 2 === 0 ? [inline, threaded] : [threaded, inline];
      for (const s of order) await s.block(250);
    }
    console.log(
      JSON.stringify({
        bench: 'checkpoints',
        commits,
        pagesPerCommit: pages,
        inline: inline.report(),
        thread: threaded.report(),
      }),
    );
  } finally {
    inline.close();
    threaded.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
