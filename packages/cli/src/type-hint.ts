/**
 * What `swf-flow start` adds when SWF does not know the workflow type it was given: the registered
 * types of the domain nearest to it, read with `ListWorkflowTypes` through the client (the same
 * SDK client, the same credentials; up to 1,000 types). Nothing is added when the types cannot be
 * listed (another cause: an unknown domain, no permission): the fault is then explained as any
 * other.
 */
import type { WorkflowClient } from '@swf-flow/client';
import { closest } from '@swf-flow/common';

/** How many registered types are read at most (one page). */
const MAX_READ = 1000;

/** How many registered types the hint names when none is near. */
const SHOWN = 8;

/**
 * The sentence to add to an `UnknownResourceFault` of a start of `type`: the registered type meant
 * (another version of the same name, or the nearest name), else the registered ones; `undefined`
 * when the types cannot be listed.
 */
export async function unknownTypeHint(
  client: Pick<WorkflowClient, 'workflowTypes' | 'domain'>,
  type: { name: string; version: string },
): Promise<string | undefined> {
  const names: string[] = [];
  try {
    for await (const t of client.workflowTypes()) {
      names.push(`${t.name}@${t.version}`);
      if (names.length >= MAX_READ) break;
    }
  } catch {
    return undefined;
  }
  const asked = `${type.name}@${type.version}`;
  if (names.length === 0)
    return `no workflow type is registered in domain ${client.domain} yet: start the worker that serves ${asked} first (it registers its types), or check --domain`;
  const sameName = names.filter((n) => n.slice(0, n.lastIndexOf('@')) === type.name);
  const near =
    sameName.length > 0
      ? sameName
      : [closest(asked, names) ?? closestName(type.name, names)].filter((n) => n !== undefined);
  if (near.length > 0)
    return `${asked} is not registered in domain ${client.domain}; did you mean ${near.slice(0, 3).join(' or ')}? (--type NAME@VERSION)`;
  const shown = names.slice(0, SHOWN).join(', ') + (names.length > SHOWN ? `, and ${names.length - SHOWN} more` : '');
  return `${asked} is not registered in domain ${client.domain}; its registered workflow types: ${shown}`;
}

/** The registered `name@version` whose name is nearest to `name`. */
function closestName(name: string, names: string[]): string | undefined {
  const byName = new Map(names.map((n) => [n.slice(0, n.lastIndexOf('@')), n]));
  const match = closest(name, byName.keys());
  return match === undefined ? undefined : byName.get(match);
}
