/**
 * The type and shape of every `createServer` option, checked before anything starts (and so, for
 * `startServerThread`, on the calling thread): an option that does not exist, or a value of the
 * wrong type or out of range, is refused naming the option, what it takes and what it got. Without
 * this, some were taken silently with odd effects (a `maxBodyBytes` of -1 refused every request;
 * `readOnly: 'yes'` left the UI's actions on; `auth` given as one string refused every request),
 * and others failed deep inside with a `TypeError` that named no option. Ranges that need more than
 * a type (timeouts, the port, durability) are checked where the option is used, with the same kind
 * of message.
 */
import { shownValue } from '@swf-flow/common';
import type { CreateServerOptions } from './create-server.js';

/** Every option `createServer` takes (its own and the service's). */
const KNOWN: ReadonlySet<string> = new Set([
  'dataDir',
  'durability',
  'clock',
  'pollTimeoutMs',
  'retentionCheckIntervalMs',
  'region',
  'accountId',
  'logger',
  'lambdas',
  'port',
  'host',
  'allowedHosts',
  'auth',
  'maxBodyBytes',
  'headersTimeoutMs',
  'requestTimeoutMs',
  'keepAliveTimeoutMs',
  'readOnly',
]);

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

function checkAuth(auth: unknown): void {
  if (!Array.isArray(auth))
    throw new TypeError(
      `auth must be an array of access keys, [{ accessKeyId, secretAccessKey }]; got ${shownValue(auth)} (parseAccessKey from '@swf-flow/server/embedding' reads 'KEY:SECRET')`,
    );
  auth.forEach((key: unknown, i) => {
    const k = key as { accessKeyId?: unknown; secretAccessKey?: unknown } | null;
    if (typeof k !== 'object' || k === null)
      throw new TypeError(`auth[${i}] must be { accessKeyId, secretAccessKey }; got ${shownValue(key)}`);
    if (!nonEmptyString(k.accessKeyId))
      throw new TypeError(`auth[${i}].accessKeyId must be a non-empty string; got ${shownValue(k.accessKeyId)}`);
    if (!nonEmptyString(k.secretAccessKey))
      throw new TypeError(
        `auth[${i}].secretAccessKey must be a non-empty string; got ${shownValue(k.secretAccessKey)}`,
      );
  });
}

function checkLambdas(lambdas: unknown): void {
  if (typeof lambdas !== 'object' || lambdas === null)
    throw new TypeError(
      `lambdas must be { handlers: './lambdas' }, { endpoint: 'http://127.0.0.1:3001' } or an invoker; got ${shownValue(lambdas)}`,
    );
  const l = lambdas as { handlers?: unknown; endpoint?: unknown; invoke?: unknown };
  if (typeof l.invoke === 'function') return;
  if ('handlers' in l && !nonEmptyString(l.handlers))
    throw new TypeError(`lambdas.handlers must be the path of a directory; got ${shownValue(l.handlers)}`);
  if ('endpoint' in l && !nonEmptyString(l.endpoint))
    throw new TypeError(
      `lambdas.endpoint must be a URL such as 'http://127.0.0.1:3001'; got ${shownValue(l.endpoint)}`,
    );
}

/**
 * Checks the types and shapes of `options` (see the module comment).
 * @throws TypeError or RangeError naming the option, what it takes and what it got.
 */
export function checkServerOptions(options: CreateServerOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`createServer options must be an object; got ${shownValue(options)}`);
  const unknown = Object.keys(options).filter(
    (k) => !KNOWN.has(k) && (options as Record<string, unknown>)[k] !== undefined,
  );
  if (unknown.length > 0)
    throw new TypeError(
      `unknown createServer option(s): ${unknown.join(', ')}; known options are ${[...KNOWN].join(', ')}`,
    );
  const o = options as Record<string, unknown>;
  if (o.port !== undefined && !(Number.isInteger(o.port) && (o.port as number) >= 0 && (o.port as number) <= 65535))
    throw new RangeError(`port must be an integer from 0 to 65535; got ${shownValue(o.port)}`);
  if (o.host !== undefined && !nonEmptyString(o.host))
    throw new TypeError(
      `host must be an interface to bind, such as '127.0.0.1' or '0.0.0.0'; got ${shownValue(o.host)}`,
    );
  if (o.maxBodyBytes !== undefined && !(Number.isSafeInteger(o.maxBodyBytes) && (o.maxBodyBytes as number) >= 1))
    throw new RangeError(`maxBodyBytes must be a whole number of bytes from 1; got ${shownValue(o.maxBodyBytes)}`);
  if (o.auth !== undefined) checkAuth(o.auth);
  if (o.allowedHosts !== undefined && o.allowedHosts !== 'any') {
    if (!Array.isArray(o.allowedHosts) || !o.allowedHosts.every((h) => typeof h === 'string'))
      throw new TypeError(`allowedHosts must be 'any' or an array of host names; got ${shownValue(o.allowedHosts)}`);
  }
  if (o.readOnly !== undefined && typeof o.readOnly !== 'boolean')
    throw new TypeError(`readOnly must be true or false; got ${shownValue(o.readOnly)}`);
  if (o.dataDir !== undefined && !nonEmptyString(o.dataDir))
    throw new TypeError(`dataDir must be a directory path or ':memory:'; got ${shownValue(o.dataDir)}`);
  for (const name of ['region', 'accountId'] as const)
    if (o[name] !== undefined && !nonEmptyString(o[name]))
      throw new TypeError(`${name} must be a non-empty string (it goes into domain ARNs); got ${shownValue(o[name])}`);
  if (o.logger !== undefined) {
    const logger = o.logger as Record<string, unknown> | null;
    const missing = ['debug', 'info', 'warn', 'error'].filter((m) => typeof logger?.[m] !== 'function');
    if (missing.length > 0)
      throw new TypeError(`logger must have debug, info, warn and error methods; ${missing.join(', ')} missing`);
  }
  if (o.clock !== undefined) {
    const clock = o.clock as { now?: unknown; schedule?: unknown } | null;
    if (typeof clock?.now !== 'function' || typeof clock.schedule !== 'function')
      throw new TypeError(
        `clock must be a Clock (systemClock, or a ManualClock to skip time in tests); got ${shownValue(o.clock)}`,
      );
  }
  if (o.lambdas !== undefined) checkLambdas(o.lambdas);
}
