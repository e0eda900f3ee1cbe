/**
 * Shared types of the execution engine: the registry it reads, its configuration and the
 * context every engine module works with.
 */
import { type Clock } from '../clock.js';
import { type Db } from '../db.js';
import type * as Registry from '../registry/records.js';
import type { HandOff } from './polls.js';
import type { ExecRow } from './store-executions.js';

/** A registered domain, as the registry gives it. */
export type DomainRecord = Registry.DomainRecord;

/** What the engine reads of a registered type: the registry's record without its dates and description. */
type EngineView<T> = Omit<T, 'creationDate' | 'deprecationDate' | 'description'>;

/** A registered workflow type with its defaults (SWF duration strings, e.g. `'300'` or `'NONE'`). */
export type WorkflowTypeRecord = EngineView<Registry.WorkflowTypeRecord>;

/** A registered activity type with its defaults. */
export type ActivityTypeRecord = EngineView<Registry.ActivityTypeRecord>;

/** What the engine needs from the registry (domains and types). */
export interface RegistryLike {
  /** The domain, or an `UnknownResourceFault`. */
  requireDomain(name: string): DomainRecord;
  getDomain(name: string): DomainRecord | undefined;
  getWorkflowType(domain: string, name: string, version: string): WorkflowTypeRecord | undefined;
  getActivityType(domain: string, name: string, version: string): ActivityTypeRecord | undefined;
}

/** Engine settings. */
export interface EngineConfig {
  /**
   * How long a poll waits for a task before answering with an empty one, in ms.
   * @default 60000
   */
  pollTimeoutMs?: number;
  /**
   * How often closed executions past their domain's retention period are purged, in ms.
   * @default 3600000
   */
  retentionCheckIntervalMs?: number;
  /**
   * History length at which SWF terminates an execution (`EVENT_LIMIT_EXCEEDED`).
   * @default 25000
   */
  maxHistoryEvents?: number;
  /**
   * Open activity tasks, timers and child executions allowed per execution.
   * @default 1000
   */
  maxOpenPerExecution?: number;
}

/** {@link EngineConfig} with every default applied. */
export type ResolvedConfig = Required<EngineConfig>;

/** The kinds of task a poller can ask for. */
export type TaskKind = 'decision' | 'activity';

/** An open Lambda task, as stored in `lambdas` (see `lambdas.ts`). */
export interface LambdaTaskRow {
  run_id: string;
  scheduled_id: number;
  started_id: number;
  lambda_id: string;
  name: string;
  input: string | null;
  /** When its start-to-close timeout falls due (epoch ms). */
  deadline: number;
}

/**
 * What one transaction of the engine collects while it runs (one request, or one round of due
 * deadlines): a fresh one for each transaction, never shared between requests.
 */
export interface TxState {
  /** Runs that got events in this transaction (for the history limit). */
  readonly touched: Set<string>;
  /**
   * Set while a decision task's decisions are applied: a decision task needed by the same run is
   * scheduled once, after the last decision.
   */
  completing: { runId: string; needsDecision: boolean } | undefined;
  /** Lambda tasks whose functions are invoked once this transaction is committed. */
  readonly lambdasToStart: LambdaTaskRow[];
  /** The wait keys of task lists on which this transaction made tasks ready (see `Waiters.handOff`). */
  readonly wakes: Set<string>;
  /** Tasks claimed in this transaction for waiting pollers: handed over once it commits. */
  readonly handOffs: HandOff[];
  /**
   * The `executions` rows this transaction has read, as they stand in it now (`store-executions.ts`):
   * every write of the engine to a run's row goes through that module or `appendEvent`, which keep
   * the entry in step, so a run read twice in one transaction is read from the database once. It
   * lives and dies with the transaction (no other connection can change a row under it: SQLite's
   * snapshot), and is emptied when a savepoint of it rolls back.
   */
  readonly execs: Map<string, ExecRow>;
}

/** A fresh {@link TxState}. */
export function newTxState(): TxState {
  return {
    touched: new Set(),
    completing: undefined,
    lambdasToStart: [],
    wakes: new Set(),
    handOffs: [],
    execs: new Map(),
  };
}

/** What the engine shares between all its transactions (one per engine). */
export interface EngineServices {
  readonly db: Db;
  readonly clock: Clock;
  readonly registry: RegistryLike;
  readonly config: ResolvedConfig;
  /** Tells waiting pollers of that task list that a task may be ready. */
  wake(kind: TaskKind, domain: string, taskList: string): void;
  /**
   * Tells the scheduler a deadline is being stored (re-arms it if earlier than the armed one);
   * returns the deadline's place in the order of storing (`seq`).
   */
  noteDeadline(at: number): number;
  /** Stops the invocation of a Lambda task that closed (timed out, or its run closed), if it runs. */
  abortLambda(runId: string, scheduledId: number): void;
}

/** The context every engine module works with: the engine's services and the current transaction's state. */
export interface Ctx extends EngineServices {
  /** The state of the transaction this context belongs to. */
  readonly tx: TxState;
}
