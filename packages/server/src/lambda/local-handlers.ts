/**
 * Lambda functions from local handler modules: `<dir>/<name>.js` (or `.mjs`, `.cjs`, `.ts`,
 * `.mts`, `.cts`) exporting `handler(event, context)` as for Lambda's Node.js runtime. Each
 * invocation runs in a handler process of its own function (a child process, never the service's
 * own), so a handler that loops, blocks or exits cannot stop the service: when its task times out
 * the process is killed. A process that answered stays warm for the next invocation of the same
 * function, as a Lambda execution environment does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Logger } from '@swf-flow/common';
import { findTsxEsmApi } from '../tsx-api.js';
import { HANDLER_HOST, type HostInvoke, type HostReply } from './handler-host.js';
import {
  type LambdaInvocation,
  type LambdaInvoker,
  type LambdaOutcome,
  functionBaseName,
  functionNotFound,
} from './invoker.js';

const EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
/** Lambda's rule for function names (and what keeps a name inside the directory). */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Options of {@link LocalHandlers}. */
export interface LocalHandlersOptions {
  /** The directory of handler modules. */
  dir: string;
  /** Warm processes kept per function. @default 2 */
  maxIdlePerFunction?: number;
  /** Where handler output (stdout, stderr) goes, a line at a time. @default nowhere */
  logger?: Logger;
}

function failedWith(errorType: string, errorMessage: string, trace: string[] = []): LambdaOutcome {
  return { kind: 'failed', reason: 'Unhandled', details: JSON.stringify({ errorType, errorMessage, trace }) };
}

/** One handler process. */
class HandlerProcess {
  readonly child: ChildProcess;
  exited = false;
  private pending:
    ((reply: HostReply | { type: 'exit'; code: number | null; signal: NodeJS.Signals | null }) => void) | undefined;

  constructor(cwd: string, functionName: string, logger: Logger | undefined) {
    this.child = spawn(process.execPath, ['--input-type=module', '-e', HANDLER_HOST], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: process.env,
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let rest = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) logger?.info(`lambda ${functionName}: ${line}`);
      });
    }
    this.child.on('message', (reply: HostReply) => this.settle(reply));
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.settle({ type: 'exit', code, signal });
    });
    this.child.on('error', () => {
      this.exited = true;
      this.settle({ type: 'exit', code: null, signal: null });
    });
  }

  private settle(reply: Parameters<NonNullable<HandlerProcess['pending']>>[0]): void {
    const p = this.pending;
    this.pending = undefined;
    p?.(reply);
  }

  /** Sends one invocation and waits for its answer (or the process's end). */
  run(msg: HostInvoke): Promise<Parameters<NonNullable<HandlerProcess['pending']>>[0]> {
    return new Promise((done) => {
      this.pending = done;
      this.child.send(msg, (err) => {
        if (err) this.settle({ type: 'exit', code: null, signal: null });
      });
    });
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** A warm process waiting for work does not keep the service's process alive. */
  hold(busy: boolean): void {
    const channel = this.child.channel as { ref?: () => void; unref?: () => void } | undefined;
    if (busy) {
      this.child.ref();
      channel?.ref?.();
    } else {
      this.child.unref();
      channel?.unref?.();
    }
  }
}

/** Runs Lambda functions from handler modules in a directory, each in handler processes of its own. */
export class LocalHandlers implements LambdaInvoker {
  private readonly dir: string;
  private readonly maxIdle: number;
  private readonly idle = new Map<string, HandlerProcess[]>();
  private readonly busy = new Set<HandlerProcess>();
  private closed = false;

  constructor(private readonly options: LocalHandlersOptions) {
    this.dir = resolve(options.dir);
    this.maxIdle = options.maxIdlePerFunction ?? 2;
    if (!existsSync(this.dir) || !statSync(this.dir).isDirectory()) {
      throw new Error(
        `Lambda handlers: ${options.dir} is not a directory; pass the directory that holds <function>.js or <function>.ts handler modules`,
      );
    }
  }

  /** The handler module of a function, if the directory has one. */
  findHandler(functionName: string): string | undefined {
    const base = functionBaseName(functionName);
    if (!FUNCTION_NAME.test(base)) return undefined;
    for (const ext of EXTENSIONS) {
      const file = join(this.dir, base + ext);
      if (existsSync(file)) return file;
    }
    return undefined;
  }

  async invoke(inv: LambdaInvocation): Promise<LambdaOutcome> {
    const file = this.findHandler(inv.functionName);
    if (!file)
      return functionNotFound(
        inv.functionName,
        `no ${functionBaseName(inv.functionName)}.js or .ts handler module in ${this.dir}`,
      );
    const tsx = /\.[mc]?ts$/.test(file) ? this.findTsx() : undefined;
    if (/\.[mc]?ts$/.test(file) && tsx === undefined && !(process.features as { typescript?: unknown }).typescript) {
      return failedWith(
        'Runtime.ImportModuleError',
        `cannot load ${file}: a TypeScript handler needs tsx installed where the handlers are (npm install -D tsx) or Node.js 23.6+; or compile it to .js`,
      );
    }
    if (this.closed || inv.signal.aborted)
      return failedWith('Runtime.Cancelled', 'the invocation was stopped before it started');
    const proc = this.take(file, functionBaseName(inv.functionName));
    this.busy.add(proc);
    const onAbort = (): void => proc.kill();
    inv.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const reply = await proc.run({
        type: 'invoke',
        file,
        ...(tsx ? { tsx } : {}),
        event: inv.payload,
        functionName: functionBaseName(inv.functionName),
        requestId: inv.requestId,
        timeoutMs: inv.timeoutMs,
      });
      if (reply.type === 'result') return { kind: 'completed', payload: reply.payload };
      if (reply.type === 'error') return failedWith(reply.errorType, reply.errorMessage, reply.trace);
      const how = reply.signal ? `signal ${reply.signal}` : `exit status ${String(reply.code)}`;
      return failedWith('Runtime.ExitError', `RequestId: ${inv.requestId} Error: Runtime exited with error: ${how}`);
    } finally {
      inv.signal.removeEventListener('abort', onAbort);
      this.busy.delete(proc);
      this.release(file, proc);
    }
  }

  /** Kills every handler process. */
  close(): void {
    this.closed = true;
    for (const procs of this.idle.values()) for (const p of procs) p.kill();
    this.idle.clear();
    for (const p of this.busy) p.kill();
    this.busy.clear();
  }

  /** How many handler processes are alive (for tests). */
  processCount(): number {
    let n = this.busy.size;
    for (const procs of this.idle.values()) n += procs.filter((p) => !p.exited).length;
    return n;
  }

  private take(file: string, functionName: string): HandlerProcess {
    const procs = this.idle.get(file) ?? [];
    for (let p = procs.pop(); p; p = procs.pop()) {
      if (!p.exited) {
        p.hold(true);
        return p;
      }
    }
    return new HandlerProcess(this.dir, functionName, this.options.logger);
  }

  private release(file: string, proc: HandlerProcess): void {
    if (proc.exited) return;
    const procs = this.idle.get(file) ?? [];
    if (this.closed || procs.length >= this.maxIdle) {
      proc.kill();
      return;
    }
    proc.hold(false);
    procs.push(proc);
    this.idle.set(file, procs);
  }

  /** tsx's ESM API where the handlers are, else where the service runs: a `.ts` handler module is imported through it. */
  private findTsx(): string | undefined {
    return findTsxEsmApi([join(this.dir, 'index.js'), join(process.cwd(), 'index.js')]);
  }
}
