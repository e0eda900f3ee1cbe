/** Domain operations: register, deprecate, undeprecate, describe, list. */
import { SwfFault, unknownResource } from '../faults.js';
import { type RegistryContext, domainArn } from './context.js';
import { cutPage, decodePageToken, pageSize } from './page-token.js';
import type { DomainRecord, RegistrationStatus } from './records.js';
import { parseRetention } from './rules.js';
import { addTags } from './tags.js';
import type {
  DeprecateDomainInput,
  DescribeDomainInput,
  DomainDetail,
  DomainInfo,
  DomainInfos,
  ListDomainsInput,
  RegisterDomainInput,
  UndeprecateDomainInput,
} from '../model/wire-types.js';
import { prep } from '../engine/statements.js';

interface DomainRow {
  name: string;
  status: RegistrationStatus;
  description: string | null;
  retention: string;
  retention_days: number;
}

function toRecord(row: DomainRow): DomainRecord {
  const record: DomainRecord = { name: row.name, status: row.status, retentionDays: row.retention_days };
  if (row.description !== null) record.description = row.description;
  return record;
}

function row(ctx: RegistryContext, name: string): DomainRow | undefined {
  return prep(ctx.db, 'SELECT * FROM registry_domains WHERE name = ?').get(name) as DomainRow | undefined;
}

/** The domain, if registered (in any status). */
export function findDomain(ctx: RegistryContext, name: string): DomainRecord | undefined {
  const found = row(ctx, name);
  return found && toRecord(found);
}

/** The domain, or `UnknownResourceFault` as SWF words it. */
export function requireDomainRecord(ctx: RegistryContext, name: string): DomainRecord {
  const found = findDomain(ctx, name);
  if (!found) throw unknownResource(`Unknown domain: ${name}`);
  return found;
}

/** RegisterDomain. */
export function registerDomain(ctx: RegistryContext, input: RegisterDomainInput): void {
  const days = parseRetention(input.workflowExecutionRetentionPeriodInDays);
  ctx.db
    .transaction(() => {
      if (row(ctx, input.name)) throw new SwfFault('DomainAlreadyExistsFault', input.name);
      const { n } = prep(ctx.db, 'SELECT COUNT(*) AS n FROM registry_domains').get() as { n: number };
      if (n >= ctx.limits.domains) {
        throw new SwfFault(
          'LimitExceededFault',
          `The maximum number of domains (${ctx.limits.domains}) has been reached.`,
        );
      }
      prep(
        ctx.db,
        'INSERT INTO registry_domains (name, status, description, retention, retention_days, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        input.name,
        'REGISTERED',
        input.description ?? null,
        input.workflowExecutionRetentionPeriodInDays,
        days,
        ctx.clock.now(),
      );
      if (input.tags?.length) addTags(ctx, input.name, input.tags);
    })
    .immediate();
}

/** DeprecateDomain (`DomainDeprecatedFault` if already deprecated). */
export function deprecateDomain(ctx: RegistryContext, input: DeprecateDomainInput): void {
  ctx.db
    .transaction(() => {
      const found = requireDomainRecord(ctx, input.name);
      if (found.status === 'DEPRECATED') throw new SwfFault('DomainDeprecatedFault', input.name);
      prep(ctx.db, "UPDATE registry_domains SET status = 'DEPRECATED' WHERE name = ?").run(input.name);
    })
    .immediate();
}

/** UndeprecateDomain (`DomainAlreadyExistsFault` if it is registered). */
export function undeprecateDomain(ctx: RegistryContext, input: UndeprecateDomainInput): void {
  ctx.db
    .transaction(() => {
      const found = requireDomainRecord(ctx, input.name);
      if (found.status === 'REGISTERED') throw new SwfFault('DomainAlreadyExistsFault', input.name);
      prep(ctx.db, "UPDATE registry_domains SET status = 'REGISTERED' WHERE name = ?").run(input.name);
    })
    .immediate();
}

function info(ctx: RegistryContext, r: DomainRow): DomainInfo {
  return {
    name: r.name,
    status: r.status,
    ...(r.description !== null ? { description: r.description } : {}),
    arn: domainArn(ctx, r.name),
  };
}

/** DescribeDomain. */
export function describeDomain(ctx: RegistryContext, input: DescribeDomainInput): DomainDetail {
  const found = row(ctx, input.name);
  if (!found) throw unknownResource(`Unknown domain: ${input.name}`);
  return { domainInfo: info(ctx, found), configuration: { workflowExecutionRetentionPeriodInDays: found.retention } };
}

/** ListDomains: by name, ascending unless `reverseOrder`. */
export function listDomains(ctx: RegistryContext, input: ListDomainsInput): DomainInfos {
  const size = pageSize(input.maximumPageSize);
  const paging = {
    ctx,
    operation: 'ListDomains',
    query: JSON.stringify([input.registrationStatus, input.reverseOrder === true]),
  } as const;
  const after = input.nextPageToken ? String(decodePageToken(paging, input.nextPageToken)[0]) : undefined;
  const cmp = input.reverseOrder ? '<' : '>';
  const order = input.reverseOrder ? 'DESC' : 'ASC';
  const rows = prep(
    ctx.db,
    `SELECT * FROM registry_domains WHERE status = ? ${after !== undefined ? `AND name ${cmp} ?` : ''} ORDER BY name ${order} LIMIT ?`,
  ).all(
    ...(after !== undefined ? [input.registrationStatus, after, size + 1] : [input.registrationStatus, size + 1]),
  ) as DomainRow[];
  const { page, nextPageToken } = cutPage(paging, rows, size, (r) => [r.name]);
  return { domainInfos: page.map((r) => info(ctx, r)), ...(nextPageToken ? { nextPageToken } : {}) };
}
