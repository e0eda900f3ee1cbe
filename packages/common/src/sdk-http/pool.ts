/**
 * The connections to one origin (`protocol//host:port`), as the SDK's keep-alive agent keeps them:
 * at most `maxSockets` open at once (the SDK's default is 50), idle ones reused last-in first-out,
 * requests beyond the limit queued in order until a connection is free. An idle connection the
 * server has closed is never written on; one past the server's `Keep-Alive: timeout` hint (less a
 * second, as Node's agent reckons it) is closed instead of reused. TLS connections check the
 * certificate and send the host name (SNI) as `https.request` does by default, and resume the
 * origin's last TLS session.
 */
import { connect as netConnect, isIP } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { Connection, type ConnectionOwner, type Exchange } from './connection.js';
import { timeoutError } from './errors.js';

/** How the pool opens and keeps connections. */
export interface PoolOptions {
  /** Most connections open at once. */
  maxSockets: number;
  /** Limit on establishing a connection, ms (0: none). */
  connectionTimeoutMs: number;
  /** Limit on a connection's inactivity while a request is on it, ms (0: none). */
  socketTimeoutMs: number;
  /** Says the socket timeout was the service's default rather than configured (for the message). */
  socketTimeoutIsDefault: boolean;
  /** Extra TLS options (trust anchors in tests); the defaults are `https.request`'s. */
  tls?: ConnectionOptions;
}

/** The TCP keep-alive delay Node's agent sets on its sockets (its default `keepAliveMsecs`). */
const TCP_KEEP_ALIVE_MS = 1000;
/** How much earlier than the server's keep-alive hint an idle connection is given up (Node's agent: 1 s). */
const HINT_MARGIN_MS = 1000;

/** The connections to one origin. */
export class Pool implements ConnectionOwner {
  private readonly idle: Connection[] = [];
  private readonly open = new Set<Connection>();
  private readonly queue: Exchange[] = [];
  private session: Buffer | undefined;
  private retired = false;

  constructor(
    readonly origin: string,
    private readonly secure: boolean,
    private readonly host: string,
    private readonly port: number,
    private readonly options: PoolOptions,
  ) {}

  /** Requests waiting for a connection. */
  get queued(): number {
    return this.queue.length;
  }

  /** Puts an exchange on an idle connection, a new one, or in the queue. */
  send(exchange: Exchange): void {
    const connection = this.reusable();
    if (connection) connection.start(exchange);
    else if (this.open.size < this.options.maxSockets) this.connect().start(exchange);
    else this.queue.push(exchange);
  }

  /** Takes a queued exchange out of the queue; false when it was not queued. */
  unqueue(exchange: Exchange): boolean {
    const at = this.queue.indexOf(exchange);
    if (at < 0) return false;
    this.queue.splice(at, 1);
    return true;
  }

  /** Closes every connection and fails the queued requests with `error`. */
  destroy(error: Error): void {
    for (const exchange of this.queue.splice(0)) exchange.fail(error);
    for (const connection of [...this.open]) connection.destroy();
    this.idle.length = 0;
  }

  /** Takes no more requests: closes the idle connections now and the others when their exchange ends. */
  retire(): void {
    this.retired = true;
    for (const connection of this.idle.splice(0)) this.drop(connection);
  }

  /** @internal */
  released(connection: Connection, keepAlive: boolean, keepAliveHintMs: number | undefined): void {
    if (!keepAlive || this.retired || (keepAliveHintMs !== undefined && keepAliveHintMs <= HINT_MARGIN_MS)) {
      this.drop(connection);
      return;
    }
    const next = this.queue.shift();
    if (next) {
      connection.start(next);
      return;
    }
    connection.idleUntil = keepAliveHintMs === undefined ? Infinity : Date.now() + keepAliveHintMs - HINT_MARGIN_MS;
    connection.idle();
    this.idle.push(connection);
  }

  /** @internal */
  lost(connection: Connection): void {
    this.drop(connection);
  }

  private drop(connection: Connection): void {
    connection.destroy();
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
    if (!this.open.delete(connection)) return;
    const next = this.queue.shift();
    if (next) this.connect().start(next);
  }

  private reusable(): Connection | undefined {
    for (;;) {
      const connection = this.idle.pop();
      if (!connection) return undefined;
      if (connection.usable && !connection.socket.destroyed && connection.idleUntil > Date.now()) return connection;
      this.drop(connection);
    }
  }

  private connect(): Connection {
    const { host, port } = this;
    let socket;
    if (this.secure) {
      // as https.request: the host name as SNI unless it is an IP address; the certificate checked
      const servername = isIP(host) ? '' : host;
      socket = tlsConnect({ ...this.options.tls, host, port, servername, session: this.session });
      socket.on('session', (session: Buffer) => (this.session = session));
      socket.once('error', () => (this.session = undefined));
    } else {
      socket = netConnect({ host, port });
    }
    socket.setNoDelay(true);
    socket.setKeepAlive(true, TCP_KEEP_ALIVE_MS);
    const { socketTimeoutMs, socketTimeoutIsDefault, connectionTimeoutMs } = this.options;
    const connection = new Connection(socket, this.origin, this, socketTimeoutMs, (exchange) =>
      exchange.fail(
        timeoutError(
          `the socket to ${this.origin} was idle for ${socketTimeoutMs} ms while waiting for the response ` +
            `(${socketTimeoutIsDefault ? "the service's default socket timeout" : 'the socketTimeout configured for the client'}).`,
        ),
      ),
    );
    if (connectionTimeoutMs > 0) {
      const timer = setTimeout(() => {
        connection.abort(
          timeoutError(
            `could not connect to ${this.origin} within the connectionTimeout of ${connectionTimeoutMs} ms configured for the client.`,
          ),
        );
      }, connectionTimeoutMs);
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    }
    this.open.add(connection);
    return connection;
  }
}
