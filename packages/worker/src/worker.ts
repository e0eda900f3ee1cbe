/** `Worker`: polls decision and activity tasks for one task list and runs them until shut down. */
import { setMaxListeners } from 'node:events';
import {
  gracefulPollStop,
  silentLogger,
  SwfFlowError,
  ValidationError,
  workflowTypeInfo,
  type WorkflowTypeInfo,
} from '@swf-flow/common';
import { WorkflowExecutor } from '@swf-flow/workflow';
import { ActivityRegistry } from './activity-registry.js';
import { ActivityRunner, type ActivityOutcome, type ActivityTask } from './activity-runner.js';
import { Decider, type DecisionOutcome, type DecisionTask } from './decider.js';
import { compileWorkerOptions, type CompiledWorkerOptions, type WorkerOptions } from './options.js';
import { runPollLoop } from './poll-loop.js';
import { PollBudget } from './poller-scaling.js';
import { registerActivityType, registerDomain, registerWorkflowType } from './registration.js';
import { Semaphore } from './semaphore.js';
import { shutdownOnSignals } from './shutdown-signals.js';
import { registrationAdvice } from './registration-advice.js';
import { swfPorts } from './swf-ports.js';
import { activityRegistration, workflowRegistration } from './type-registration.js';
import { WorkflowCache, type WorkflowCacheStats } from './workflow-cache.js';

/** ` at http://...` when the client has an explicit endpoint, for error messages. */
async function describeEndpoint(swf: CompiledWorkerOptions['swf']): Promise<string> {
  try {
    const endpoint = await swf.config.endpoint?.();
    return endpoint
      ? ` at ${endpoint.protocol}//${endpoint.hostname}${endpoint.port ? `:${endpoint.port}` : ''}${endpoint.path ?? ''}`
      : '';
  } catch {
    return '';
  }
}

/** Where a worker is in its life. */
export type WorkerState = 'INITIALIZED' | 'RUNNING' | 'STOPPING' | 'STOPPED';

/** Counters of a worker, from {@link Worker.stats}. */
export interface WorkerStats {
  state: WorkerState;
  /** Decision tasks by outcome. */
  decisionTasks: Record<DecisionOutcome, number>;
  /** Activity tasks by outcome. */
  activityTasks: Record<ActivityOutcome, number>;
  /** Decision and activity tasks being worked on now. */
  inFlight: { decisionTasks: number; activityTasks: number };
  /** Pollers running now, across task lists (each keeps one long poll open at a time; they scale, see `decisionPollers`). */
  pollers: { decision: number; activity: number };
  /** The workflow cache: size, hits, misses, evictions. */
  cache: WorkflowCacheStats;
}

/**
 * A decider for workflow functions and/or an activity worker for `@Activities` instances, polling
 * SWF until shut down. Create it with {@link Worker.create}, then `await worker.run()`.
 */
export class Worker {
  private stateValue: WorkerState = 'INITIALIZED';
  private readonly stopPolling = new AbortController();
  /** Ends the open long polls of a client whose handler cannot end them gracefully (see `endPolls`). */
  private readonly cutPolls = new AbortController();
  private readonly graceOver = new AbortController();
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private pollCutTimer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private readonly decisionSlots: Semaphore;
  private readonly activitySlots: Semaphore;
  private readonly cache: WorkflowCache;
  /** The worker's pollers: scaling up stops at `MAX_SCALED_POLLS` across its task lists. */
  private readonly pollBudget = new PollBudget();
  private readonly decisionPollers = this.pollBudget.share();
  private readonly activityPollers = this.pollBudget.share();
  private readonly decisionCounts: Record<DecisionOutcome, number> = { completed: 0, failed: 0, nondeterministic: 0 };
  private readonly activityCounts: Record<ActivityOutcome, number> = {
    completed: 0,
    failed: 0,
    canceled: 0,
    'left-open': 0,
    gone: 0,
    unanswered: 0,
  };

  private constructor(
    /** The options, checked and fully defaulted. */
    readonly options: CompiledWorkerOptions,
    private readonly workflowTypes: readonly WorkflowTypeInfo[],
    private readonly activities: ActivityRegistry,
  ) {
    // Every open long poll (the SDK's HTTP handler) and every poller waiting for a slot listens to
    // these: more than Node's default of 10 is normal with more pollers, not a leak.
    setMaxListeners(0, this.stopPolling.signal, this.cutPolls.signal, this.graceOver.signal);
    // Its abort ends open long polls by half-closing them, reading on for the poll shutdown grace
    // (the lean HTTP handler): a task handed at that moment still arrives. The polls of any other
    // handler get `cutPolls` instead, aborted only once that grace is over (`shutdown`).
    gracefulPollStop(this.stopPolling.signal, options.pollShutdownGraceTimeMs);
    this.decisionSlots = new Semaphore(options.maxConcurrentDecisionTasks);
    this.activitySlots = new Semaphore(options.maxConcurrentActivityTasks);
    this.cache = new WorkflowCache(options.workflowCacheSize);
  }

