/**
 * The connections to one origin (`protocol//host:port`), as the SDK's keep-alive agent keeps them:
 * at most `maxSockets` open at once (the SDK's default is 50), idle ones reused last-in first-out,
 * requests beyond the limit queued in order until a connection is free. One thing differs from the
 * agent: long polls (`PollForDecisionTask`, `PollForActivityTask`, held by the service for up to a
 * minute) take at most `maxSockets` less a fifth at once, and wait in a queue of their own beyond
 * that, so the other requests — a worker's answers, which a task's timeout is counting — always
 * find a connection instead of queuing behind polls that may not return for a minute. An idle connection the
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
  /** Long polls waiting because {@link pollLimit} are in flight. */
  private readonly polls: Exchange[] = [];
  /** Long polls on connections now. */
  private pollsInFlight = 0;
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
    return this.queue.length + this.polls.length;
  }

  /** How many long polls may be on connections at once: `maxSockets` less a fifth (at least one kept for the rest). */
  private get pollLimit(): number {
    const { maxSockets } = this.options;
    return Math.max(1, maxSockets - Math.max(1, Math.floor(maxSockets / 5)));
  }

  /** Puts an exchange on an idle connection, a new one, or in the queue (long polls: in theirs beyond {@link pollLimit}). */
  send(exchange: Exchange): void {
    if (exchange.longPoll && this.pollsInFlight >= this.pollLimit) {
      this.polls.push(exchange);
      return;
    }
    const connection = this.reusable();
    if (connection) this.start(connection, exchange);
    else if (this.open.size < this.options.maxSockets) this.start(this.connect(), exchange);
    else (exchange.longPoll ? this.polls : this.queue).push(exchange);
  }

  /** Takes a queued exchange out of the queue; false when it was not queued. */
  unqueue(exchange: Exchange): boolean {
    for (const queue of [this.queue, this.polls]) {
      const at = queue.indexOf(exchange);
      if (at < 0) continue;
      queue.splice(at, 1);
      return true;
    }
    return false;
  }

  /** Closes every connection and fails the queued requests with `error`. */
  destroy(error: Error): void {
    for (const exchange of [...this.queue.splice(0), ...this.polls.splice(0)]) exchange.fail(error);
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
    this.endPoll(connection);
    if (!keepAlive || this.retired || (keepAliveHintMs !== undefined && keepAliveHintMs <= HINT_MARGIN_MS)) {
      this.drop(connection);
      return;
    }
    const next = this.next();
    if (next) {
      this.start(connection, next);
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
    this.endPoll(connection);
    connection.destroy();
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
    if (!this.open.delete(connection)) return;
    const next = this.next();
    if (next) this.start(this.connect(), next);
  }

  /** Starts an exchange on a connection, counting it when it is a long poll. */
  private start(connection: Connection, exchange: Exchange): void {
    if (exchange.longPoll) {
      connection.carriesPoll = true;
      this.pollsInFlight++;
    }
    connection.start(exchange);
  }

  /** A connection's exchange ended: it carries no long poll now. */
  private endPoll(connection: Connection): void {
    if (!connection.carriesPoll) return;
    connection.carriesPoll = false;
    this.pollsInFlight--;
  }

  /** The queued exchange to start on a free connection: the other requests first, then a long poll if one may start. */
  private next(): Exchange | undefined {
    return this.queue.shift() ?? (this.pollsInFlight < this.pollLimit ? this.polls.shift() : undefined);
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
