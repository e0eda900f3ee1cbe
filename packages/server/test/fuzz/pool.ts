/**
 * What the fuzzer has learned from the service's answers: domains, types, executions, task tokens,
 * page tokens and ARNs. Generated requests draw names from here, so that most of them get past
 * validation and reach the engine (stateful fuzzing), while some still name things that do not exist.
 */
import type { Random } from './random.js';

/** A registered type (workflow or activity). */
export interface PooledType {
  domain: string;
  name: string;
  version: string;
}

/** A task handed out by a poll. */
export interface PooledTask {
  token: string;
  domain: string;
  /** Event ids of the history that came with a decision task (for decisions that refer to events). */
  eventIds: number[];
}

const KEEP = 200;

function remember<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > KEEP) list.splice(0, list.length - KEEP);
}

/** Small fixed vocabularies, so that fuzzed ids collide with each other and with earlier requests. */
export const VOCABULARY = {
  taskLists: ['tl1', 'tl2', 'tl3'],
  ids: ['a1', 'a2', 'a3', 't1', 't2', 'x'],
  signals: ['go', 'stop', 'sig'],
  tags: ['red', 'green', 'blue', ''],
  versions: ['1', '2'],
  workflowIds: [...Array.from({ length: 16 }, (_, i) => `w${i}`), 'child-1', 'child-2'],
} as const;

/**
 * What the set-up registers and the destructive operations (deprecate, delete) mostly leave alone,
 * so that runs keep starting: the first two domains and version 1 of each type.
 */
export const BASELINE = { domains: ['fz-a', 'fz-b'], version: '1' } as const;

/** The state the fuzzer carries from answer to answer. */
export class Pool {
  readonly domains: string[] = [];
  readonly arns: string[] = [];
  readonly workflowTypes: PooledType[] = [];
  readonly activityTypes: PooledType[] = [];
  readonly executions: Array<{ domain: string; workflowId: string; runId: string }> = [];
  readonly decisionTasks: PooledTask[] = [];
  readonly activityTasks: PooledTask[] = [];
  readonly pageTokens: string[] = [];

  /** Takes in what a successful answer to `operation` (with `input`) tells. */
  learn(operation: string, input: Record<string, unknown>, output: Record<string, unknown>): void {
    const domain = typeof input.domain === 'string' ? input.domain : undefined;
    if (typeof output.nextPageToken === 'string') remember(this.pageTokens, output.nextPageToken);
    switch (operation) {
      case 'RegisterDomain':
        if (typeof input.name === 'string' && !this.domains.includes(input.name)) remember(this.domains, input.name);
        break;
      case 'DescribeDomain': {
        const arn = (output.domainInfo as { arn?: unknown } | undefined)?.arn;
        if (typeof arn === 'string' && !this.arns.includes(arn)) remember(this.arns, arn);
        break;
      }
      case 'RegisterWorkflowType':
      case 'RegisterActivityType':
        if (domain && typeof input.name === 'string' && typeof input.version === 'string') {
          const list = operation === 'RegisterWorkflowType' ? this.workflowTypes : this.activityTypes;
          remember(list, { domain, name: input.name, version: input.version });
        }
        break;
      case 'StartWorkflowExecution':
        if (domain && typeof input.workflowId === 'string' && typeof output.runId === 'string') {
          remember(this.executions, { domain, workflowId: input.workflowId, runId: output.runId });
        }
        break;
      case 'PollForDecisionTask':
      case 'PollForActivityTask': {
        if (!domain || typeof output.taskToken !== 'string' || output.taskToken === '') break;
        const events = Array.isArray(output.events) ? (output.events as Array<{ eventId?: unknown }>) : [];
        const eventIds = events.map((e) => e.eventId).filter((id): id is number => typeof id === 'number');
        const execution = output.workflowExecution as { workflowId?: unknown; runId?: unknown } | undefined;
        if (typeof execution?.workflowId === 'string' && typeof execution.runId === 'string') {
          remember(this.executions, { domain, workflowId: execution.workflowId, runId: execution.runId });
        }
        const list = operation === 'PollForDecisionTask' ? this.decisionTasks : this.activityTasks;
        remember(list, { token: output.taskToken, domain, eventIds });
        break;
      }
      default:
        break;
    }
  }

  /** A known domain most of the time, else a name that may not exist. */
  domain(r: Random): string {
    return this.domains.length > 0 && r.chance(0.9) ? r.pick(this.domains) : `dom-${r.int(0, 5)}`;
  }

  /** A pooled item of `list` (preferring recent ones), or undefined when empty. */
  recent<T>(r: Random, list: readonly T[]): T | undefined {
    if (list.length === 0) return undefined;
    const back = Math.min(list.length - 1, Math.floor(r.next() * r.next() * list.length));
    return list[list.length - 1 - back];
  }
}