  /**
   * Checks the options, reads the workflow and activity types and (unless `registerTypes: false`)
   * registers the domain and every type with SWF.
   *
   * @throws ValidationError for a wrong option or an undecorated activities instance.
   * @example
   * ```ts
   * const worker = await Worker.create({ domain: 'orders', taskList: 'orders', workflows: [orderWorkflow], activities: [new OrderActivities()] });
   * await worker.run(); // until SIGINT/SIGTERM or worker.shutdown()
   * ```
   */
  static async create(options: WorkerOptions): Promise<Worker> {
    const compiled = compileWorkerOptions(options);
    const workflowTypes = compiled.workflows.map((fn) => workflowTypeInfo(fn));
    const seen = new Set<string>();
    for (const t of workflowTypes) {
      const key = `${t.name} ${t.version}`;
      if (seen.has(key)) throw new ValidationError(`workflow type ${key} is given twice in workflows`);
      seen.add(key);
    }
    const worker = new Worker(compiled, workflowTypes, new ActivityRegistry(compiled.activities, compiled.taskList));
    if (compiled.registerTypes) await worker.register();
    return worker;
  }

  private async register(): Promise<void> {
    const { swf, domain, domainRetentionDays, logger, taskList } = this.options;
    let what = `domain ${domain}`;
    try {
      await registerDomain(swf, domain, domainRetentionDays, logger);
      for (const type of this.workflowTypes) {
        what = `workflow type ${type.name} ${type.version}`;
        await registerWorkflowType(swf, workflowRegistration(domain, type, taskList), logger);
      }
      for (const activity of this.activities.all()) {
        what = `activity type ${activity.info.name} ${activity.info.version}`;
        await registerActivityType(swf, activityRegistration(domain, activity), logger);
      }
    } catch (err) {
      const endpoint = await describeEndpoint(swf);
      const advice = registrationAdvice(err);
      throw new SwfFlowError(
        `Worker.create: registering ${what} with SWF${endpoint} failed: ${(err as Error)?.name ?? 'Error'}: ${(err as Error)?.message ?? String(err)}${advice === undefined ? '' : `; ${advice}`}`,
        { cause: err },
      );
    }
  }

  /** Where the worker is in its life. */
  get state(): WorkerState {
    return this.stateValue;
  }

  /**
   * Polls and works until {@link shutdown} (or SIGINT/SIGTERM with `handleSignals`); resolves once
   * every task taken has been answered.
   * @throws ValidationError when called twice.
   */
  run(): Promise<void> {
    if (this.stateValue !== 'INITIALIZED')
      throw new ValidationError(`worker.run() can be called once; the worker is ${this.stateValue}`);
    this.stateValue = 'RUNNING';
    this.running = this.runLoops();
    return this.running;
  }

  /** Runs the worker while `fn` runs, then shuts it down; returns what `fn` returns. */
  async runUntil<R>(fn: Promise<R> | (() => Promise<R>)): Promise<R> {
    const running = this.run();
    try {
      return await (typeof fn === 'function' ? fn() : fn);
    } finally {
      await this.shutdown();
      await running;
    }
  }

  /**
   * Shuts down gracefully: stops polling, lets in-flight decision and activity tasks finish and
   * answer, then resolves (as does {@link run}). Open long polls are ended by half-closing their
   * connections: a task the service handed to one at that moment still arrives and is run and
   * answered like the others; a service that does not answer the half-close has the poll cut after
   * `pollShutdownGraceTime`. With a client of your own (its handler cannot half-close), no new poll
   * starts and the open ones run to their answer, or are cut once `pollShutdownGraceTime` (70 s by
   * default then) is over.
   */
  async shutdown(): Promise<void> {
    if (this.stateValue === 'INITIALIZED') {
      this.stateValue = 'STOPPED';
      return;
    }
    if (this.stateValue === 'RUNNING') {
      this.stateValue = 'STOPPING';
      this.options.logger.info('worker shutting down: polling stopped, waiting for in-flight tasks', {
        identity: this.options.identity,
      });
      this.stopPolling.abort();
      if (!this.options.pollsEndGracefully) {
        const pollGrace = this.options.pollShutdownGraceTimeMs;
        this.pollCutTimer = setTimeout(() => {
          this.options.logger.warn(`poll shutdown grace time (${pollGrace} ms) is over: cutting the open long polls`);
          this.cutPolls.abort();
        }, pollGrace);
      }
      const grace = this.options.shutdownGraceTimeMs;
      if (grace !== undefined) {
        this.graceTimer = setTimeout(() => {
          this.options.logger.warn(`shutdown grace time (${grace} ms) is over: aborting running activities`, {
            inFlight: this.activitySlots.used,
          });
          this.graceOver.abort();
        }, grace);
      }
    }
    await this.running;
  }

