/** The registry: domains, workflow and activity types, domain tags. */
import type { OperationHandlers } from '../operation.js';
import { type RegistryContext, type RegistryOptions, compileRegistryOptions } from './context.js';
import {
  type ListDomainsInput,
  type RegisterDomainInput,
  deprecateDomain,
  describeDomain,
  findDomain,
  listDomains,
  registerDomain,
  requireDomainRecord,
  undeprecateDomain,
} from './domains.js';
import type { ActivityTypeRecord, DomainRecord, WorkflowTypeRecord } from './records.js';
import { type TagInput, listTagsForResource, tagResource, untagResource } from './tags.js';
import { ACTIVITY_KIND, type TypeKindSpec, WORKFLOW_KIND } from './type-kinds.js';
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

type In = Record<string, unknown>;

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

  /** The registry's operations, by SWF operation name. Inputs must already be model-valid. */
  readonly handlers: OperationHandlers;

  constructor(options: RegistryOptions) {
    this.ctx = compileRegistryOptions(options);
    this.handlers = this.buildHandlers();
  }

  /** The domain, or `UnknownResourceFault` (`Unknown domain: <name>`) if it is not registered. */
  requireDomain(name: string): DomainRecord {
    return requireDomainRecord(this.ctx, name);
  }

  /** The domain, if registered (in any status). */
  getDomain(name: string): DomainRecord | undefined {
    return findDomain(this.ctx, name);
  }

  /** A registered workflow type (in any status), if there is one. */
  getWorkflowType(domain: string, name: string, version: string): WorkflowTypeRecord | undefined {
    const row = findTypeRow(this.ctx, WORKFLOW_KIND, domain, name, version);
    return row && (toTypeRecord(row) as WorkflowTypeRecord);
  }

  /** A registered activity type (in any status), if there is one. */
  getActivityType(domain: string, name: string, version: string): ActivityTypeRecord | undefined {
    const row = findTypeRow(this.ctx, ACTIVITY_KIND, domain, name, version);
    return row && (toTypeRecord(row) as ActivityTypeRecord);
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

  private buildHandlers(): OperationHandlers {
    const ctx = this.ctx;
    const typeOps = (prefix: 'Workflow' | 'Activity', spec: TypeKindSpec): OperationHandlers => ({
      [`Register${prefix}Type`]: (i) => void registerType(ctx, spec, i as In),
      [`Deprecate${prefix}Type`]: (i) => void deprecateType(ctx, spec, i as In),
      [`Undeprecate${prefix}Type`]: (i) => void undeprecateType(ctx, spec, i as In),
      [`Delete${prefix}Type`]: (i) => void deleteType(ctx, spec, i as In),
      [`Describe${prefix}Type`]: (i) => describeType(ctx, spec, i as In),
      [`List${prefix}Types`]: (i) => listTypes(ctx, spec, i as In),
    });
    return {
      RegisterDomain: (i) => void registerDomain(ctx, i as RegisterDomainInput),
      DeprecateDomain: (i) => void deprecateDomain(ctx, i as { name: string }),
      UndeprecateDomain: (i) => void undeprecateDomain(ctx, i as { name: string }),
      DescribeDomain: (i) => describeDomain(ctx, i as { name: string }),
      ListDomains: (i) => listDomains(ctx, i as ListDomainsInput),
      ...typeOps('Workflow', WORKFLOW_KIND),
      ...typeOps('Activity', ACTIVITY_KIND),
      TagResource: (i) => void tagResource(ctx, i as { resourceArn: string; tags: TagInput[] }),
      UntagResource: (i) => void untagResource(ctx, i as { resourceArn: string; tagKeys: string[] }),
      ListTagsForResource: (i) => listTagsForResource(ctx, i as { resourceArn: string }),
    };
  }
}
