/** Domain tags: TagResource, UntagResource, ListTagsForResource (domains are the only taggable resource). */
import { SwfFault, unknownResource } from '../faults.js';
import { type RegistryContext, domainArn } from './context.js';
import { checkTagText } from './rules.js';
import { prep } from '../engine/statements.js';

import type {
  ListTagsForResourceInput,
  ListTagsForResourceOutput,
  ResourceTag,
  TagResourceInput,
  UntagResourceInput,
} from '../model/wire-types.js';

/**
 * The domain an ARN names, or `UnknownResourceFault` if it names nothing here: the ARN must be one
 * DescribeDomain gives (`arn:aws:swf:<region>:<account>:/domain/<name>`, this service's region and
 * account); the same name in another region, account or partition is another resource.
 */
export function domainFromArn(ctx: RegistryContext, arn: string): string {
  const prefix = domainArn(ctx, '');
  const name = arn.startsWith(prefix) ? arn.slice(prefix.length) : '';
  const exists = name !== '' && prep(ctx.db, 'SELECT 1 FROM registry_domains WHERE name = ?').get(name) !== undefined;
  if (!exists) throw unknownResource(`Unknown resource: ${arn}`);
  return name;
}

/**
 * Adds or overwrites tags on a domain (inside the caller's transaction): `TooManyTagsFault` if the
 * domain would carry more than the limit.
 */
export function addTags(ctx: RegistryContext, domain: string, tags: readonly ResourceTag[]): void {
  for (const tag of tags) {
    checkTagText('key', tag.key);
    checkTagText('value', tag.value ?? '');
  }
  const existing = new Set(
    (prep(ctx.db, 'SELECT key FROM registry_domain_tags WHERE domain = ?').all(domain) as { key: string }[]).map(
      (r) => r.key,
    ),
  );
  for (const tag of tags) existing.add(tag.key);
  if (existing.size > ctx.limits.tagsPerDomain) {
    throw new SwfFault(
      'TooManyTagsFault',
      `A domain can carry at most ${ctx.limits.tagsPerDomain} tags; this request would leave ${existing.size}.`,
    );
  }
  const upsert = prep(
    ctx.db,
    'INSERT INTO registry_domain_tags (domain, key, value) VALUES (?, ?, ?) ON CONFLICT (domain, key) DO UPDATE SET value = excluded.value',
  );
  for (const tag of tags) upsert.run(domain, tag.key, tag.value ?? '');
}

/** TagResource. */
export function tagResource(ctx: RegistryContext, input: TagResourceInput): void {
  ctx.db.transaction(() => addTags(ctx, domainFromArn(ctx, input.resourceArn), input.tags)).immediate();
}

/** UntagResource: removing a key that is not there is not an error. */
export function untagResource(ctx: RegistryContext, input: UntagResourceInput): void {
  ctx.db
    .transaction(() => {
      const domain = domainFromArn(ctx, input.resourceArn);
      const remove = prep(ctx.db, 'DELETE FROM registry_domain_tags WHERE domain = ? AND key = ?');
      for (const key of input.tagKeys) remove.run(domain, key);
    })
    .immediate();
}

/** ListTagsForResource: tags by key. */
export function listTagsForResource(ctx: RegistryContext, input: ListTagsForResourceInput): ListTagsForResourceOutput {
  const domain = domainFromArn(ctx, input.resourceArn);
  const rows = prep(ctx.db, 'SELECT key, value FROM registry_domain_tags WHERE domain = ? ORDER BY key').all(
    domain,
  ) as {
    key: string;
    value: string;
  }[];
  return { tags: rows.map((r) => ({ key: r.key, value: r.value })) };
}
