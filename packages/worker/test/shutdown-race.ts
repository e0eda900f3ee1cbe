// What the shutdown hand-off tests share: a one-activity workflow, the worker's client configuration
// for a local endpoint, a hook on the real local service that holds the answer of a handed poll
// until the test lets it go, and a raw TCP server that reads requests and never answers (with the
// check that a worker's polls to it are cut once its shutdown grace is over, not before).
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Activities, Activity } from '@swf-flow/activity';
import type { WorkflowClient } from '@swf-flow/client';
import { defineWorkflow, proxyActivities } from '@swf-flow/workflow';
import type { LocalSwfServer } from '@swf-flow/server';
import { expect, vi } from 'vitest';
import { Worker, type WorkerOptions } from '../src/index.js';
import { deferred, recordingLogger } from './helpers.js';

type SwfService = LocalSwfServer['service'];
type OperationContext = Parameters<SwfService['handleAndRender']>[2];

/** One activity, `Echo`, that answers its input. */
@Activities({ version: '1.0', startToCloseTimeout: '30s' })
export class EchoActivities {
  @Activity({ name: 'Echo' })
  async echo(text: string): Promise<string> {
    return text;
  }
}
const acts = proxyActivities(EchoActivities, { startToCloseTimeout: '30s' });

/** A workflow of one `Echo` activity. */
export const EchoOnce = defineWorkflow(async (text: string): Promise<string> => acts.echo(text), {
  name: 'EchoOnce',
  version: '1.0',
});

/** The client configuration for a local endpoint (placeholder credentials, no retries). */
export function localConfig(endpoint: string) {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  };
}

/**
 * Holds the answer of the next poll of `operation` that is handed a task (a poll started after this
 * call): `handed` resolves once the task is started in the history and its answer is ready, and the
 * answer goes once `until(ctx)` resolves. `restore` takes the hook off if no poll was handed.
 */
export function holdNextHandedPoll(
  service: SwfService,
  operation: string,
  until: (ctx: OperationContext) => Promise<void>,
): { handed: Promise<void>; restore: () => void } {
  const original = service.handleAndRender.bind(service);
  const handed = deferred();
  service.handleAndRender = async <T>(
    op: string,
    input: unknown,
    ctx: OperationContext,
    render: (output: unknown) => T,
  ): Promise<T> => {
    const answer = await original(op, input, ctx, render);
    const body = (answer as { body?: unknown }).body;
    if (op === operation && typeof body === 'string' && body.includes('"taskToken"')) {
      service.handleAndRender = original;
      handed.resolve();
      await until(ctx);
    }
    return answer;
  };
  return { handed: handed.promise, restore: () => (service.handleAndRender = original) };
}

/** The event types of a workflow's history, oldest first. */
export async function eventTypes(client: WorkflowClient, workflowId: string): Promise<string[]> {
  return (await client.getHandle(workflowId).history()).map((e) => e.eventType ?? '');
}

/** A TCP server that reads requests and never answers; `sockets` are its connections so far. */
export interface SilentServer {
  readonly sockets: Socket[];
  /** The port it listens on (127.0.0.1). */
  port(): number;
  /** Destroys every connection and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts a {@link SilentServer}. With `allowHalfOpen`, a client's FIN does not end the server's side
 * (`onEnd` is told of each one).
 */
export async function startSilentServer(
  options: { allowHalfOpen?: boolean; onEnd?: (socket: Socket) => void } = {},
): Promise<SilentServer> {
  const sockets: Socket[] = [];
  const server: Server = createTcpServer({ allowHalfOpen: options.allowHalfOpen ?? false }, (socket) => {
    sockets.push(socket);
    socket.resume();
    if (options.onEnd) socket.on('end', () => options.onEnd?.(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    sockets,
    port: () => (server.address() as AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Runs an activity worker of two pollers against `silent` with `swf` as its client and a 5 s
 * `pollShutdownGraceTime`, shuts it down once both polls are open, and checks (with fake timers)
 * that the shutdown is still waiting at 4,999 ms and ends at 5,000 ms. `afterShutdownBegins` runs
 * right after `shutdown()` is called (it must not wait on timers). Returns the stopped worker.
 */
export async function expectPollsCutAtGrace(
  silent: SilentServer,
  swf: WorkerOptions['swf'],
  afterShutdownBegins: () => Promise<void> = async () => undefined,
): Promise<Worker> {
  const w = await Worker.create({
    swf,
    domain: 'silent',
    taskList: 'silent',
    activities: [new EchoActivities()],
    registerTypes: false,
    activityPollers: 2,
    logger: recordingLogger(),
    handleSignals: false,
    pollShutdownGraceTime: '5s',
  });
  const running = w.run();
  await vi.waitFor(() => expect(silent.sockets).toHaveLength(2), { timeout: 10_000, interval: 5 });
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    let stopped = false;
    const stopping = w.shutdown().then(() => (stopped = true));
    await afterShutdownBegins();
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    vi.advanceTimersByTime(4_999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    vi.advanceTimersByTime(1); // the grace is over: both polls are cut
    await stopping;
    await running;
  } finally {
    vi.useRealTimers();
  }
  return w;
}
