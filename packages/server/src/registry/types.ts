/**
 * Workflow and activity type operations, one implementation for both kinds: register, deprecate,
 * undeprecate, delete, describe, list.
 */
import { SwfFault, unknownResource } from '../faults.js';
import { type RegistryContext, toEpochSeconds } from './context.js';
import { requireDomainRecord } from './domains.js';
import { cutPage, decodePageToken, pageSize } from './page-token.js';
import type { RegistrationStatus, TypeRecordBase } from './records.js';
import { type TypeKindSpec, type TypeKindWire, typeLabel } from './type-kinds.js';
import type { TypeKind } from './records.js';
import { prep } from '../engine/statements.js';

/** A row of `registry_types`. */
export interface TypeRow {
  domain: string;
  name: string;
  version: string;
  status: RegistrationStatus;
  description: string | null;
  creation_date: number;
  deprecation_date: number | null;
  config: string;
}

type Config = Record<string, unknown>;

/** The row of a type, if registered (in any status). */
export function findTypeRow(
  ctx: RegistryContext,
  spec: TypeKindSpec,
  domain: string,
  name: string,
  version: string,
): TypeRow | undefined {
  return prep(ctx.db, 'SELECT * FROM registry_types WHERE kind = ? AND domain = ? AND name = ? AND version = ?').get(
    spec.kind,
    domain,
    name,
    version,
  ) as TypeRow | undefined;
}

/** Flattens a row into the record the engine reads (`defaultTaskList` as a name). */
export function toTypeRecord(row: TypeRow): TypeRecordBase & Record<string, unknown> {
  const record: TypeRecordBase & Record<string, unknown> = {
    domain: row.domain,
    name: row.name,
    version: row.version,
    status: row.status,
    creationDate: row.creation_date,
  };
  if (row.description !== null) record.description = row.description;
  if (row.deprecation_date !== null) record.deprecationDate = row.deprecation_date;
  for (const [key, value] of Object.entries(JSON.parse(row.config) as Config)) {
    record[key] = key === 'defaultTaskList' ? (value as { name: string }).name : value;
  }
  return record;
}

interface TypeRef {
  domain: string;
  name: string;
  version: string;
}

function refOf(input: TypeKindWire[TypeKind]['ref']): TypeRef {
  const type = 'workflowType' in input ? input.workflowType : input.activityType;
  return { domain: input.domain, name: type.name, version: type.version };
}

function requireType(ctx: RegistryContext, spec: TypeKindSpec, ref: TypeRef): TypeRow {
  requireDomainRecord(ctx, ref.domain);
  const found = findTypeRow(ctx, spec, ref.domain, ref.name, ref.version);
  if (!found) throw unknownResource(`Unknown type: ${typeLabel(spec, ref.name, ref.version)}`);
  return found;
}

/** RegisterWorkflowType / RegisterActivityType. */
export function registerType<K extends TypeKind>(
  ctx: RegistryContext,
  spec: TypeKindSpec<K>,
  input: TypeKindWire[K]['register'],
): void {
  const ref = { domain: input.domain, name: input.name, version: input.version };
  const members = input as unknown as Config;
  const config: Config = {};
  for (const key of spec.configMembers) if (members[key] !== undefined) config[key] = members[key];
  ctx.db
    .transaction(() => {
      const domain = requireDomainRecord(ctx, ref.domain);
      if (domain.status === 'DEPRECATED') throw new SwfFault('DomainDeprecatedFault', ref.domain);
      if (findTypeRow(ctx, spec, ref.domain, ref.name, ref.version)) {
        throw new SwfFault('TypeAlreadyExistsFault', typeLabel(spec, ref.name, ref.version));
      }
      const { n } = prep(ctx.db, 'SELECT COUNT(*) AS n FROM registry_types WHERE domain = ?').get(ref.domain) as {
        n: number;
      };
      if (n >= ctx.limits.typesPerDomain) {
        throw new SwfFault(
          'LimitExceededFault',
          `The maximum number of types per domain (${ctx.limits.typesPerDomain}) has been reached in ${ref.domain}.`,
        );
      }
      prep(
        ctx.db,
        'INSERT INTO registry_types (kind, domain, name, version, status, description, creation_date, config) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        spec.kind,
        ref.domain,
        ref.name,
        ref.version,
        'REGISTERED',
        input.description ?? null,
        ctx.clock.now(),
        JSON.stringify(config),
      );
    })
    .immediate();
}

/** DeprecateWorkflowType / DeprecateActivityType (`TypeDeprecatedFault` if already deprecated). */
export function deprecateType<K extends TypeKind>(
  ctx: RegistryContext,
  spec: TypeKindSpec<K>,
  input: TypeKindWire[K]['ref'],
): void {
  const ref = refOf(input);
  ctx.db
    .transaction(() => {
      const found = requireType(ctx, spec, ref);
      if (found.status === 'DEPRECATED')
        throw new SwfFault('TypeDeprecatedFault', typeLabel(spec, ref.name, ref.version));
      prep(
        ctx.db,
        "UPDATE registry_types SET status = 'DEPRECATED', deprecation_date = ? WHERE kind = ? AND domain = ? AND name = ? AND version = ?",
      ).run(ctx.clock.now(), spec.kind, ref.domain, ref.name, ref.version);
    })
    .immediate();
}

