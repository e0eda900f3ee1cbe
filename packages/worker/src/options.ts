/** The worker's options, checked once and compiled into their fully defaulted form. */
import { SWFClient } from '@aws-sdk/client-swf';
import {
  ValidationError,
  consoleLogger,
  endsPollsGracefully,
  jsonDataConverter,
  type DataConverter,
  type Duration,
  type Logger,
  checkSwfName,
  MAX_NAME_LENGTH,
  resolveSwfClient,
  type SwfClientLike,
  type WorkflowFunction,
  shownValue,
} from '@swf-flow/common';
import { hostname } from 'node:os';
import { checkBool, checkDuration, checkInt } from './validate.js';
import { compilePollers, type PollerBounds, type Pollers } from './poller-scaling.js';

export type { WorkflowFunction };

/** Options of {@link Worker.create}. */
export interface WorkerOptions {
  /** The `SWFClient` to use, or its configuration. @default the standard AWS chain (`AWS_REGION`, credentials, `AWS_ENDPOINT_URL_SWF`) */
  swf?: SwfClientLike;
  /** The SWF domain to work in. */
  domain: string;
  /** The task list polled for workflows and activities that do not declare their own. */
  taskList: string;
  /** Workflow functions this worker decides for. @default [] (no decider) */
  workflows?: readonly WorkflowFunction[];
  /** Instances of `@Activities`-decorated classes this worker runs. @default [] (no activity worker) */
  activities?: readonly object[];
  /** Names this worker in the history (`identity` of task events). At most 256 characters. @default `${pid}@${hostname}` */
  identity?: string;
  /** Converts inputs, results and details. @default jsonDataConverter */
  dataConverter?: DataConverter;
  /** Where the worker writes what it does. @default consoleLogger */
  logger?: Logger;
  /**
   * Decision tasks handled at once (each decision poller holds one while it polls). Temporal's
   * TypeScript SDK defaults to 40 as well. @default 40
   */
  maxConcurrentDecisionTasks?: number;
  /** Activity tasks run at once. @default 100 */
  maxConcurrentActivityTasks?: number;
  /**
   * Long polls for decision tasks kept open at once, per task list: a fixed number (1–100), or
   * bounds to scale within, `{ minimum, initial, maximum }`. Scaled, a poll answered with a task
   * opens one more and a poll that came back empty closes (`poller-scaling.ts`); with tasks
   * waiting, more polls let more requests share the service's turns, commits and flushes.
   * @default { minimum: 1, initial: 4, maximum: 16 }
   */
  decisionPollers?: Pollers;
  /** Long polls for activity tasks, as {@link WorkerOptions.decisionPollers}. @default { minimum: 1, initial: 4, maximum: 16 } */
  activityPollers?: Pollers;
  /** Register the domain and every type served at start-up. @default true */
  registerTypes?: boolean;
  /** Retention of closed executions when this worker registers the domain, in days (0–90). @default 1 */
  domainRetentionDays?: number;
  /**
   * On a `NonDeterminismError` (the code no longer matches the history) or an uncaught
   * `DeterminismViolationError` (the code did something replay cannot reproduce), fail the workflow
   * execution. By default the decision task fails instead: nothing is answered, the task times out
   * after the workflow's `taskStartToCloseTimeout` and comes back, and the run stays open until a
   * worker running fixed code continues it. @default false
   */
  failWorkflowOnNonDeterminism?: boolean;
  /** Workflow runs kept live in memory to continue with only new events; 0 disables the cache. @default 100 */
  workflowCacheSize?: number;
  /**
   * Events per page when reading a decision task's history (newest first). 1–1000. A cached run
   * needs only the events since its last decision task (usually a handful), and the SDK parses
   * every event of a page, so the first page is small; a full replay reads the rest oldest first
   * in pages of 1,000. @default 25
   */
  historyPageSize?: number;
  /**
   * Least time between two heartbeats sent to SWF for one activity task (further calls within it
   * are merged; the last details win). Capped at 80% of the activity type's declared heartbeat
   * timeout. SWF does not tell a worker the heartbeat timeout a workflow scheduled an activity with,
   * so keep this below the shortest one your workflows use. @default '5s'
   */
  heartbeatThrottle?: Duration;
  /** First wait after a failed poll; doubles per failure in a row, with jitter. @default '200ms' */
  pollBackoffInitial?: Duration;
  /** Longest wait between failed polls. @default '30s' */
  pollBackoffMax?: Duration;
  /**
   * Shut down gracefully on SIGINT and SIGTERM while running, and when the npm that started the
   * process (`npm run worker`, `npx`) is gone. @default true
   */
  handleSignals?: boolean;
  /**
   * How long a shutdown waits for running activities before it aborts their `cancellationSignal`
   * (with an `ApplicationFailure` of type `WorkerShutdown`; an activity that then throws is failed
   * with it, so that a retry policy can run it again elsewhere; one still running 1 s later, which
   * does not look at its signal, is failed so without waiting for it, and the shutdown resolves).
   * @default no limit: activities finish
   */
  shutdownGraceTime?: Duration;
  /**
   * How long a shutdown lets each open long poll run on, so that a task the service hands to the
   * poll at that moment is still received, run and answered instead of being lost until its
   * start-to-close timeout; past it the poll is cut. With the HTTP handler swf-flow puts in a
   * client it builds (the default), a shutdown ends each poll by half-closing its connection and
   * reads on for at most this long: the local service answers the half-close at once; a service
   * that does not (Amazon SWF may not) has its poll cut once this time is over. With a client of
   * your own (a ready-made `SWFClient`, a `requestHandler` or agents of yours), which cannot
   * half-close, the shutdown starts no new poll and lets the open ones run to their answer (at most
   * the service's poll time, 60 s) for at most this long. Longer than the service's poll waits out
   * every poll, as the AWS Flow Framework for Java's `gracefulShutdown` does; `0` cuts at once.
   * @default '1s' with swf-flow's HTTP handler (or the local service's in-process one); '70s' with a client of your own
   */
  pollShutdownGraceTime?: Duration;
}

