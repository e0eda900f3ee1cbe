/** The registry: domains, workflow and activity types, domain tags. */
import type { RegistryHandlers } from '../operation.js';
import { type RegistryContext, type RegistryOptions, compileRegistryOptions } from './context.js';
import {
  deprecateDomain,
  describeDomain,
  findDomain,
  listDomains,
  registerDomain,
  requireDomainRecord,
  undeprecateDomain,
} from './domains.js';
import type { ActivityTypeRecord, DomainRecord, WorkflowTypeRecord } from './records.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';
import { ACTIVITY_KIND, WORKFLOW_KIND } from './type-kinds.js';
import {
  deleteType,
  deprecateType,
  describeType,
  findTypeRow,
  listTypes,
  registerType,
  toTypeRecord,
  undeprecateType,
} from './types.js';
import { prep } from '../engine/statements.js';
import { RecordCache } from './record-cache.js';

/**
 * Domains, workflow types, activity types and domain tags, stored in the service's SQLite
 * database. The engine reads it through {@link Registry.requireDomain},
 * {@link Registry.getWorkflowType} and {@link Registry.getActivityType}; the service dispatches the
 * registry's operations through {@link Registry.handlers}.
 *
 * @example
 * ```ts
 * const db = openDatabase(':memory:', registrySchema);
 * const registry = new Registry({ db, clock: systemClock });
 * registry.handlers.RegisterDomain({ name: 'sample', workflowExecutionRetentionPeriodInDays: '1' }, {});
 * registry.requireDomain('sample').status; // 'REGISTERED'
 * ```
 */
export class Registry {
  private readonly ctx: RegistryContext;
  /** The domains and types the engine reads, by name (`record-cache.ts`). */
  private readonly domains: RecordCache<DomainRecord>;
  private readonly types: RecordCache<WorkflowTypeRecord | ActivityTypeRecord>;

  /** The registry's operations, by SWF operation name. Inputs must already be model-valid. */
  readonly handlers: RegistryHandlers;

  constructor(options: RegistryOptions) {
    this.ctx = compileRegistryOptions(options);
    this.domains = new RecordCache(this.ctx.db);
    this.types = new RecordCache(this.ctx.db);
    this.handlers = this.buildHandlers();
  }

  /** The domain, or `UnknownResourceFault` (`Unknown domain: <name>`) if it is not registered. */
  requireDomain(name: string): DomainRecord {
    return this.domains.get(name, () => requireDomainRecord(this.ctx, name)) as DomainRecord;
  }

  /** The domain, if registered (in any status). */
  getDomain(name: string): DomainRecord | undefined {
    return this.domains.get(name, () => findDomain(this.ctx, name));
  }

  /** A registered workflow type (in any status), if there is one. */
  getWorkflowType(domain: string, name: string, version: string): WorkflowTypeRecord | undefined {
    return this.types.get(typeKey(WORKFLOW_KIND.kind, domain, name, version), () => {
      const row = findTypeRow(this.ctx, WORKFLOW_KIND, domain, name, version);
      return row && (toTypeRecord(row) as WorkflowTypeRecord);
    }) as WorkflowTypeRecord | undefined;
  }

  /** A registered activity type (in any status), if there is one. */
  getActivityType(domain: string, name: string, version: string): ActivityTypeRecord | undefined {
    return this.types.get(typeKey(ACTIVITY_KIND.kind, domain, name, version), () => {
      const row = findTypeRow(this.ctx, ACTIVITY_KIND, domain, name, version);
      return row && (toTypeRecord(row) as ActivityTypeRecord);
    }) as ActivityTypeRecord | undefined;
  }

  /** How many registered domains and (any-status) types the registry holds: for status pages. */
  summary(): { domains: number; workflowTypes: number; activityTypes: number } {
    const count = (sql: string): number => (prep(this.ctx.db, sql).get() as { n: number }).n;
    return {
      domains: count("SELECT COUNT(*) AS n FROM registry_domains WHERE status = 'REGISTERED'"),
      workflowTypes: count("SELECT COUNT(*) AS n FROM registry_types WHERE kind = 'workflow'"),
      activityTypes: count("SELECT COUNT(*) AS n FROM registry_types WHERE kind = 'activity'"),
    };
  }

  private buildHandlers(): RegistryHandlers {
    const ctx = this.ctx;
    const [wf, act] = [WORKFLOW_KIND, ACTIVITY_KIND];
    /** A handler that writes the registry: the cached records are dropped once it has run (or failed). */
    const writes =
      <I, O>(handler: (input: I) => O): ((input: I) => O) =>
      (input) => {
        try {
          return handler(input);
        } finally {
          this.domains.wrote();
          this.types.wrote();
        }
      };
    return {
      RegisterDomain: writes((i) => registerDomain(ctx, i)),
      DeprecateDomain: writes((i) => deprecateDomain(ctx, i)),
      UndeprecateDomain: writes((i) => undeprecateDomain(ctx, i)),
      DescribeDomain: (i) => describeDomain(ctx, i),
      ListDomains: (i) => listDomains(ctx, i),
      RegisterWorkflowType: writes((i) => registerType(ctx, wf, i)),
      DeprecateWorkflowType: writes((i) => deprecateType(ctx, wf, i)),
      UndeprecateWorkflowType: writes((i) => undeprecateType(ctx, wf, i)),
      DeleteWorkflowType: writes((i) => deleteType(ctx, wf, i)),
      DescribeWorkflowType: (i) => describeType(ctx, wf, i),
      ListWorkflowTypes: (i) => listTypes(ctx, wf, i),
      RegisterActivityType: writes((i) => registerType(ctx, act, i)),
      DeprecateActivityType: writes((i) => deprecateType(ctx, act, i)),
      UndeprecateActivityType: writes((i) => undeprecateType(ctx, act, i)),
      DeleteActivityType: writes((i) => deleteType(ctx, act, i)),
      DescribeActivityType: (i) => describeType(ctx, act, i),
      ListActivityTypes: (i) => listTypes(ctx, act, i),
      TagResource: writes((i) => tagResource(ctx, i)),
      UntagResource: writes((i) => untagResource(ctx, i)),
      ListTagsForResource: (i) => listTagsForResource(ctx, i),
    };
  }
}

/** The cache key of a type: its kind, domain, name and version (NUL cannot occur in any of them). */
function typeKey(kind: string, domain: string, name: string, version: string): string {
  return `${kind}\u0000${domain}\u0000${name}\u0000${version}`;
}
