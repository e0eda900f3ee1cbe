/**
 * What the calling thread and the service's thread (`main.ts`) say to each other, and how an error
 * crosses between them: `postMessage` keeps an error's message but not its class or its fields
 * (`code`, a data directory's holder), so errors travel as {@link ErrorData} and are rebuilt with
 * their class, message and fields on the other side.
 */
import type { LogLevel } from '@swf-flow/common';
import type { CreateServerOptions } from '../create-server.js';
import { DataDirectoryInUseError, type LockHolder } from '../storage/data-dir-lock.js';
import { NativeModuleError } from '../storage/sqlite.js';
import { DataDirectoryError } from '../storage/private-files.js';

/** The options that cross to the thread: `createServer`'s, less what cannot be copied to another thread. */
export type CloneableServerOptions = Omit<CreateServerOptions, 'clock' | 'logger' | 'lambdas'> & {
  lambdas?: { handlers: string } | { endpoint: string; client?: Record<string, unknown> };
};

/** What the thread is started with (`workerData`). */
export interface ServerThreadData {
  options: CloneableServerOptions;
  /** The log levels the caller's logger writes, when its lines are forwarded to it; else the thread logs to the console. */
  forwardLogs?: Record<LogLevel, boolean>;
}

/** An error as it crosses between threads. */
export interface ErrorData {
  /**
   * `Error`, `RangeError`, `TypeError`, `DataDirectoryInUseError`, `DataDirectoryError` or
   * `NativeModuleError` (rebuilt as such); others arrive as `Error`.
   */
  kind: 'Error' | 'RangeError' | 'TypeError' | 'DataDirectoryInUseError' | 'DataDirectoryError' | 'NativeModuleError';
  name: string;
  message: string;
  stack?: string;
  /** Node's system error fields (`EADDRINUSE`, ...). */
  code?: string;
  errno?: number;
  syscall?: string;
  address?: string;
  port?: number;
  /** A `DataDirectoryInUseError`'s or `DataDirectoryError`'s fields. */
  dataDir?: string;
  holder?: LockHolder;
  problem?: string;
}

/** A message from the calling thread to the service's thread. */
export type ToServerThread = { type: 'close' } | { type: 'waiting-polls'; id: number };

/** A message from the service's thread to the calling thread. */
export type FromServerThread =
  | { type: 'listening'; url: string; port: number }
  | { type: 'failed'; error: ErrorData }
  | { type: 'log'; level: LogLevel; message: string; meta?: Record<string, unknown> }
  | { type: 'waiting-polls'; id: number; count: number }
  | { type: 'closed'; error?: ErrorData };

const SYSTEM_FIELDS = ['code', 'errno', 'syscall', 'address', 'port'] as const;

/** `err` in a form that crosses threads intact. */
export function errorData(err: unknown): ErrorData {
  if (!(err instanceof Error)) return { kind: 'Error', name: 'Error', message: String(err) };
  const kind: ErrorData['kind'] =
    err instanceof DataDirectoryInUseError
      ? 'DataDirectoryInUseError'
      : err instanceof DataDirectoryError
        ? 'DataDirectoryError'
        : err instanceof NativeModuleError
          ? 'NativeModuleError'
          : err instanceof RangeError
            ? 'RangeError'
            : err instanceof TypeError
              ? 'TypeError'
              : 'Error';
  const data: ErrorData = { kind, name: err.name, message: err.message };
  if (typeof err.stack === 'string') data.stack = err.stack;
  const fields = err as Error & Partial<Record<(typeof SYSTEM_FIELDS)[number], never>>;
  for (const key of SYSTEM_FIELDS) {
    const value: unknown = fields[key];
    if (typeof value === 'string' || typeof value === 'number') Object.assign(data, { [key]: value });
  }
  if (err instanceof DataDirectoryInUseError) {
    data.dataDir = err.dataDir;
    if (err.holder) data.holder = err.holder;
  }
  if (err instanceof DataDirectoryError) Object.assign(data, { dataDir: err.dataDir, problem: err.problem });
  return data;
}

/** The error `data` describes, with its class, message and fields; its stack is the thread's. */
export function errorFromData(data: ErrorData): Error {
  let err: Error;
  if (data.kind === 'DataDirectoryInUseError') err = new DataDirectoryInUseError(data.dataDir ?? '', data.holder);
  else if (data.kind === 'DataDirectoryError') err = new DataDirectoryError(data.dataDir ?? '', data.problem ?? '');
  else if (data.kind === 'NativeModuleError') err = new NativeModuleError(data.message);
  else if (data.kind === 'RangeError') err = new RangeError(data.message);
  else if (data.kind === 'TypeError') err = new TypeError(data.message);
  else err = new Error(data.message);
  if (err.name !== data.name && data.kind === 'Error') err.name = data.name;
  for (const key of SYSTEM_FIELDS) if (data[key] !== undefined) Object.assign(err, { [key]: data[key] });
  if (data.stack) err.stack = data.stack;
  return err;
}
