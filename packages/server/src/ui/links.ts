/**
 * The web UI's URLs, built in one place. Every path segment is `encodeURIComponent`-encoded (run ids
 * contain `/` and `+`); the router splits on `/` and decodes each segment on the way in.
 */

/** The path of a domain's page. */
export function domainHref(domain: string): string {
  return `/ui/domains/${encodeURIComponent(domain)}`;
}

/** The path of one run's page. */
export function executionHref(domain: string, workflowId: string, runId: string): string {
  return `${domainHref(domain)}/executions/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}`;
}

/** `path` with a query string built from the defined values of `query` (none: just `path`). */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