  /** Task counts by outcome, tasks in flight and the workflow cache's hit/miss counts. */
  stats(): WorkerStats {
    return {
      state: this.stateValue,
      decisionTasks: { ...this.decisionCounts },
      activityTasks: { ...this.activityCounts },
      inFlight: { decisionTasks: this.decisionSlots.used, activityTasks: this.activitySlots.used },
      pollers: { decision: this.decisionPollers.size, activity: this.activityPollers.size },
      cache: this.cache.stats(),
    };
  }

  private async runLoops(): Promise<void> {
    const o = this.options;
    const ports = swfPorts(o.swf, o.domain, o.identity, o.historyPageSize, o.workflowCacheSize > 0);
    const common = {
      signal: this.stopPolling.signal,
      pollSignal: o.pollsEndGracefully ? this.stopPolling.signal : this.cutPolls.signal,
      backoffInitialMs: o.pollBackoffInitialMs,
      backoffMaxMs: o.pollBackoffMaxMs,
      logger: o.logger,
    };
    const loops: Promise<void>[] = [];
    // Answers are finished work: retried sooner than polls (at most every 5 s) so that they land
    // soon after the service is back.
    const answerBackoff = {
      answerBackoffInitialMs: o.pollBackoffInitialMs,
      answerBackoffMaxMs: Math.max(o.pollBackoffInitialMs, Math.min(o.pollBackoffMaxMs, 5_000)),
    };
    if (this.workflowTypes.length > 0) {
      const decider = new Decider({
        newExecutor: (execution, check) =>
          new WorkflowExecutor({
            workflows: o.workflows,
            dataConverter: o.dataConverter,
            logger: check ? silentLogger : o.logger,
            execution,
            // A cached run that fails is replayed from its first event before anything is reported
            // (the decider), and that replay locates a NonDeterminismError itself: the cached run's
            // decisions need not capture a stack each.
            recordDecisionSites: false,
          }),
        cache: this.cache,
        history: ports.history,
        respond: ports.respondDecision,
        logger: o.logger,
        failWorkflowOnNonDeterminism: o.failWorkflowOnNonDeterminism,
        historyPageSize: o.historyPageSize,
        ...answerBackoff,
        stopSignal: this.graceOver.signal,
      });
      for (const taskList of new Set(this.workflowTypes.map((t) => t.taskList ?? o.taskList))) {
        loops.push(
          runPollLoop<DecisionTask>({
            ...common,
            name: `decision poller (${taskList})`,
            pollers: o.decisionPollers,
            counter: this.decisionPollers,
            slots: this.decisionSlots,
            poll: (signal) => ports.pollDecisionTask(taskList, signal),
            handle: (task) =>
              decider.handle(task).then((outcome) => {
                this.decisionCounts[outcome] += 1;
              }),
          }),
        );
      }
    }
    if (this.activities.all().length > 0) {
      const runner = new ActivityRunner({
        registry: this.activities,
        responder: ports.activityResponder,
        dataConverter: o.dataConverter,
        logger: o.logger,
        heartbeatThrottleMs: o.heartbeatThrottleMs,
        identity: o.identity,
        shutdownSignal: this.graceOver.signal,
        ...answerBackoff,
      });
      for (const taskList of this.activities.taskLists()) {
        loops.push(
          runPollLoop<ActivityTask>({
            ...common,
            name: `activity poller (${taskList})`,
            pollers: o.activityPollers,
            counter: this.activityPollers,
            slots: this.activitySlots,
            poll: (signal) => ports.pollActivityTask(taskList, signal),
            handle: (task) =>
              runner.run(task, taskList).then((outcome) => {
                this.activityCounts[outcome] += 1;
              }),
          }),
        );
      }
    }
    const removeSignalHandlers = o.handleSignals ? shutdownOnSignals(this) : () => {};
    o.logger.info('worker running', {
      identity: o.identity,
      domain: o.domain,
      workflows: this.workflowTypes.map((t) => `${t.name} ${t.version}`),
      activities: this.activities.describe(),
    });
    try {
      await Promise.all(loops);
    } finally {
      removeSignalHandlers();
      if (this.graceTimer) clearTimeout(this.graceTimer);
      if (this.pollCutTimer) clearTimeout(this.pollCutTimer);
      this.cache.clear();
      this.stateValue = 'STOPPED';
      o.logger.info('worker stopped', { identity: o.identity });
    }
  }
}
