/** Retention: closed runs older than their domain's retention period are purged with their history. */
import { type Ctx } from './types.js';

const DAY_MS = 86_400_000;

/** Deletes closed runs whose close time + retention is past; returns how many. */
export function purgeExpired(ctx: Ctx): number {
  const now = ctx.clock.now();
  const domains = ctx.db.prepare(`SELECT DISTINCT domain FROM executions WHERE status = 'CLOSED'`).all() as { domain: string }[];
  let purged = 0;
  for (const { domain } of domains) {
    const days = ctx.registry.getDomain(domain)?.retentionDays ?? 0;
    const cutoff = now - days * DAY_MS;
    const runs = ctx.db
      .prepare(`SELECT run_id FROM executions WHERE domain = ? AND status = 'CLOSED' AND close_ts <= ?`)
      .all(domain, cutoff) as { run_id: string }[];
    for (const { run_id } of runs) {
      ctx.db.prepare('DELETE FROM events WHERE run_id = ?').run(run_id);
      ctx.db.prepare('DELETE FROM deadlines WHERE run_id = ?').run(run_id);
      ctx.db.prepare('DELETE FROM executions WHERE run_id = ?').run(run_id);
      purged++;
    }
  }
  return purged;
}