/** {@link WorkerOptions} with every default applied and every value checked. */
export interface CompiledWorkerOptions {
  swf: SWFClient;
  domain: string;
  taskList: string;
  workflows: readonly WorkflowFunction[];
  activities: readonly object[];
  identity: string;
  dataConverter: DataConverter;
  logger: Logger;
  maxConcurrentDecisionTasks: number;
  maxConcurrentActivityTasks: number;
  decisionPollers: PollerBounds;
  activityPollers: PollerBounds;
  registerTypes: boolean;
  domainRetentionDays: number;
  failWorkflowOnNonDeterminism: boolean;
  workflowCacheSize: number;
  historyPageSize: number;
  heartbeatThrottleMs: number;
  pollBackoffInitialMs: number;
  pollBackoffMaxMs: number;
  handleSignals: boolean;
  /** `undefined`: no limit. */
  shutdownGraceTimeMs: number | undefined;
  pollShutdownGraceTimeMs: number;
  /**
   * Whether the client's handler ends a long poll without losing a task (`endsPollsGracefully`):
   * a shutdown then ends the polls at once; otherwise it lets them run for `pollShutdownGraceTimeMs`.
   */
  pollsEndGracefully: boolean;
}

/**
 * The default `pollShutdownGraceTime` with a client of the user's own: SWF's 60 s long poll plus
 * time for its answer to arrive, so that every open poll is waited out.
 */
const OWN_CLIENT_POLL_GRACE = '70s';

/**
 * Decision tasks handled at once, by default. The 100 × 10 round needs more than 10 decision polls
 * and tasks at once to run at the service's pace (BENCHMARKS.md "Polls that scale"); 40 is also
 * what Temporal's TypeScript SDK allows by default. A decision task is a replay on the worker's one thread.
 */
const DEFAULT_DECISION_SLOTS = 40;

const KNOWN = new Set<string>([
  'swf',
  'domain',
  'taskList',
  'workflows',
  'activities',
  'identity',
  'dataConverter',
  'logger',
  'maxConcurrentDecisionTasks',
  'maxConcurrentActivityTasks',
  'decisionPollers',
  'activityPollers',
  'registerTypes',
  'domainRetentionDays',
  'failWorkflowOnNonDeterminism',
  'workflowCacheSize',
  'historyPageSize',
  'heartbeatThrottle',
  'pollBackoffInitial',
  'pollBackoffMax',
  'handleSignals',
  'shutdownGraceTime',
  'pollShutdownGraceTime',
]);

function checkList<T>(
  value: readonly T[] | undefined,
  what: string,
  check: (item: T) => boolean,
  expected: string,
): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw new ValidationError(`${what} must be an array of ${expected}; got ${shownValue(value)}`);
  value.forEach((item: T, i) => {
    if (check(item)) return;
    // A class where its instance goes (activities: [OrderActivities]) is the usual slip: say which.
    const got =
      typeof item === 'function' && /^class\b/.test(Function.prototype.toString.call(item))
        ? `the class ${(item as { name?: string }).name || '(anonymous)'} itself (pass an instance: new ${(item as { name?: string }).name || 'TheClass'}())`
        : typeof item === 'object' && item !== null && Object.getPrototypeOf(item) === Object.prototype
          ? `a plain object ${shownValue(item)}`
          : shownValue(item);
    throw new ValidationError(`${what}[${i}] must be ${expected}; got ${got}`);
  });
  return [...value];
}

function checkLogger(logger: Logger): Logger {
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    if (typeof logger?.[level] !== 'function')
      throw new ValidationError(`logger must have debug, info, warn and error methods; '${level}' is missing`);
  }
  return logger;
}

