/** Where swf-flow writes what it does; pass your own to workers (pino, winston and console fit). */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

function write(level: 'debug' | 'info' | 'warn' | 'error', message: string, meta?: Record<string, unknown>): void {
  const line = meta && Object.keys(meta).length > 0 ? `${message} ${JSON.stringify(meta)}` : message;
  console[level](`[swf-flow] ${level}: ${line}`);
}

/** A {@link Logger} that writes to the console; `debug` lines only when `SWF_FLOW_DEBUG` is set. */
export const consoleLogger: Logger = {
  debug: (m, meta) => {
    if (typeof process !== 'undefined' && process.env?.SWF_FLOW_DEBUG) write('debug', m, meta);
  },
  info: (m, meta) => write('info', m, meta),
  warn: (m, meta) => write('warn', m, meta),
  error: (m, meta) => write('error', m, meta),
};

/** A {@link Logger} that drops everything. */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
