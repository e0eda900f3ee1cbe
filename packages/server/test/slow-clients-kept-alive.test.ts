/**
 * The headers timeout on a kept-alive connection, on both HTTP fronts: a client that sends part of
 * its next request's head and stalls gets the same 408 and close at `headersTimeoutMs` as on a
 * fresh connection, whether the part came in the same packet as the request before it (pipelined)
 * or after that request's answer. (Before, bytes read between the end of a request and the slow-
 * client check that followed it were taken for the gap between requests, so no headers timeout
 * ran for them and only the keep-alive timeout closed the connection, with no 408.)
 *
 * The lean front serves a request with a `Content-Length`; a `GET /health` hands the connection to
 * `node:http` for the rest of its life. The keep-alive timeout is set far beyond the bounded wait
 * (`RawClient.untilClosed`), so only the headers timeout can close the connection in time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { RawClient, swfRequest } from './support/raw-client.js';

let server: LocalSwfServer;
beforeAll(async () => {
  server = await createServer({
    dataDir: ':memory:',
    port: 0,
    headersTimeoutMs: 300,
    requestTimeoutMs: 600,
    keepAliveTimeoutMs: 600_000,
  });
});
afterAll(() => server.close());

const LIST = swfRequest('ListDomains', JSON.stringify({ registrationStatus: 'REGISTERED' }));
const HEALTH = 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
/** The first part of a request's head: the rest never comes. */
const HALF_HEAD = 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Tar';

const fronts = [
  { front: 'the lean front', first: LIST, answer: /^HTTP\/1\.1 200 OK\r\n[\s\S]*"domainInfos":\[\]\}/ },
  { front: 'node:http', first: HEALTH, answer: /^HTTP\/1\.1 200 OK\r\n[\s\S]*"status":"ok"/ },
];

describe.each(fronts)('a kept-alive connection read by $front', ({ first, answer }) => {
  /** The answer to the first request, then a 408 and the close, and nothing else. */
  function expectAnsweredThenTimedOut(text: string): void {
    const parts = text.split(/(?=HTTP\/1\.1 \d{3} )/);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(answer);
    expect(parts[1]).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
  }

  it('part of the next head in the same packet as a request, then a stall: 408 and closed', async () => {
    const client = new RawClient(server.port);
    client.socket.write(first + HALF_HEAD);
    expectAnsweredThenTimedOut(await client.untilClosed());
  });

  it('part of the next head right after the answer, then a stall: 408 and closed', async () => {
    const client = new RawClient(server.port);
    client.socket.write(first);
    await client.answers(1);
    client.socket.write(HALF_HEAD);
    expectAnsweredThenTimedOut(await client.untilClosed());
  });

  it('a whole next request after the answer is still served (the head began between requests)', async () => {
    const client = new RawClient(server.port);
    client.socket.write(first);
    await client.answers(1);
    client.socket.write(first);
    const text = await client.answers(2);
    client.socket.destroy();
    expect(text.split(/(?=HTTP\/1\.1 \d{3} )/).map((part) => answer.test(part))).toEqual([true, true]);
  });
});
