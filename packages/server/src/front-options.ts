/**
 * The HTTP front's options of `createServer`, checked and defaulted in one place, so that a server
 * started on a thread of its own (`startServerThread`) refuses bad values on the calling thread with
 * the same errors.
 */
import { type HostCheck, createHostCheck } from './http/host-check.js';
import { SigV4Verifier } from './http/sigv4.js';
import type { CreateServerOptions } from './create-server.js';
import { checkServerOptions } from './server-options-check.js';

/** The front's options, checked and defaulted. */
export interface FrontOptions {
  port: number;
  host: string;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  hostCheck: HostCheck;
  verifier: SigV4Verifier | undefined;
}

function positiveMs(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${name} must be a positive number of milliseconds; got ${value}`);
  if (value > 2_147_483_647)
    throw new RangeError(
      `${name} must be at most 2147483647 ms (about 24.8 days, the longest a Node.js timer waits); got ${value}`,
    );
  return value;
}

/**
 * Checks every option's type and shape (`server-options-check.ts`), then checks and defaults the
 * options of the HTTP front (port, host, allowed hosts, access keys, timeouts).
 * @throws RangeError or TypeError naming the option that is wrong and what it must be.
 */
export function compileFrontOptions(options: CreateServerOptions): FrontOptions {
  checkServerOptions(options);
  const port = options.port ?? 8787;
  const host = options.host ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RangeError(`port must be an integer from 0 to 65535; got ${port}`);
  const headersTimeoutMs = positiveMs('headersTimeoutMs', options.headersTimeoutMs, 10_000);
  const requestTimeoutMs = positiveMs('requestTimeoutMs', options.requestTimeoutMs, 30_000);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new RangeError(
      `headersTimeoutMs (${headersTimeoutMs}) must not be longer than requestTimeoutMs (${requestTimeoutMs})`,
    );
  }
  const keepAliveTimeoutMs = positiveMs('keepAliveTimeoutMs', options.keepAliveTimeoutMs, 65_000);
  const hostCheck = createHostCheck(host, options.allowedHosts);
  const verifier = options.auth ? new SigV4Verifier(options.auth) : undefined;
  return { port, host, headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, hostCheck, verifier };
}
