/**
 * The service's own header and request timeouts, in place of Node's: a connection that takes too
 * long to send a request (its headers, or the whole of it) gets HTTP 408 and is closed, as with
 * Node's `headersTimeout`/`requestTimeout`, but a connection is judged only after the event loop
 * has read the sockets. The same holds for the idle timeout of a kept-alive connection: Node still
 * arms it (and announces it in each answer's `Keep-Alive` header), but when it fires the connection
 * is closed only if nothing arrived on it, judged after the sockets were read.
 *
 * Why not Node's: after the process stalls (a starved CPU, a long GC, a slow disk), Node runs its
 * expired timers before it reads the sockets, so its periodic check finds a connection whose whole
 * request is waiting unread in the kernel's buffer "too slow" and answers 408 (or its socket
 * timeout resets the connection). Here the periodic check only schedules the verdict with
 * `setImmediate`, which runs after the loop's poll phase, and once more after the next one if the
 * loop stalled in between ({@link afterSocketsRead}): by then every request that arrived during
 * the stall has been parsed, and only the clients that really are slow are cut.
 *
 * A kept-alive connection's next request is timed from its first byte, not from the check that
 * first sees it: the lean front tells where each request ended (`ReceivedMessage.endedAt`), so
 * bytes read beyond it are the next request's even when they came in the same packet; for a
 * connection `node:http` reads, Node's own clock of each message tells (`node-message-clock.ts`).
 * Otherwise part of a head sent before the next check passed for the gap between requests, and a
 * client that then stalled was never cut with a 408.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionWatcher, ReceivedMessage } from './lean-server.js';
import { lateHeads } from './node-message-clock.js';

/** The two limits, in ms, as in `CreateServerOptions`. */
export interface SlowClientLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

/** What is known of one connection's request being received. */
interface Receiving {
  /** When the message being received began (the connection's start for its first message). */
  startedAt: number;
  /** The message whose headers are in, once they are (an `IncomingMessage`, or the lean front's). */
  request?: ReceivedMessage;
  /** Bytes sent on the connection when the message began: a 408 goes only where nothing was answered. */
  writtenAtStart: number;
}

/** Between two messages: the bytes read up to the last one's end, and those sent when it was seen to end. */
interface Between {
  readUpTo: number;
  written: number;
}

/** A connection's state: receiving a message, or between messages. */
type ConnectionState = { receiving: Receiving } | Between;

/** What Node answers a client that was too slow (the same bytes as its own timeouts). */
const REQUEST_TIMEOUT_RESPONSE = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n';

/** A check that runs later than this after it was scheduled (ms) follows a stall: it waits for the sockets to be read. */
const STALL_MS = 5;

/** How many turns of the loop a check waits for one that was not stalled, at most. */
const MAX_WAITS = 10;

/**
 * Runs `fn` in the check phase (`setImmediate`), after a poll phase has read the sockets. One
 * scheduled from a timer runs after the same turn's poll phase, but a stall can come after that
 * poll phase read the sockets and before the check phase (a long callback of the poll phase: a
 * commit, a GC; or another check-phase callback before this one): what arrived during it is still
 * unread. So a check that runs more than {@link STALL_MS} after it was scheduled waits for the next
 * turn's poll phase (at most {@link MAX_WAITS} turns, so that a loop that never stops stalling still
 * gets its verdicts).
 */
function afterSocketsRead(fn: () => void): void {
  let scheduledAt = performance.now();
  let waits = 0;
  const judge = (): void => {
    const at = performance.now();
    if (at - scheduledAt > STALL_MS && waits < MAX_WAITS) {
      waits += 1;
      scheduledAt = at;
      setImmediate(judge);
      return;
    }
    fn();
  };
  setImmediate(judge);
}

/** How often connections are checked, in ms: a quarter of the shorter limit, between 5 ms and 1 s. */
export function checkingInterval(limits: SlowClientLimits): number {
  return Math.max(5, Math.min(1_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)));
}

/** What {@link guardSlowClients} returns. */
export interface SlowClientGuard {
  /** Stops the checks (call it on close). */
  stop(): void;
  /** Where the lean front reports its connections' requests (`lean-server.ts`). */
  watcher: ConnectionWatcher;
}

