/**
 * Which connections `node:http` reads have been sending one message's head for too long, by the
 * clock Node's own `headersTimeout` reads: its parser notes when each message's first byte is
 * parsed (and when it took the connection), in the server's list of connections. That list is not
 * public (Node keeps it under a symbol, `http.server.connections`, in Node 20 and 22, whatever the
 * server's own timeouts are set to), so it is looked up by the symbol's description and used only
 * if it has the shape Node gives it; without it, `lateHeads` finds none and the slow-client checks
 * fall back on the bytes each connection has read (`slow-clients.ts`).
 *
 * Why this clock: a kept-alive connection's next request may begin in the same packet as the end
 * of the one before, and nothing else `node:http` exposes tells where one ended and the next began.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Node's list of a server's connections (`ConnectionsList` in `node_http_parser.cc`). */
interface ConnectionsList {
  /** The parsers of messages begun more than `headersTimeoutMs` ago with their headers not in (taken off the list of active ones). */
  expired(headersTimeoutMs: number, requestTimeoutMs: number): { socket?: Socket | null }[];
}

/** Node's list for `http`, once it listens; none if this Node keeps no such list. */
function connectionsListOf(http: Server): ConnectionsList | undefined {
  const symbol = Object.getOwnPropertySymbols(http).find((s) => s.description === 'http.server.connections');
  const list = symbol === undefined ? undefined : (http as unknown as Record<symbol, unknown>)[symbol];
  return typeof (list as Partial<ConnectionsList> | undefined)?.expired === 'function'
    ? (list as ConnectionsList)
    : undefined;
}

/**
 * The sockets of `http`'s `node:http` connections whose current message began more than
 * `headersTimeoutMs` ago and still has not sent its whole head; each is reported once per message.
 * Call it after the loop has read the sockets (the verdict is then the client's, not a stall's).
 */
export function lateHeads(http: Server, headersTimeoutMs: number): Socket[] {
  const list = connectionsListOf(http);
  if (list === undefined) return [];
  // Node reads both limits as unsigned 32-bit ms; 0 switches the request limit off.
  const ms = Math.min(0xffff_ffff, Math.max(1, Math.round(headersTimeoutMs)));
  const late: Socket[] = [];
  for (const parser of list.expired(ms, 0)) if (parser.socket) late.push(parser.socket);
  return late;
}