/** UndeprecateWorkflowType / UndeprecateActivityType (`TypeAlreadyExistsFault` if registered). */
export function undeprecateType<K extends TypeKind>(
  ctx: RegistryContext,
  spec: TypeKindSpec<K>,
  input: TypeKindWire[K]['ref'],
): void {
  const ref = refOf(input);
  ctx.db
    .transaction(() => {
      const found = requireType(ctx, spec, ref);
      if (found.status === 'REGISTERED')
        throw new SwfFault('TypeAlreadyExistsFault', typeLabel(spec, ref.name, ref.version));
      prep(
        ctx.db,
        "UPDATE registry_types SET status = 'REGISTERED', deprecation_date = NULL WHERE kind = ? AND domain = ? AND name = ? AND version = ?",
      ).run(spec.kind, ref.domain, ref.name, ref.version);
    })
    .immediate();
}

/** DeleteWorkflowType / DeleteActivityType: only deprecated types (`TypeNotDeprecatedFault`). */
export function deleteType<K extends TypeKind>(
  ctx: RegistryContext,
  spec: TypeKindSpec<K>,
  input: TypeKindWire[K]['ref'],
): void {
  const ref = refOf(input);
  ctx.db
    .transaction(() => {
      const found = requireType(ctx, spec, ref);
      if (found.status !== 'DEPRECATED')
        throw new SwfFault('TypeNotDeprecatedFault', typeLabel(spec, ref.name, ref.version));
      prep(ctx.db, 'DELETE FROM registry_types WHERE kind = ? AND domain = ? AND name = ? AND version = ?').run(
        spec.kind,
        ref.domain,
        ref.name,
        ref.version,
      );
    })
    .immediate();
}

function typeInfo<K extends TypeKind>(spec: TypeKindSpec<K>, row: TypeRow): TypeKindWire[K]['info'] {
  // The member naming the type is computed from the kind, which the compiler cannot follow.
  return {
    [spec.typeMember]: { name: row.name, version: row.version },
    status: row.status,
    ...(row.description !== null ? { description: row.description } : {}),
    creationDate: toEpochSeconds(row.creation_date),
    ...(row.deprecation_date !== null ? { deprecationDate: toEpochSeconds(row.deprecation_date) } : {}),
  } as TypeKindWire[K]['info'];
}

/** DescribeWorkflowType / DescribeActivityType. */
export function describeType<K extends TypeKind>(
  ctx: RegistryContext,
  spec: TypeKindSpec<K>,
  input: TypeKindWire[K]['ref'],
): TypeKindWire[K]['detail'] {
  const found = requireType(ctx, spec, refOf(input));
  // The stored configuration is what registration accepted: the model's configuration members.
  const configuration = JSON.parse(found.config) as TypeKindWire[K]['detail']['configuration'];
  return { typeInfo: typeInfo(spec, found), configuration } as TypeKindWire[K]['detail'];
}

/** ListWorkflowTypes / ListActivityTypes: by name then version, ascending unless `reverseOrder`. */
export function listTypes<K extends TypeKind>(
  ctx: RegistryContext,
  spec: TypeKindSpec<K>,
  input: TypeKindWire[K]['list'],
): TypeKindWire[K]['infos'] {
  const { domain, registrationStatus: status, name } = input;
  requireDomainRecord(ctx, domain);
  const reverse = input.reverseOrder === true;
  const size = pageSize(input.maximumPageSize);
  const paging = {
    ctx,
    operation: spec.kind === 'workflow' ? 'ListWorkflowTypes' : 'ListActivityTypes',
    query: JSON.stringify([domain, status, name ?? null, reverse]),
  } as const;
  const after = typeof input.nextPageToken === 'string' ? decodePageToken(paging, input.nextPageToken) : undefined;
  const where = ['kind = ?', 'domain = ?', 'status = ?'];
  const params: unknown[] = [spec.kind, domain, status];
  if (name !== undefined) {
    where.push('name = ?');
    params.push(name);
  }
  if (after) {
    where.push(`(name, version) ${reverse ? '<' : '>'} (?, ?)`);
    params.push(after[0], after[1]);
  }
  const order = reverse ? 'DESC' : 'ASC';
  const rows = prep(
    ctx.db,
    `SELECT * FROM registry_types WHERE ${where.join(' AND ')} ORDER BY name ${order}, version ${order} LIMIT ?`,
  ).all(...params, size + 1) as TypeRow[];
  const { page, nextPageToken } = cutPage(paging, rows, size, (r) => [r.name, r.version]);
  return {
    typeInfos: page.map((r) => typeInfo(spec, r)),
    ...(nextPageToken ? { nextPageToken } : {}),
  } as TypeKindWire[K]['infos'];
}
