// Shared helpers of the worker's integration tests: a real local SWF server over HTTP, an SDK
// client that counts what the decider reads, a logger that records, and bounded waits.
import { SWFClient } from '@aws-sdk/client-swf';
import { resolveSwfClient, type Logger } from '@swf-flow/common';
import { createServer, type LocalSwfServer } from '@swf-flow/server';

export interface ReadCounts {
  /** Events returned by PollForDecisionTask responses. */
  polledEvents: number[];
  /** GetWorkflowExecutionHistory calls and the events they returned. */
  historyCalls: number;
  historyEvents: number;
}

/** Starts a local server on a free port (in memory). */
export function startServer(): Promise<LocalSwfServer> {
  return createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 20_000 });
}

/**
 * An SDK client for `server` over HTTP, counting the history the decider reads. Built as a worker
 * builds one from a configuration (`resolveSwfClient`), so it has the HTTP handler a worker has by
 * default, with which a shutdown half-closes its long polls instead of cutting them.
 */
export function countingClient(server: LocalSwfServer): { swf: SWFClient; counts: ReadCounts } {
  const swf = resolveSwfClient(SWFClient, {
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const counts: ReadCounts = { polledEvents: [], historyCalls: 0, historyEvents: 0 };
  swf.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const output = result.output as { events?: unknown[]; taskToken?: string };
      if (context.commandName === 'PollForDecisionTaskCommand' && output.taskToken)
        counts.polledEvents.push(output.events?.length ?? 0);
      if (context.commandName === 'GetWorkflowExecutionHistoryCommand') {
        counts.historyCalls += 1;
        counts.historyEvents += output.events?.length ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'countHistoryReads' },
  );
  return { swf, counts };
}

/** A logger that keeps every line (and prints them with SWF_FLOW_TEST_LOG=1). */
export function recordingLogger(): Logger & {
  lines: Array<{ level: string; message: string; meta?: Record<string, unknown> }>;
} {
  const lines: Array<{ level: string; message: string; meta?: Record<string, unknown> }> = [];
  const print = Boolean(process.env.SWF_FLOW_TEST_LOG);
  const at = (level: string) => (message: string, meta?: Record<string, unknown>) => {
    lines.push({ level, message, meta });
    if (print) console.log(`[${level}] ${message} ${meta ? JSON.stringify(meta) : ''}`);
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Checks `condition` every 25 ms until it holds; fails after `timeoutMs`. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A promise with its resolve function. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
