/** What every web UI page is given, and the helpers they share for calling the SWF API. */
import type { SwfOperationName } from '../model/wire-types.js';
import type { OperationOutput } from '../operation.js';
import type { SwfService } from '../service.js';
import { type Html, html } from './html.js';
import { withQuery } from './links.js';

/** One UI request: the service (read only through `handle`) and what the page needs to know. */
export interface UiContext {
  /** The service; pages call only `service.handle(...)`, so they show what the SWF API shows. */
  service: SwfService;
  /** The server's URL (e.g. `http://127.0.0.1:8787`). */
  url: string;
  /** When the HTTP server started (epoch ms), for the status. */
  startedAt: number;
  /** The request path as received (still percent-encoded), for links back to this page. */
  path: string;
  /** The request's query parameters. */
  query: URLSearchParams;
  /** `?refresh=N` when N is a whole number of seconds from 1 to 3600; otherwise absent. */
  refreshSeconds?: number;
  /** The server refuses actions (signal, cancel, terminate, start): pages show no action forms. */
  readOnly: boolean;
  /** The token every action form carries (see `csrf.ts`). */
  csrfToken: string;
}

/** The output of operation `K` as the UI reads it (the operations it calls all have one). */
export type UiOutput<K extends SwfOperationName> = Exclude<OperationOutput<K>, void | Record<string, never>>;

/** The items of a list member of an output. */
type ItemOf<T> = T extends readonly (infer I)[] ? I : never;

/**
 * Calls one SWF operation in-process and returns its output, typed by the model. The input comes
 * from the page's query and is validated by the service like any request's.
 */
export async function call<K extends SwfOperationName>(
  ctx: UiContext,
  operation: K,
  input: Record<string, unknown>,
): Promise<UiOutput<K>> {
  return (await ctx.service.handle(operation, input)) as UiOutput<K>;
}

/** Calls a paged list operation until it has no `nextPageToken`; returns every item of `key`. */
export async function allPages<K extends SwfOperationName, Key extends keyof UiOutput<K>>(
  ctx: UiContext,
  operation: K,
  input: Record<string, unknown>,
  key: Key,
): Promise<Array<ItemOf<UiOutput<K>[Key]>>> {
  const items: Array<ItemOf<UiOutput<K>[Key]>> = [];
  let nextPageToken: string | undefined;
  do {
    const page = (await call(ctx, operation, {
      ...input,
      maximumPageSize: 1000,
      ...(nextPageToken ? { nextPageToken } : {}),
    })) as Record<string, unknown>;
    items.push(...((page[key as string] as Array<ItemOf<UiOutput<K>[Key]>> | undefined) ?? []));
    nextPageToken = typeof page.nextPageToken === 'string' ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return items;
}

/** A query parameter whose value is not one the parameter takes: the page answers 400 with the message. */
export class BadQuery extends Error {
  override readonly name = 'BadQuery';
}

/**
 * Reads `?name=` as a whole number from `min` to `max`; `undefined` when it is absent.
 * @throws BadQuery naming the parameter, what it takes, and the value given.
 */
export function wholeParam(
  query: URLSearchParams,
  name: string,
  min: number,
  max: number,
  what: string,
): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  const n = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  throw new BadQuery(
    `?${name}= is ${what}, a whole number from ${min} to ${max}; got '${text.slice(0, 64)}'. Leave it out for the default.`,
  );
}

/** Reads `?refresh=N` (whole seconds, 1 to 3600); absent means no refresh. @throws BadQuery for any other value. */
export function parseRefresh(query: URLSearchParams): number | undefined {
  return wholeParam(query, 'refresh', 1, 3600, 'how often the page reloads, in seconds');
}

/** A link that turns auto-refresh on (every 2 s) or off for the current page. */
export function refreshToggle(ctx: UiContext): Html {
  const others = Object.fromEntries([...ctx.query.entries()].filter(([k]) => k !== 'refresh'));
  return ctx.refreshSeconds
    ? html`<p class="muted">Refreshing every ${ctx.refreshSeconds} s · <a href="${withQuery(ctx.path, others)}">stop</a></p>`
    : html`<p class="muted"><a href="${withQuery(ctx.path, { ...others, refresh: 2 })}">auto-refresh every 2 s</a></p>`;
}
