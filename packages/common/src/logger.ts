/** The levels of a {@link Logger}, least severe first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where swf-flow writes what it does; pass your own to workers (pino, winston and console fit). */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
  /**
   * Whether a line of `level` would be written now (pino's and winston's loggers have this
   * method). swf-flow asks it before building what a frequent line carries (the worker logs one
   * debug line per decision task) and skips the line when it says `false`; without it every line
   * is built and passed on, as before.
   */
  isLevelEnabled?(level: LogLevel): boolean;
}

/**
 * Whether `logger` would write a line of `level`: its `isLevelEnabled` when it has one, else true.
 *
 * @example
 * ```ts
 * if (isLevelEnabled(logger, 'debug')) logger.debug('decision task answered', { decisions: decisions.map(describe) });
 * ```
 */
export function isLevelEnabled(logger: Logger, level: LogLevel): boolean {
  return typeof logger.isLevelEnabled === 'function' ? logger.isLevelEnabled(level) !== false : true;
}

function write(level: LogLevel, message: string, meta?: Record<string, unknown>): void {
  const line = meta && Object.keys(meta).length > 0 ? `${message} ${JSON.stringify(meta)}` : message;
  console[level](`[swf-flow] ${level}: ${line}`);
}

/** Whether `SWF_FLOW_DEBUG` is set (read on every call: a process may set it while it runs). */
function debugOn(): boolean {
  return typeof process !== 'undefined' && Boolean(process.env?.SWF_FLOW_DEBUG);
}

/**
 * Adds `isLevelEnabled` to one of this module's loggers as a property that is not enumerable: a
 * logger spread from it (`{ ...consoleLogger, debug: mine }`) does not inherit an answer about
 * levels that its own methods may not keep.
 */
function withLevelCheck(logger: Logger, isEnabled: (level: LogLevel) => boolean): Logger {
  return Object.defineProperty(logger, 'isLevelEnabled', { value: isEnabled, enumerable: false });
}

/** A {@link Logger} that writes to the console; `debug` lines only when `SWF_FLOW_DEBUG` is set. */
export const consoleLogger: Logger = withLevelCheck(
  {
    debug: (m, meta) => {
      if (debugOn()) write('debug', m, meta);
    },
    info: (m, meta) => write('info', m, meta),
    warn: (m, meta) => write('warn', m, meta),
    error: (m, meta) => write('error', m, meta),
  },
  (level) => level !== 'debug' || debugOn(),
);

/** A {@link Logger} that drops everything. */
export const silentLogger: Logger = withLevelCheck(
  { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  () => false,
);
