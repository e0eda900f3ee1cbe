/**
 * One kept-alive connection of the HTTP handler's pool: a TCP (or TLS) socket that carries one
 * exchange at a time — the request's bytes written in one `write`, the response read by
 * {@link ResponseParser} — and waits, idle and unreferenced, between exchanges. Whatever the
 * socket does while no exchange is on it (ends, fails, sends bytes nobody asked for) makes it
 * unusable: the pool drops it and never writes on it again.
 */
import type { Socket } from 'node:net';
import { transportError } from './errors.js';
import { ResponseParser, type ParsedResponse } from './response-parser.js';

/** One request on a connection: its bytes, and what to do with the outcome. */
export interface Exchange {
  readonly bytes: Buffer;
  /** A long poll (`PollForDecisionTask`, `PollForActivityTask`): the pool keeps connections free of them for other requests. */
  readonly longPoll?: boolean;
  /** The connection carrying it, while it does. */
  connection?: Connection;
  /** The response arrived complete. */
  succeed(response: ParsedResponse): void;
  /** The exchange failed (the connection is already closed). */
  fail(error: Error): void;
}

/** What a connection tells its pool. */
export interface ConnectionOwner {
  /** An exchange ended and the connection may carry another (`keepAlive`) or is closing. */
  released(connection: Connection, keepAlive: boolean, keepAliveHintMs: number | undefined): void;
  /** The connection closed or failed; it is not to be used again. */
  lost(connection: Connection): void;
}

/** A pooled socket and the exchange it carries. */
export class Connection {
  private readonly parser: ResponseParser;
  private exchange: Exchange | undefined;
  /** False once the socket ended, failed, closed or was destroyed. */
  usable = true;
  /** The exchange on it is a long poll (kept by the pool, which counts them). */
  carriesPoll = false;
  /** When an idle connection is to be dropped rather than reused (the server's keep-alive hint), ms since the epoch. */
  idleUntil = Infinity;
  /** The socket inactivity limit while an exchange runs, ms (0: none). */
  private readonly socketTimeoutMs: number;
  private onSocketTimeout: ((exchange: Exchange) => void) | undefined;

  constructor(
    readonly socket: Socket,
    origin: string,
    private readonly owner: ConnectionOwner,
    socketTimeoutMs = 0,
    onSocketTimeout?: (exchange: Exchange) => void,
  ) {
    this.parser = new ResponseParser(origin);
    this.socketTimeoutMs = socketTimeoutMs;
    this.onSocketTimeout = onSocketTimeout;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('error', (error: Error) => this.onError(error));
    socket.on('close', () => this.onClose());
    if (socketTimeoutMs > 0) socket.on('timeout', () => this.onTimeout());
  }

  /** Whether an exchange is on this connection. */
  get busy(): boolean {
    return this.exchange !== undefined;
  }

  /** Starts an exchange: writes its bytes (buffered by the socket until it is connected). */
  start(exchange: Exchange): void {
    this.exchange = exchange;
    exchange.connection = this;
    this.parser.reset();
    this.socket.ref();
    if (this.socketTimeoutMs > 0) this.socket.setTimeout(this.socketTimeoutMs);
    this.socket.write(exchange.bytes);
  }

  /** Fails the exchange on this connection, if any, with `error`, and closes the connection. */
  abort(error: Error): void {
    const exchange = this.detach();
    this.destroy();
    exchange?.fail(error);
  }

  /**
   * Ends the request side of the connection (a FIN; over TLS, `close_notify` and a FIN) and reads
   * on: the exchange on it still ends with the server's answer, or fails if the server closes
   * without one. The connection is not reused.
   */
  halfClose(): void {
    this.usable = false;
    this.socket.end();
  }

  /** Closes the connection (an exchange on it fails as a connection reset). */
  destroy(): void {
    this.usable = false;
    this.socket.destroy();
  }

  /** Makes an idle connection wait without holding the process open. */
  idle(): void {
    if (this.socketTimeoutMs > 0) this.socket.setTimeout(0);
    this.socket.unref();
  }

  private detach(): Exchange | undefined {
    const exchange = this.exchange;
    this.exchange = undefined;
    if (exchange) exchange.connection = undefined;
    return exchange;
  }

  private finish(response: ParsedResponse): void {
    const exchange = this.detach() as Exchange;
    if (!response.keepAlive) this.destroy();
    this.owner.released(this, response.keepAlive && this.usable, response.keepAliveHintMs);
    exchange.succeed(response);
  }

  private failWith(error: Error): void {
    const exchange = this.detach();
    this.destroy();
    exchange?.fail(transportError(error));
  }

  private onData(chunk: Buffer): void {
    if (!this.exchange) {
      this.destroy(); // bytes nobody asked for: the connection is out of step
      return;
    }
    let response: ParsedResponse | undefined;
    try {
      response = this.parser.push(chunk);
    } catch (error) {
      this.failWith(error as Error);
      return;
    }
    if (response) this.finish(response);
  }

  private onEnd(): void {
    this.usable = false;
    if (!this.exchange) return;
    let response: ParsedResponse;
    try {
      response = this.parser.end();
    } catch (error) {
      this.failWith(error as Error);
      return;
    }
    this.finish({ ...response, keepAlive: false });
  }

  private onError(error: Error): void {
    this.usable = false;
    if (this.exchange) this.failWith(error);
  }

  private onClose(): void {
    this.usable = false;
    if (this.exchange) {
      // closed without an error or an end (destroyed from outside): as node:http, a reset
      try {
        this.parser.end();
        this.failWith(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      } catch (error) {
        this.failWith(error as Error);
      }
    }
    this.owner.lost(this);
  }

  private onTimeout(): void {
    const exchange = this.exchange;
    if (!exchange) return;
    this.detach();
    this.destroy();
    this.onSocketTimeout?.(exchange);
  }
}
