/**
 * The activities of the ab-serial example (the classic boto.swf tutorial): `ActivityA` runs on
 * task list `a_tasks` and returns a timestamp; `ActivityB` runs on `b_tasks`, gets A's result and
 * returns the pid of the worker process that ran it.
 */
import { Activities, Activity } from '@swf-flow/activity';

/** Activities A and B, each on its own task list (so each can have its own worker pool). */
@Activities({
  version: '1.0',
  scheduleToStartTimeout: '5 minutes',
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '6 minutes',
  heartbeatTimeout: 'NONE',
})
export class SerialActivities {
  /** Returns the time it ran (milliseconds since the epoch). */
  @Activity({ name: 'ActivityA', taskList: 'a_tasks' })
  async activityA(): Promise<number> {
    return Date.now();
  }

  /** Gets A's timestamp; returns the pid of the worker that ran it. */
  @Activity({ name: 'ActivityB', taskList: 'b_tasks' })
  async activityB(timestamp: number): Promise<number> {
    if (typeof timestamp !== 'number')
      throw new TypeError(`ActivityB expects A's timestamp (a number); got ${JSON.stringify(timestamp)}`);
    return process.pid;
  }
}
