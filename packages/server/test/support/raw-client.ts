/**
 * A raw-socket HTTP client for the tests of the service's two HTTP fronts (`lean-front*.test.ts`):
 * SWF requests framed either way (a `Content-Length`, which the lean front serves, or a chunked
 * body, which goes to `node:http`), and a connection that collects every byte the server sends, so
 * that the answers of both paths can be compared byte for byte.
 */
import { type Socket, connect } from 'node:net';
import { expect, vi } from 'vitest';

/** An SWF request with a Content-Length (the lean path's) or a chunked body (node:http's path); `extra` holds more header lines. */
export function swfRequest(target: string, body: string, framing: 'length' | 'chunked' = 'length', extra = ''): string {
  const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: SimpleWorkflowService.${target}\r\n${extra}`;
  const size = Buffer.byteLength(body);
  return framing === 'length'
    ? `${head}Content-Length: ${size}\r\n\r\n${body}`
    : `${head}Transfer-Encoding: chunked\r\n\r\n${size.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
}

/** A connection to 127.0.0.1:`port` that keeps every byte it receives. */
export class RawClient {
  readonly socket: Socket;
  private bytes = Buffer.alloc(0);
  closed = false;
  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (chunk: Buffer) => (this.bytes = Buffer.concat([this.bytes, chunk])));
    this.socket.on('error', () => {});
    this.socket.on('close', () => (this.closed = true));
  }

  /** What arrived, with the request ids, `Date` values and the health page's uptime masked. */
  text(): string {
    return this.bytes
      .toString('utf8')
      .replace(/x-amzn-requestid: [0-9a-f-]{36}/g, 'x-amzn-requestid: ID')
      .replace(/\r\nDate: [^\r]*/g, '\r\nDate: X')
      .replace(/"uptimeSeconds":\d+/g, '"uptimeSeconds":N');
  }

  /** Waits until `n` whole answers have arrived (the last one's body as long as its Content-Length), and returns what arrived. */
  async answers(n: number): Promise<string> {
    await vi.waitFor(
      () => {
        const heads = this.text()
          .split(/(?=HTTP\/1\.1 \d{3} )/)
          .filter((h) => h !== '');
        expect(heads.length).toBeGreaterThanOrEqual(n);
        const last = heads[heads.length - 1] as string;
        const length = Number(/\r\ncontent-length: (\d+)/i.exec(last)?.[1] ?? -1);
        const body = last.slice(last.indexOf('\r\n\r\n') + 4);
        if (length >= 0) expect(Buffer.byteLength(body)).toBeGreaterThanOrEqual(length);
      },
      { timeout: 10_000, interval: 2 },
    );
    return this.text();
  }

  /** Waits for the connection to close, and returns what arrived. */
  async untilClosed(): Promise<string> {
    await vi.waitFor(() => expect(this.closed).toBe(true), { timeout: 10_000, interval: 2 });
    return this.text();
  }
}
