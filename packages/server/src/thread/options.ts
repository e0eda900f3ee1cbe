/**
 * The options of `startServerThread` as they cross to the service's thread: checked on the calling
 * thread with `createServer`'s own checks, and refused with a clear error when they hold what cannot
 * be copied to another thread (a clock, a Lambda invoker, functions).
 */
import { ValidationError, isLevelEnabled, type Logger, type LogLevel } from '@swf-flow/common';
import type { CreateServerOptions } from '../create-server.js';
import { compileFrontOptions } from '../front-options.js';
import { systemClock } from '../clock.js';
import type { CloneableServerOptions, ServerThreadData } from './protocol.js';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Why a value cannot be copied to another thread, or `undefined` when it can. */
function uncopiable(value: unknown): string | undefined {
  try {
    structuredClone(value);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * The thread's start data for `options`, and the logger its lines go to (when one was given).
 * @throws ValidationError for options that cannot cross to a thread (saying what to do instead), and
 *   the errors `createServer` throws for bad front options (port, host, timeouts, access keys).
 */
export function serverThreadData(options: CreateServerOptions): { data: ServerThreadData; logger?: Logger } {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`startServerThread: options must be an object; got ${String(options)}`);
  const { clock, logger, lambdas, ...rest } = options;
  if (clock !== undefined && clock !== systemClock) {
    throw new ValidationError(
      'startServerThread: a clock cannot cross to the service thread (its schedule and its advance() live in ' +
        'this one); run the service on this thread with createServer({ clock }) — or startLocalService({ clock }), ' +
        'which does so — or leave the clock out for real time',
    );
  }
  if (lambdas !== undefined && typeof (lambdas as { invoke?: unknown }).invoke === 'function') {
    throw new ValidationError(
      'startServerThread: a Lambda invoker of your own cannot cross to the service thread; pass ' +
        "{ handlers: './lambdas' } or { endpoint: 'http://127.0.0.1:3001' }, or run the service on this thread " +
        'with createServer({ lambdas })',
    );
  }
  compileFrontOptions(options);
  const crossing: CloneableServerOptions = {
    ...rest,
    ...(lambdas === undefined ? {} : { lambdas: lambdas as CloneableServerOptions['lambdas'] }),
  };
  for (const [name, value] of Object.entries(crossing)) {
    const why = uncopiable(value);
    if (why !== undefined) {
      throw new ValidationError(
        `startServerThread: option ${name} cannot be copied to the service thread (${why}); give it as plain ` +
          'data (strings, numbers, arrays, objects), or run the service on this thread with createServer',
      );
    }
  }
  if (logger === undefined) return { data: { options: crossing } };
  const forwardLogs = Object.fromEntries(LEVELS.map((level) => [level, isLevelEnabled(logger, level)])) as Record<
    LogLevel,
    boolean
  >;
  return { data: { options: crossing, forwardLogs }, logger };
}
