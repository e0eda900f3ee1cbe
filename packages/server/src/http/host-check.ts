/**
 * The `Host` check, a guard against DNS rebinding: a web page on `evil.example` whose name is made
 * to resolve to 127.0.0.1 can send same-origin requests to the service, but the browser still
 * names `evil.example` in `Host`. Refusing names the service does not answer to stops it.
 *
 * - Bound to loopback (the default): only loopback names and addresses are answered:
 *   `localhost` (and `*.localhost`), `127.0.0.0/8`, `[::1]`, with or without a port.
 * - Bound to another interface: loopback names plus any IP address literal (a rebinding page can
 *   only use a name, never an address of its own choosing).
 * - In both cases the names in `allowedHosts` too; `'any'` turns the check off.
 *
 * A request without `Host` passes this check: only HTTP/1.0 may omit it (the listener refuses an
 * HTTP/1.1 one, `front-refusals.ts`), and browsers always send one.
 */
import { isIP } from 'node:net';

/**
 * Host names the service answers to besides the defaults: exact names (`swf.internal`), or
 * `.example.com` for that domain and every name under it; `'any'` answers every `Host`.
 */
export type AllowedHosts = readonly string[] | 'any';

/** Decides whether a request's `Host` header names this service. */
export interface HostCheck {
  /** `undefined` when `host` is accepted, else why it is not (for the fault message). */
  refuse(host: string | undefined): string | undefined;
}

/** The name part of a `Host` value, lower case, without port, brackets or a final dot. */
export function hostName(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[')) {
    const end = name.indexOf(']');
    name = end === -1 ? name.slice(1) : name.slice(1, end);
  } else {
    const colon = name.lastIndexOf(':');
    // One colon is a port; several (an unbracketed IPv6 address) are not.
    if (colon !== -1 && name.indexOf(':') === colon) name = name.slice(0, colon);
  }
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** Whether `name` (as {@link hostName} returns it) always means this machine. */
export function isLoopbackName(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return name === '::1' || name === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(name);
  return false;
}

function validEntry(entry: string): string {
  const name = entry.trim().toLowerCase();
  if (name === '' || /[\s/]/.test(name) || name.includes('*')) {
    throw new RangeError(
      `allowedHosts: '${entry}' is not a host name; write a name (swf.internal), a domain with a leading dot (.example.com) or 'any'`,
    );
  }
  return name.startsWith('[') ? hostName(name) : name;
}

/**
 * The check for a service bound to `bindHost`.
 *
 * @param bindHost - the interface the server listens on (`127.0.0.1`, `::1`, `0.0.0.0`, ...)
 * @param allowedHosts - names answered besides the defaults, or `'any'`
 */
export function createHostCheck(bindHost: string, allowedHosts: AllowedHosts = []): HostCheck {
  if (allowedHosts === 'any') return { refuse: () => undefined };
  const entries = allowedHosts.map(validEntry);
  const loopbackOnly = isLoopbackName(hostName(bindHost));
  const listed = (name: string): boolean =>
    entries.some((e) => (e.startsWith('.') ? name === e.slice(1) || name.endsWith(e) : name === e));
  const accepted = loopbackOnly ? 'localhost, 127.0.0.1 or [::1]' : 'localhost, 127.0.0.1, [::1] or an IP address';
  const extra = entries.length > 0 ? ` or ${entries.join(', ')}` : '';
  return {
    refuse(host) {
      if (host === undefined) return undefined;
      const name = hostName(host);
      if (isLoopbackName(name) || listed(name)) return undefined;
      if (!loopbackOnly && isIP(name) !== 0) return undefined;
      return (
        `Host '${host.slice(0, 256)}' is not a name this service answers to: listening on ${bindHost}, it answers requests addressed to ${accepted}${extra} ` +
        `(a guard against DNS rebinding, where a web page reaches a local service under its own name). ` +
        `To reach it under this name, start it with --allowed-hosts ${name.slice(0, 256)} (createServer option allowedHosts).`
      );
    },
  };
}
