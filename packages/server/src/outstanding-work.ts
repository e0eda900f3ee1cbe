/**
 * `outstandingWork`: a read-only snapshot of what the service is waiting on — tasks ready for a
 * poller, tasks a worker holds, and the next deadline (timer or timeout). The test environment of
 * `@swf-flow/testing` reads it to know when nothing can make progress, so that it may skip time
 * straight to the next deadline.
 */
import type { SwfService } from './service.js';
import { prep } from './engine/statements.js';

/** The tasks of one task list. */
export interface TaskListWork {
  /** Decision or activity tasks. */
  kind: 'decision' | 'activity';
  /** The domain. */
  domain: string;
  /** The task list name. */
  taskList: string;
  /** Tasks scheduled and not yet taken by a poller. */
  ready: number;
  /** Tasks a worker has taken and not answered yet. */
  started: number;
}

/** What {@link outstandingWork} returns. */
export interface OutstandingWork {
  /** Every task list with a ready or started task (none when the service waits only on time). */
  tasks: TaskListWork[];
  /** When the earliest timer or timeout falls due (ms since the epoch), if any is pending. */
  nextDeadline: number | undefined;
}

interface Row {
  domain: string;
  task_list: string;
  ready: number;
  started: number;
}

/**
 * Reads, in one transaction, the tasks waiting for or held by workers and the next deadline.
 *
 * @example
 * ```ts
 * const { tasks, nextDeadline } = outstandingWork(service);
 * if (tasks.length === 0 && nextDeadline !== undefined) clock.advance(nextDeadline - clock.now());
 * ```
 */
export function outstandingWork(service: SwfService): OutstandingWork {
  const db = service.db;
  const read = db.transaction((): OutstandingWork => {
    const decisions = prep(
      db,
      `SELECT domain, dt_task_list AS task_list,
                SUM(dt_scheduled_id > 0 AND dt_started_id = 0) AS ready, SUM(dt_started_id > 0) AS started
         FROM executions WHERE status = 'OPEN' AND (dt_scheduled_id > 0 OR dt_started_id > 0)
         GROUP BY domain, dt_task_list`,
    ).all() as Row[];
    const activities = prep(
      db,
      `SELECT domain, task_list, SUM(started_id = 0) AS ready, SUM(started_id > 0) AS started
         FROM activities GROUP BY domain, task_list`,
    ).all() as Row[];
    const next = prep(db, 'SELECT MIN(at) AS at FROM deadline_queue').get() as { at: number | null };
    const toWork =
      (kind: TaskListWork['kind']) =>
      (r: Row): TaskListWork => ({ kind, domain: r.domain, taskList: r.task_list, ready: r.ready, started: r.started });
    return {
      tasks: [...decisions.map(toWork('decision')), ...activities.map(toWork('activity'))],
      nextDeadline: next.at ?? undefined,
    };
  });
  return read();
}
