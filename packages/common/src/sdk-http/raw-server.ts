/**
 * Test support: a TCP (or TLS) server that speaks no HTTP of its own. Each connection hands the
 * test the bytes of each request (a head, and the body its `Content-Length` announces) as they
 * arrive, and writes whatever bytes the test scripts back — so the HTTP handler's protocol edge
 * cases (split, chunked, malformed, closed, reset answers) are played on a real socket, and the
 * bytes a client writes can be compared byte for byte.
 */
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket, type TlsOptions } from 'node:tls';

/** One connection to the server. */
export interface RawConnection {
  readonly socket: Socket;
  /** The next complete request's bytes (head and body); rejects if the connection ends first. */
  nextRequest(): Promise<Buffer>;
  /** Every byte received so far. */
  readonly received: () => Buffer;
}

/** A running server. */
export interface RawServer {
  readonly port: number;
  /** The connections in the order they were accepted. */
  readonly connections: RawConnection[];
  /** The next connection accepted (or the first not yet taken by this method). */
  nextConnection(): Promise<RawConnection>;
  /** Closes the server and destroys every connection. */
  close(): Promise<void>;
}

/** Where a request's bytes end in `data`, or -1 when they are not all there. */
function requestEnd(data: Buffer): number {
  const head = data.indexOf('\r\n\r\n');
  if (head < 0) return -1;
  const length = /\r\ncontent-length: *(\d+)/i.exec(data.toString('latin1', 0, head))?.[1];
  const end = head + 4 + Number(length ?? 0);
  return data.length >= end ? end : -1;
}

function wrap(socket: Socket): RawConnection {
  let all = Buffer.alloc(0);
  let pending = Buffer.alloc(0);
  const complete: Buffer[] = [];
  const waiting: { resolve: (b: Buffer) => void; reject: (e: Error) => void }[] = [];
  let ended = false;
  const flush = () => {
    for (;;) {
      const end = requestEnd(pending);
      if (end < 0) break;
      complete.push(pending.subarray(0, end));
      pending = pending.subarray(end);
    }
    while (complete.length > 0 && waiting.length > 0) waiting.shift()?.resolve(complete.shift() as Buffer);
    if (ended) for (const w of waiting.splice(0)) w.reject(new Error('the connection ended before a complete request'));
  };
  socket.on('data', (chunk: Buffer) => {
    all = Buffer.concat([all, chunk]);
    pending = Buffer.concat([pending, chunk]);
    flush();
  });
  socket.on('close', () => {
    ended = true;
    flush();
  });
  socket.on('error', () => undefined);
  return {
    socket,
    received: () => all,
    nextRequest: () =>
      new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        flush();
      }),
  };
}

/**
 * Starts a raw server on 127.0.0.1 (a random port); with `tls`, a TLS server with those options.
 *
 * @example
 * ```ts
 * const server = await rawServer();
 * const conn = await server.nextConnection();
 * await conn.nextRequest();
 * conn.socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}');
 * ```
 */
export async function rawServer(tls?: TlsOptions): Promise<RawServer> {
  const connections: RawConnection[] = [];
  const waiting: ((c: RawConnection) => void)[] = [];
  let taken = 0;
  const onSocket = (socket: Socket | TLSSocket) => {
    connections.push(wrap(socket));
    const w = waiting.shift();
    if (w) w(connections[taken++] as RawConnection);
  };
  const server: Server = tls ? createTlsServer(tls, onSocket) : createNetServer(onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections,
    nextConnection: () =>
      taken < connections.length
        ? Promise.resolve(connections[taken++] as RawConnection)
        : new Promise((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        for (const c of connections) c.socket.destroy();
        server.close(() => resolve());
      }),
  };
}
