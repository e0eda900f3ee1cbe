/**
 * A request `node:http` cannot parse (a method HTTP does not define, a `Content-Length` that is not
 * a number, a head over 16 KiB, bytes that are not HTTP) gets an answer that says what was wrong,
 * not Node's empty 400: plain text. The connection is closed after it, as Node does. Over raw
 * sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { RawClient } from './support/raw-client.js';

let server: LocalSwfServer;
beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0 });
});
afterAll(() => server.close());

async function answer(request: string): Promise<{ head: string; body: string }> {
  const client = new RawClient(server.port);
  client.socket.write(request);
  const all = await client.untilClosed();
  const at = all.indexOf('\r\n\r\n');
  return { head: all.slice(0, at), body: all.slice(at + 4) };
}

describe('a request node:http cannot parse', () => {
  it.each([
    ['a method HTTP does not define', 'BREW / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400, /method/i],
    [
      'a Content-Length that is not a number',
      'POST /ui/actions/signal HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n',
      400,
      /Content-Length/,
    ],
    ['bytes that are not HTTP', 'GARBAGE\r\n\r\n', 400, /not .*HTTP/i],
    ['an HTTP/2 connection preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 400, /HTTP\/2.*HTTP\/1\.1/],
    ['a head over 16 KiB', `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ${'x'.repeat(20_000)}\r\n\r\n`, 431, /16 KiB/],
  ])('%s: a plain-text answer that says what was wrong', async (_what, request, status, says) => {
    const { head, body } = await answer(request);
    expect(head).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(head).toMatch(/\r\ncontent-type: text\/plain/i);
    expect(head).toMatch(/\r\nconnection: close/i);
    expect(body).toMatch(says);
  });

  it('the service still answers others afterwards', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
  });
});