/**
 * Enforces `limits` on `http`'s connections, those `node:http` reads and those the lean front
 * reads (it reports them to `watcher`). Create `http` with Node's own `headersTimeout` and
 * `requestTimeout` set to 0 (off).
 */
export function guardSlowClients(http: Server, limits: SlowClientLimits): SlowClientGuard {
  const connections = new Map<Socket, ConnectionState>();
  const now = (): number => performance.now();

  http.on('connection', (socket: Socket) => {
    connections.set(socket, { receiving: { startedAt: now(), writtenAtStart: 0 } });
    socket.once('close', () => connections.delete(socket));
  });
  /** A message's head is in (from `node:http`'s `request` event, or the lean front). */
  const headersIn = (socket: Socket, request: ReceivedMessage): void => {
    const state = connections.get(socket);
    if (state === undefined) return;
    // The connection's first message keeps the clock that started when it connected; a later one
    // (its first bytes parsed since the last check) starts its own now.
    if ('receiving' in state && state.receiving.request === undefined) state.receiving.request = request;
    else
      connections.set(socket, {
        receiving: { startedAt: now(), request, writtenAtStart: socket.bytesWritten },
      });
  };
  http.on('request', (req: IncomingMessage) => headersIn(req.socket, req));

  /** Answers 408 where nothing was answered since the message began (as Node's own timeouts do), then closes. */
  const timeOut = (socket: Socket, writtenAtStart: number): void => {
    if (socket.writable && socket.bytesWritten === writtenAtStart) socket.write(REQUEST_TIMEOUT_RESPONSE);
    socket.destroy();
    connections.delete(socket);
  };
  /** The connections' verdicts, after the loop has read what was waiting on the sockets. */
  const verdicts = (): void => {
    const at = now();
    // node:http's connections whose current head is late by Node's own clock of each message.
    for (const socket of lateHeads(http, limits.headersTimeoutMs)) {
      const state = connections.get(socket);
      if (state !== undefined && !socket.destroyed)
        timeOut(socket, 'receiving' in state ? state.receiving.writtenAtStart : state.written);
    }
    for (const [socket, entry] of connections) {
      if (socket.destroyed) continue;
      let state = entry;
      if ('receiving' in state && state.receiving.request?.complete) {
        // Received whole: answering it (a long poll may wait for minutes) is not the client's time.
        state = { readUpTo: state.receiving.request.endedAt ?? socket.bytesRead, written: socket.bytesWritten };
        connections.set(socket, state);
      }
      if ('readUpTo' in state) {
        // Between messages: bytes read beyond the last one's end mean the next has begun (its clock
        // starts now: they came since the last check, or since the last message ended).
        if (socket.bytesRead > state.readUpTo)
          connections.set(socket, { receiving: { startedAt: at, writtenAtStart: socket.bytesWritten } });
        continue;
      }
      const { receiving } = state;
      const elapsed = at - receiving.startedAt;
      const late = receiving.request === undefined ? elapsed > limits.headersTimeoutMs : false;
      if (late || elapsed > limits.requestTimeoutMs) timeOut(socket, receiving.writtenAtStart);
    }
  };
  const timer = setInterval(() => afterSocketsRead(verdicts), checkingInterval(limits)).unref();
  // Node's keep-alive timeout, after an answer, fires `timeout` on an idle kept-alive connection;
  // with a listener here Node leaves the verdict to it instead of destroying the socket at once.
  const onIdleTimeout = (socket: Socket): void => {
    const readBefore = socket.bytesRead;
    afterSocketsRead(() => {
      // Bytes read since (they were waiting while the loop stalled): the next request has begun,
      // and the header timeout above judges it from here.
      // (Node arms this timer only between an answer and the next request, and any byte read
      // restarts it, so a connection with nothing read since is idle.)
      if (!socket.destroyed && socket.bytesRead === readBefore) socket.destroy();
    });
  };
  http.on('timeout', onIdleTimeout);
  return {
    stop() {
      clearInterval(timer);
      http.off('timeout', onIdleTimeout);
    },
    watcher: { headersIn, idle: onIdleTimeout },
  };
}
