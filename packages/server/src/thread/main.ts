/**
 * The program of the service's thread (`startServerThread` starts it in a `node:worker_threads`
 * Worker): `createServer` with the options it was given, then it tells the calling thread where the
 * service listens, forwards the service's log lines when asked to, and closes the service when
 * told. A startup failure is sent back as an error (see `protocol.ts`) and ends the thread.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { Logger, LogLevel } from '@swf-flow/common';
import { createServer, type LocalSwfServer } from '../create-server.js';
import { type FromServerThread, type ServerThreadData, type ToServerThread, errorData } from './protocol.js';

/** A logger that sends each line to the calling thread (meta that cannot be copied goes as text). */
function forwardingLogger(port: MessagePort, enabled: Record<LogLevel, boolean>): Logger {
  const send = (level: LogLevel, message: string, meta?: Record<string, unknown>): void => {
    if (!enabled[level]) return;
    const line: FromServerThread = { type: 'log', level, message, ...(meta === undefined ? {} : { meta }) };
    try {
      port.postMessage(line);
    } catch {
      port.postMessage({ ...line, meta: { meta: String(meta) } } satisfies FromServerThread);
    }
  };
  return {
    debug: (m, meta) => send('debug', m, meta),
    info: (m, meta) => send('info', m, meta),
    warn: (m, meta) => send('warn', m, meta),
    error: (m, meta) => send('error', m, meta),
    isLevelEnabled: (level) => enabled[level],
  };
}

async function main(port: MessagePort, data: ServerThreadData): Promise<void> {
  const post = (message: FromServerThread): void => port.postMessage(message);
  let server: LocalSwfServer;
  try {
    server = await createServer({
      ...data.options,
      ...(data.forwardLogs ? { logger: forwardingLogger(port, data.forwardLogs) } : {}),
    });
  } catch (err) {
    post({ type: 'failed', error: errorData(err) });
    port.close();
    return;
  }
  port.on('message', (message: ToServerThread) => {
    if (message.type === 'waiting-polls') {
      post({ type: 'waiting-polls', id: message.id, count: server.service.waitingPolls() });
    } else if (message.type === 'close') {
      server.close().then(
        () => post({ type: 'closed' }),
        (err: unknown) => post({ type: 'closed', error: errorData(err) }),
      );
    } else {
      // A caller of another version, or a bug: fail loudly (the caller sees the thread stop).
      throw new Error(`the service thread got a message it does not know: ${JSON.stringify(message)}`);
    }
  });
  post({ type: 'listening', url: server.url, port: server.port });
}

if (!parentPort) {
  throw new Error(
    '@swf-flow/server: thread/main is the program of the service thread that startServerThread starts; call startServerThread instead of running it',
  );
}
void main(parentPort, workerData as ServerThreadData);
