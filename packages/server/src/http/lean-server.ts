/**
 * A lean HTTP/1.1 front for the service's hot requests, in front of `node:http`: each connection is
 * read here while it carries only requests in the subset `lean-request-head.ts` proves `node:http`
 * would treat as plain kept-alive `POST /` with a body of known length; those are parsed, served
 * and answered here (`lean-response.ts` writes Node's bytes), without an `IncomingMessage`, a
 * `ServerResponse` and their streams. The first request outside the subset (a GET of the web UI,
 * a chunked body, `Expect: 100-continue`, HTTP/1.0, an odd or oversized head, a refused `Host`, a
 * body over the cap) hands the connection to `node:http` for the rest of its life: once the
 * answers already begun here are written, the bytes read and not yet served are put back
 * (`socket.unshift`) and the socket is given to the HTTP server as a new connection, so from there
 * on everything is as it always was.
 *
 * Kept from `node:http` as `createServer` configures it: pipelined requests are served as they
 * arrive and answered in order; reading pauses while answers pile up; a client's FIN tells each
 * request not yet answered that its client stopped waiting (a long poll ends its wait, as
 * `endPollWithClient` in `listener.ts` does for `node:http`'s requests), and the answers are
 * still written before the connection ends (`httpAllowHalfOpen`), while a FIN in the middle of a
 * request gets the 400 the service's `node:http` gives (`client-errors.ts`); the keep-alive timeout is armed after the last answer and judged as
 * `slow-clients.ts` judges Node's.
 */
import type { Socket } from 'node:net';
import { type LeanHead, parseLeanHead } from './lean-request-head.js';
import { responseBytes } from './lean-response.js';
import { clientErrorAnswer } from './client-errors.js';

/** A request the lean path serves. */
export interface LeanRequest {
  /** Field values by lower-case name, as `req.headers` would hold them. */
  headers: Record<string, string>;
  /** The whole body. */
  body: Buffer;
  /** The connection it came on (for its local port). */
  socket: Socket;
}

/** Where a served request's answer goes. */
export interface LeanReply {
  /** Answers the request (once; later calls are ignored), as `writeHead` + `end` would. */
  send(statusCode: number, headers: Record<string, string>, body: string): void;
  /** Whether an answer was given. */
  readonly sent: boolean;
  /**
   * Registers what to do when the client can no longer receive the answer (it went away or
   * half-closed before the answer was written): called once, at most.
   */
  onGone(callback: () => void): void;
  /**
   * Registers what to do once every request before this one on the connection has been answered,
   * so that this answer would be written at once (called at once if none is waiting; not called
   * if the connection closes first).
   */
  onTurn(callback: () => void): void;
}

/** What the lean front calls into. */
export interface LeanServerOptions {
  /** Serves one request; must answer through `reply` exactly once. */
  serve(request: LeanRequest, reply: LeanReply): void;
  /** Whether a head in the subset is served here (the `Host` check); `false` hands the connection on. */
  accepts?(head: LeanHead): boolean;
  /** Takes a connection for the rest of its life (`node:http`'s server: `emit('connection', socket)`). */
  handOff(socket: Socket): void;
  /** Largest body served here; a longer `Content-Length` goes to `handOff`. */
  maxBodyBytes?: number;
  /** The idle time of a kept-alive connection after its last answer, ms (announced in `Keep-Alive`). */
  keepAliveTimeoutMs: number;
  /** Follows the requests read here for the slow-client checks (`slow-clients.ts`). */
  watch?: ConnectionWatcher;
}

/**
 * How `slow-clients.ts` follows the lean front's connections (it learns of each connection from
 * the HTTP server's `connection` event, as of those `node:http` reads).
 */
export interface ConnectionWatcher {
  /** A request's head is in; `message.complete` turns true once its body is. */
  headersIn(socket: Socket, message: ReceivedMessage): void;
  /** The keep-alive timeout fired on an idle connection: the watcher judges it. */
  idle(socket: Socket): void;
}

/** A request being received, as the slow-client checks see it. */
export interface ReceivedMessage {
  /** Whether the whole request (head and body) is in. */
  readonly complete: boolean;
  /**
   * Once it is complete, where it ended: the bytes read on the connection up to its last byte.
   * Bytes read beyond are the next request's, even those read in the same packet.
   */
  readonly endedAt?: number;
}

/** What the service's `node:http` answers a request cut short by the client's FIN, before destroying the connection. */
const BAD_REQUEST = clientErrorAnswer('HPE_INVALID_EOF_STATE', 'Parse Error');

/** Answers waiting on one connection beyond this stop its reading (as Node's server pauses). */
const MAX_PENDING = 32;