function checkConverter(converter: DataConverter): DataConverter {
  if (typeof converter?.toPayload !== 'function' || typeof converter?.fromPayload !== 'function') {
    throw new ValidationError('dataConverter must have toPayload(value) and fromPayload(payload) methods');
  }
  return converter;
}

/**
 * Checks {@link WorkerOptions} eagerly and returns them fully defaulted.
 * @throws ValidationError naming the first wrong option and what is expected instead.
 */
export function compileWorkerOptions(options: WorkerOptions): CompiledWorkerOptions {
  if (typeof options !== 'object' || options === null)
    throw new ValidationError('Worker.create needs an options object with at least domain and taskList');
  const unknown = Object.keys(options).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0)
    throw new ValidationError(
      `unknown worker option(s): ${unknown.join(', ')}; known options are ${[...KNOWN].join(', ')}`,
    );
  const workflows = checkList(options.workflows, 'workflows', (w) => typeof w === 'function', 'a workflow function');
  const activities = checkList(
    options.activities,
    'activities',
    // A plain object is no class's instance: its constructor would be reported as class Object.
    (a) => typeof a === 'object' && a !== null && ![Object.prototype, null].includes(Object.getPrototypeOf(a)),
    'an instance of an @Activities class',
  );
  if (workflows.length === 0 && activities.length === 0) {
    throw new ValidationError('a worker needs something to do: pass workflows (to decide) and/or activities (to run)');
  }
  const identity = options.identity ?? `${process.pid}@${hostname()}`;
  if (typeof identity !== 'string' || identity.length === 0 || identity.length > MAX_NAME_LENGTH) {
    throw new ValidationError(
      `identity must be a string of 1 to ${MAX_NAME_LENGTH} characters; got ${shownValue(identity)}`,
    );
  }
  const pollBackoffInitialMs = checkDuration(options.pollBackoffInitial ?? '200ms', 'pollBackoffInitial', 1);
  const pollBackoffMaxMs = checkDuration(options.pollBackoffMax ?? '30s', 'pollBackoffMax', 1);
  if (pollBackoffMaxMs < pollBackoffInitialMs) {
    throw new ValidationError(
      `pollBackoffMax (${pollBackoffMaxMs} ms) must not be shorter than pollBackoffInitial (${pollBackoffInitialMs} ms)`,
    );
  }
  const logger = checkLogger(options.logger ?? consoleLogger);
  const swf = resolveSwfClient(SWFClient, options.swf, 'swf', logger);
  const pollsEndGracefully = endsPollsGracefully(swf.config.requestHandler);
  return {
    swf,
    domain: checkSwfName(options.domain, 'domain'),
    taskList: checkSwfName(options.taskList, 'taskList'),
    workflows,
    activities,
    identity,
    dataConverter: checkConverter(options.dataConverter ?? jsonDataConverter),
    logger,
    maxConcurrentDecisionTasks: checkInt(
      options.maxConcurrentDecisionTasks ?? DEFAULT_DECISION_SLOTS,
      'maxConcurrentDecisionTasks',
      1,
    ),
    maxConcurrentActivityTasks: checkInt(options.maxConcurrentActivityTasks ?? 100, 'maxConcurrentActivityTasks', 1),
    decisionPollers: compilePollers(options.decisionPollers, 'decisionPollers'),
    activityPollers: compilePollers(options.activityPollers, 'activityPollers'),
    registerTypes: checkBool(options.registerTypes ?? true, 'registerTypes'),
    domainRetentionDays: checkInt(options.domainRetentionDays ?? 1, 'domainRetentionDays', 0, 90),
    failWorkflowOnNonDeterminism: checkBool(
      options.failWorkflowOnNonDeterminism ?? false,
      'failWorkflowOnNonDeterminism',
    ),
    workflowCacheSize: checkInt(options.workflowCacheSize ?? 100, 'workflowCacheSize', 0),
    historyPageSize: checkInt(options.historyPageSize ?? 25, 'historyPageSize', 1, 1000),
    heartbeatThrottleMs: checkDuration(options.heartbeatThrottle ?? '5s', 'heartbeatThrottle'),
    pollBackoffInitialMs,
    pollBackoffMaxMs,
    handleSignals: checkBool(options.handleSignals ?? true, 'handleSignals'),
    shutdownGraceTimeMs:
      options.shutdownGraceTime === undefined
        ? undefined
        : checkDuration(options.shutdownGraceTime, 'shutdownGraceTime'),
    pollShutdownGraceTimeMs: checkDuration(
      options.pollShutdownGraceTime ?? (pollsEndGracefully ? '1s' : OWN_CLIENT_POLL_GRACE),
      'pollShutdownGraceTime',
    ),
    pollsEndGracefully,
  };
}
