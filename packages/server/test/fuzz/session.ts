/**
 * One whole fuzz session, as the test and the long mode run it: a real server on a real SQLite file
 * in a fresh temporary directory, the fuzzer over HTTP, then the checks of `afterwards.ts`. Every
 * error the service logs (an internal failure, a background job that threw) is counted too.
 */
import type { Logger } from '@swf-flow/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../../src/index.js';
import { databaseChecks, drain, runThrough, type DrainReport } from './afterwards.js';
import { fuzz, type FuzzReport } from './fuzzer.js';
import { closeConnections } from './wire.js';

/** Options of {@link fuzzSession}. */
export interface SessionOptions {
  seed: number;
  requests: number;
  /**
   * Fuzzers sending side by side, each with its own seed (`seed`, `seed + 1`, ...) and its own
   * pool, sharing the requests. @default 1
   */
  concurrency?: number;
  /** Progress lines (long mode). */
  onProgress?: (sent: number) => void;
}

/** Everything a session measured; `failures` lists each broken invariant in words. */
export interface SessionReport {
  fuzz: Omit<FuzzReport, 'pool'>;
  drain: DrainReport;
  runThrough: { fresh: string; fuzzed: string };
  database: { integrity: string[]; foreignKeyViolations: number };
  loggedErrors: string[];
  failures: string[];
}

/** One report of several fuzzers that ran side by side (the first one's pool). */
function mergeReports(reports: FuzzReport[]): FuzzReport {
  const [first, ...rest] = reports as [FuzzReport, ...FuzzReport[]];
  const merged: FuzzReport = structuredClone({ ...first, pool: undefined }) as unknown as FuzzReport;
  merged.pool = first.pool;
  for (const other of rest) {
    merged.requests += other.requests;
    merged.violationCount += other.violationCount;
    merged.violations.push(...other.violations.slice(0, Math.max(0, 20 - merged.violations.length)));
    merged.handedOut.decisionTasks += other.handedOut.decisionTasks;
    merged.handedOut.activityTasks += other.handedOut.activityTasks;
    for (const [op, counts] of Object.entries(other.byOperation)) {
      const into = merged.byOperation[op] ?? (merged.byOperation[op] = { sent: 0, ok: 0, faults: {} });
      into.sent += counts.sent;
      into.ok += counts.ok;
      for (const [fault, n] of Object.entries(counts.faults)) into.faults[fault] = (into.faults[fault] ?? 0) + n;
    }
  }
  return merged;
}

/** Runs a session; the server and its directory are gone when it returns (or throws). */
export async function fuzzSession(options: SessionOptions): Promise<SessionReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'swf-flow-fuzz-'));
  const loggedErrors: string[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (message, meta) => void loggedErrors.push(`${message} ${meta ? JSON.stringify(meta).slice(0, 500) : ''}`),
  };
  const server = await createServer({ dataDir, port: 0, pollTimeoutMs: 20, durability: 'normal', logger });
  try {
    const streams = Math.max(1, options.concurrency ?? 1);
    const reports = await Promise.all(
      Array.from({ length: streams }, (_, k) =>
        fuzz({
          url: server.url,
          seed: options.seed + k,
          requests: Math.floor(options.requests / streams) + (k < options.requests % streams ? 1 : 0),
          ...(options.onProgress && k === 0
            ? { onProgress: (sent: number) => options.onProgress?.(sent * streams) }
            : {}),
        }),
      ),
    );
    const { pool, ...report } = mergeReports(reports);
    const drained = await drain(server.url, server.service.db);
    const fresh = await runThrough(server.url, 'after-fuzz', 'fresh');
    const fuzzed = await runThrough(server.url, pool.domains[0] ?? 'fz-a', 'fuzzed');
    const database = databaseChecks(server.service.db);
    const waitingPolls = server.service.waitingPolls();
    const failures = [
      ...report.violations.map(
        (v) => `request ${v.index}: ${v.problem} (target ${String(v.target)}, body ${v.body.slice(0, 200)})`,
      ),
      ...(report.violationCount > report.violations.length
        ? [`... ${report.violationCount - report.violations.length} more violations`]
        : []),
      ...drained.stuck.map((s) => `stuck queue: ${s}`),
      ...(fresh === 'COMPLETED 42' ? [] : [`a fresh workflow ended '${fresh}', not 'COMPLETED 42'`]),
      ...(fuzzed === 'COMPLETED 42' ? [] : [`a workflow in a fuzzed domain ended '${fuzzed}', not 'COMPLETED 42'`]),
      ...(database.integrity.join() === 'ok' ? [] : [`integrity_check: ${database.integrity.join('; ')}`]),
      ...(database.foreignKeyViolations === 0 ? [] : [`${database.foreignKeyViolations} foreign key violations`]),
      ...(waitingPolls === 0 ? [] : [`${waitingPolls} long polls still held after every request was answered`]),
      ...loggedErrors.map((e) => `logged error: ${e}`),
    ];
    return { fuzz: report, drain: drained, runThrough: { fresh, fuzzed }, database, loggedErrors, failures };
  } finally {
    closeConnections();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