/** One request being served on a connection, in arrival order. */
class Exchange implements LeanReply {
  bytes: Buffer | undefined;
  sent = false;
  private gone: (() => void) | undefined;
  private turn: (() => void) | undefined;
  constructor(private readonly connection: Connection) {}
  /** Every answer before this one has been written: its turn has come (once). */
  takeTurn(): void {
    const turn = this.turn;
    this.turn = undefined;
    turn?.();
  }
  /** Tells the request (once) that its client can no longer receive the answer or stopped waiting. */
  clientGone(): void {
    const gone = this.gone;
    this.gone = undefined;
    gone?.();
  }
  send(statusCode: number, headers: Record<string, string>, body: string): void {
    if (this.sent) return;
    this.sent = true;
    this.bytes = responseBytes(statusCode, headers, body, this.connection.keepAliveSeconds);
    this.connection.flush();
  }
  onGone(callback: () => void): void {
    if (this.connection.clientEndedOrGone) callback();
    else this.gone = callback;
  }
  onTurn(callback: () => void): void {
    if (this.connection.first === this) callback();
    else this.turn = callback;
  }
}

/** One connection read by the lean front until it is handed off or closed. */
class Connection {
  readonly keepAliveSeconds: number;
  private buffered: Buffer | undefined;
  /** Chunks of a body still short of its length, kept apart so that each is copied once, not on every chunk. */
  private bodyChunks: Buffer[] = [];
  private bodyChunkBytes = 0;
  /** The head of the request whose body is awaited. */
  private head: LeanHead | undefined;
  private message: { complete: boolean; endedAt?: number } | undefined;
  /** Bytes read on the connection so far (`socket.bytesRead` counts them too, and those not yet delivered). */
  private received = 0;
  private readonly pending: Exchange[] = [];
  private handingOff = false;
  private ended = false;
  private idleArmed = false;
  private readonly onData = (chunk: Buffer): void => this.read(chunk);
  private readonly onEnd = (): void => this.clientEnded();
  private readonly onClose = (): void => this.closed();
  private readonly onError = (): void => {
    // ECONNRESET and the like: 'close' follows, which ends everything begun here.
  };
  private readonly onTimeout = (): void => this.options.watch?.idle(this.socket);
  private readonly onDrain = (): void => this.maybeResume();

