/** SWF's history limit: a run whose history reaches it is terminated (cause EVENT_LIMIT_EXCEEDED). */
import { terminateRun } from './lifecycle.js';
import { prep } from './statements.js';
import { getExec } from './store-executions.js';
import { type Ctx } from './types.js';

/** Terminates the runs touched in this transaction whose history reached the limit. */
export function enforceHistoryLimit(ctx: Ctx): void {
  for (const runId of ctx.tx.touched) {
    // Every write transaction checks its runs: the transaction's copy of the row if it has one,
    // else two columns; the whole row only to terminate.
    const state =
      ctx.tx.execs.get(runId) ??
      (prep(ctx.db, 'SELECT status, next_event_id FROM executions WHERE run_id = ?').get(runId) as
        { status: string; next_event_id: number } | undefined);
    if (state && state.status === 'OPEN' && state.next_event_id - 1 >= ctx.config.maxHistoryEvents - 1) {
      const exec = getExec(ctx, runId);
      if (exec) terminateRun(ctx, exec, { cause: 'EVENT_LIMIT_EXCEEDED' });
    }
  }
  ctx.tx.touched.clear();
}
