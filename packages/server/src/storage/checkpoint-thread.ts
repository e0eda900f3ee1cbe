/**
 * The program the checkpoint thread runs (a `worker_threads` Worker with `eval: true`), kept as text
 * so that it runs the same from the sources and from the published bundle (as the Lambda handler
 * host does). It opens a second connection to the service's database and, whenever the serving
 * connection has committed since it last looked (`PRAGMA data_version`, polled every
 * `intervalMs`), runs a PASSIVE checkpoint: WAL frames are copied into the database file without
 * waiting for, or locking out, the serving connection's readers and writer. SQLite still flushes the
 * WAL before copying and the database file after, as for its own checkpoints.
 *
 * State shared with the service (an `Int32Array` over a `SharedArrayBuffer`, indices in
 * {@link CHECKPOINT_STATE}): the service sets `stop` (and notifies it) to end the loop; the thread
 * sets `ready` once its connection is open, counts `checkpoints`, records the WAL's frames (`log`)
 * and how many of them are in the database file (`checkpointed`) after each one, and sets `closed`
 * (and notifies it) once its connection is closed. When a checkpoint finds `catchUpFrames` frames
 * or more in the WAL (so the WAL has not started over for that long), it asks the service to catch
 * up (see checkpointer.ts), once: `catchUpAsked` stays set until the service has.
 */

/** Indices of the shared state. */
export const CHECKPOINT_STATE = {
  stop: 0,
  ready: 1,
  closed: 2,
  checkpoints: 3,
  log: 4,
  checkpointed: 5,
  catchUpAsked: 6,
  length: 7,
} as const;

/** What the thread is given (`workerData`). */
export interface CheckpointThreadData {
  /** The database file. */
  file: string;
  /** `require.resolve('better-sqlite3')` as the service resolved it. */
  betterSqlite3: string;
  /** The shared state. */
  state: SharedArrayBuffer;
  /** How often it looks for new commits, in ms. */
  intervalMs: number;
  /** Frames left in the WAL after a checkpoint past which it asks the service to catch up. */
  catchUpFrames: number;
}

/** A message from the thread. */
export type CheckpointThreadMessage =
  { type: 'catch-up'; log: number; checkpointed: number } | { type: 'error'; message: string };

/** The thread's program (CommonJS source; `eval: true` workers run scripts). */
export const CHECKPOINT_THREAD = String.raw`
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const S = ${JSON.stringify(CHECKPOINT_STATE)};
const state = new Int32Array(workerData.state);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('synchronous = FULL');
  // Nothing seen yet: the first look checkpoints whatever was committed before the thread started.
  let seen = -1;
  Atomics.store(state, S.ready, 1);
  while (Atomics.load(state, S.stop) === 0) {
    Atomics.wait(state, S.stop, 0, workerData.intervalMs);
    if (Atomics.load(state, S.stop) !== 0) break;
    const version = db.pragma('data_version', { simple: true });
    if (version === seen) continue;
    const row = db.pragma('wal_checkpoint(PASSIVE)')[0];
    // busy: another connection was checkpointing (log and checkpointed are -1 then).
    if (row.busy !== 0) continue;
    seen = version;
    Atomics.store(state, S.log, row.log);
    Atomics.store(state, S.checkpointed, row.checkpointed);
    Atomics.add(state, S.checkpoints, 1);
    if (row.log >= workerData.catchUpFrames && Atomics.compareExchange(state, S.catchUpAsked, 0, 1) === 0)
      parentPort.postMessage({ type: 'catch-up', log: row.log, checkpointed: row.checkpointed });
  }
} catch (err) {
  parentPort.postMessage({ type: 'error', message: err && err.stack ? String(err.stack) : String(err) });
} finally {
  try {
    if (db) db.close();
  } finally {
    Atomics.store(state, S.closed, 1);
    Atomics.notify(state, S.closed);
  }
}
`;
