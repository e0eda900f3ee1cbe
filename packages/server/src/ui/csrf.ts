/**
 * Cross-site request protection for the web UI's actions. A request is accepted only when all hold:
 * it carries the server's secret token (each page's forms hold it; another site cannot read it),
 * the browser does not call it cross-site (`Sec-Fetch-Site`, `Origin`), and, on a loopback server,
 * the `Host` is a loopback name (so a DNS-rebinding page is refused too).
 */
import { timingSafeEqual } from 'node:crypto';

/** The request headers the check reads (lower-case names, as Node gives them). */
export type RequestHeaders = Record<string, string | string[] | undefined>;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

function header(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function splitHost(host: string): { name: string; port: string } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  return { name: (m?.[1] ?? host).toLowerCase(), port: m?.[2] ?? '80' };
}

/**
 * Why the action request must be refused, or `undefined` when it may go ahead.
 * `serverUrl` is the server's own URL; `token` the request's form token; `expected` the server's.
 */
export function csrfProblem(
  headers: RequestHeaders,
  serverUrl: string,
  token: string | null,
  expected: string,
): string | undefined {
  const site = header(headers, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return `The browser says this request comes from another site (Sec-Fetch-Site: ${site}); actions are taken only from this server's own pages.`;
  const own = new URL(serverUrl);
  const host = header(headers, 'host') ?? '';
  const origin = header(headers, 'origin');
  if (origin !== undefined && origin !== 'null') {
    let originHost = '';
    try {
      originHost = new URL(origin).host;
    } catch {
      return `The request's Origin (${origin}) is not a URL.`;
    }
    if (originHost !== host)
      return `The request comes from ${origin}, not from this server's pages; actions are taken only from this server's own pages.`;
  } else if (origin === 'null') {
    return "The request comes from an opaque origin; actions are taken only from this server's own pages.";
  }
  if (LOOPBACK.test(own.hostname)) {
    const { name, port } = splitHost(host);
    if (!LOOPBACK.test(name) || port !== own.port)
      return `The request names host ${host || '(none)'}; this server answers actions only at ${own.host} (or localhost:${own.port}).`;
  }
  const a = Buffer.from(token ?? '');
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    return 'The form token is missing or stale: reload the page and try again.';
  return undefined;
}
