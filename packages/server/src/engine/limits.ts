/** SWF's history limit: a run whose history reaches it is terminated (cause EVENT_LIMIT_EXCEEDED). */
import { terminateRun } from './lifecycle.js';
import { getExec } from './store-executions.js';
import { type Ctx } from './types.js';

/** Terminates the runs touched in this transaction whose history reached the limit. */
export function enforceHistoryLimit(ctx: Ctx): void {
  for (const runId of ctx.tx.touched) {
    const exec = getExec(ctx, runId);
    if (exec && exec.status === 'OPEN' && exec.next_event_id - 1 >= ctx.config.maxHistoryEvents - 1) {
      terminateRun(ctx, exec, { cause: 'EVENT_LIMIT_EXCEEDED' });
    }
  }
  ctx.tx.touched.clear();
}
