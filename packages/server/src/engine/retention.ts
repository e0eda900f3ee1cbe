/** Retention: closed runs older than their domain's retention period are purged with their history. */
import { type Ctx } from './types.js';
import { prep } from './statements.js';
import { forgetExec } from './store-executions.js';

const DAY_MS = 86_400_000;

/** Deletes closed runs whose close time + retention is past; returns how many. */
export function purgeExpired(ctx: Ctx): number {
  const now = ctx.clock.now();
  const domains = prep(ctx.db, `SELECT DISTINCT domain FROM executions WHERE status = 'CLOSED'`).all() as {
    domain: string;
  }[];
  let purged = 0;
  for (const { domain } of domains) {
    const days = ctx.registry.getDomain(domain)?.retentionDays ?? 0;
    const cutoff = now - days * DAY_MS;
    const runs = prep(
      ctx.db,
      `SELECT run_id FROM executions WHERE domain = ? AND status = 'CLOSED' AND close_ts <= ?`,
    ).all(domain, cutoff) as { run_id: string }[];
    for (const { run_id } of runs) {
      prep(ctx.db, 'DELETE FROM events WHERE run_id = ?').run(run_id);
      prep(ctx.db, 'DELETE FROM deadline_queue WHERE run_id = ?').run(run_id);
      prep(ctx.db, 'DELETE FROM executions WHERE run_id = ?').run(run_id);
      forgetExec(ctx, run_id);
      purged++;
    }
  }
  return purged;
}