  constructor(
    readonly socket: Socket,
    private readonly options: LeanServerOptions,
    private readonly forget: (c: Connection) => void,
  ) {
    this.keepAliveSeconds = Math.floor(options.keepAliveTimeoutMs / 1000);
    socket.setNoDelay(true);
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onClose);
    socket.on('error', this.onError);
    socket.on('timeout', this.onTimeout);
    socket.on('drain', this.onDrain);
  }

  /** Whether the client half-closed or the connection closed: a request served now is told at once. */
  get clientEndedOrGone(): boolean {
    return this.ended || this.socket.destroyed;
  }

  /** The request whose answer is written next. */
  get first(): Exchange | undefined {
    return this.pending[0];
  }

  /** Nothing received in part and nothing being answered. */
  get idle(): boolean {
    return this.head === undefined && this.buffered === undefined && this.pending.length === 0 && !this.handingOff;
  }

  private read(chunk: Buffer): void {
    this.received += chunk.length;
    const awaited = this.head;
    if (awaited !== undefined) {
      // A body arriving in many chunks (up to the 1 MiB cap): joined once it is whole.
      const have = (this.buffered?.length ?? 0) + this.bodyChunkBytes + chunk.length;
      this.bodyChunks.push(chunk);
      this.bodyChunkBytes += chunk.length;
      if (have < awaited.contentLength) return;
      const parts = this.buffered === undefined ? this.bodyChunks : [this.buffered, ...this.bodyChunks];
      this.buffered = Buffer.concat(parts, have);
      this.bodyChunks = [];
      this.bodyChunkBytes = 0;
    } else this.buffered = this.buffered === undefined ? chunk : Buffer.concat([this.buffered, chunk]);
    if (this.handingOff) return;
    for (;;) {
      const buf: Buffer | undefined = this.buffered;
      let head = this.head;
      if (head === undefined) {
        if (buf === undefined) return;
        const verdict = parseLeanHead(buf, 0, buf.length, this.options.maxBodyBytes ?? Infinity);
        if (verdict === 'incomplete') return;
        if (verdict === 'other' || !(this.options.accepts?.(verdict) ?? true)) {
          // `buffered` begins with this request: it all goes to node:http
          this.beginHandOff();
          return;
        }
        head = this.head = verdict;
        this.message = { complete: false };
        if (this.idleArmed) {
          this.socket.setTimeout(0);
          this.idleArmed = false;
        }
        this.options.watch?.headersIn(this.socket, this.message);
        this.buffered = verdict.bodyStart < buf.length ? buf.subarray(verdict.bodyStart) : undefined;
        continue;
      }
      const have = buf?.length ?? 0;
      if (have < head.contentLength) return;
      const body = buf === undefined ? Buffer.alloc(0) : buf.subarray(0, head.contentLength);
      this.buffered = have > head.contentLength ? (buf as Buffer).subarray(head.contentLength) : undefined;
      const message = this.message as { complete: boolean; endedAt?: number };
      message.endedAt = this.received - (this.buffered?.length ?? 0);
      message.complete = true;
      this.head = undefined;
      this.message = undefined;
      this.dispatch(head, body);
    }
  }

  private dispatch(head: LeanHead, body: Buffer): void {
    const exchange = new Exchange(this);
    this.pending.push(exchange);
    if (this.pending.length >= MAX_PENDING || this.socket.writableNeedDrain) this.socket.pause();
    this.options.serve({ headers: head.headers, body, socket: this.socket }, exchange);
  }

  /** Writes the answers that are ready, in order. */
  flush(): void {
    while (this.pending.length > 0 && this.pending[0]?.bytes !== undefined) {
      const exchange = this.pending.shift() as Exchange;
      // An answer the client does not take yet: reading stops until it drains (`onDrain`), as Node's
      // server stops reading a connection whose answers wait, so a client that sends and never
      // reads cannot fill the server's memory with answers.
      if (this.socket.writable && !this.socket.write(exchange.bytes as Buffer)) this.socket.pause();
      exchange.bytes = undefined;
    }
    if (this.pending.length > 0) {
      this.pending[0]?.takeTurn();
      this.maybeResume();
      return;
    }
    if (this.handingOff) this.handOff();
    else if (this.ended) {
      // the client half-closed: its last answer is written, the connection ends (Node: `_last`)
      if (this.socket.writable) this.socket.end();
    } else if (this.head === undefined && this.buffered === undefined && !this.socket.destroyed) {
      // Idle after its last answer: Node arms its keep-alive timeout here.
      this.socket.setTimeout(this.options.keepAliveTimeoutMs);
      this.idleArmed = true;
    }
    this.maybeResume();
  }

  private maybeResume(): void {
    if (this.handingOff || this.ended) return;
    if (this.socket.isPaused() && this.pending.length < MAX_PENDING && !this.socket.writableNeedDrain)
      this.socket.resume();
  }

  /** Stops serving here: once the answers begun are written, `node:http` takes the connection. */
  private beginHandOff(): void {
    this.handingOff = true;
    // Nothing more is read here; a FIN waits in the socket for node:http, behind the bytes put back.
    this.socket.pause();
    this.head = undefined;
    this.message = undefined;
    if (this.pending.length === 0) this.handOff();
  }

  private handOff(): void {
    const socket = this.socket;
    this.detach();
    if (socket.destroyed) return;
    if (this.idleArmed) socket.setTimeout(0);
    const rest = this.buffered;
    this.buffered = undefined;
    if (this.ended) {
      // The client's FIN came (and the socket's 'end' with it) while the answers begun here were
      // written: an ended stream takes no bytes back, so node:http gets them, then the FIN, as the
      // events it would have had.
      this.options.handOff(socket);
      if (rest !== undefined) socket.emit('data', rest);
      socket.emit('end');
      return;
    }
    socket.pause();
    if (rest !== undefined) socket.unshift(rest);
    this.options.handOff(socket);
    process.nextTick(() => socket.resume());
  }

  private detach(): void {
    const socket = this.socket;
    socket.off('data', this.onData);
    socket.off('end', this.onEnd);
    socket.off('close', this.onClose);
    socket.off('error', this.onError);
    socket.off('timeout', this.onTimeout);
    socket.off('drain', this.onDrain);
    this.forget(this);
  }

  /**
   * The client half-closed (FIN), as `node:http` with `httpAllowHalfOpen` (set by `createServer`)
   * treats it: a request still arriving is answered 400 and the connection destroyed; otherwise
   * each request not yet answered is told its client is gone (a long poll ends its wait), the
   * answers are still written in order, and the connection is ended after the last.
   */
  private clientEnded(): void {
    this.ended = true;
    if (this.handingOff) {
      // The rest of the bytes and the FIN are node:http's (`handOff`); the requests served here hear it now.
      for (const exchange of this.pending) if (!exchange.sent) exchange.clientGone();
      return;
    }
    if (this.head !== undefined || this.buffered !== undefined) {
      if (this.socket.writable) this.socket.write(BAD_REQUEST);
      this.socket.destroy();
      return;
    }
    for (const exchange of this.pending) if (!exchange.sent) exchange.clientGone();
    if (this.pending.length === 0 && this.socket.writable) this.socket.end();
  }

  private closed(): void {
    this.detach();
    const pending = this.pending.splice(0);
    for (const exchange of pending) if (!exchange.sent) exchange.clientGone();
  }

  /** Destroys the connection (shutdown). */
  destroy(): void {
    this.socket.destroy();
  }
}

/**
 * The lean front. Give it each accepted socket (`accept`); it serves the subset and hands the
 * rest to `options.handOff`.
 */
export class LeanHttpServer {
  private readonly connections = new Set<Connection>();
  constructor(private readonly options: LeanServerOptions) {}

  /** Reads a new connection. */
  accept(socket: Socket): void {
    this.connections.add(new Connection(socket, this.options, (c) => this.connections.delete(c)));
  }

  /** Closes the connections that are waiting for a request (as `closeIdleConnections`). */
  closeIdle(): void {
    for (const c of this.connections) if (c.idle) c.destroy();
  }

  /** Destroys every connection still read here. */
  closeAll(): void {
    for (const c of this.connections) c.destroy();
  }
}
