/**
 * What the HTTP front answers a request it will not serve, on every path it serves (`POST /`, the
 * web UI's pages and actions, `/health`): a request without `Host`, a method the path does not
 * take, a path that names nothing. Each gets a status that says which (400, 405 with `Allow`,
 * 404) and a body that says what was wrong and what to do, in the shape of the front's other
 * refusals: an SWF fault (JSON) for `POST /`, plain text for everything else. Over raw sockets,
 * on a fresh connection (`node:http`'s path) and after a request the lean front served on the same
 * connection (handed to `node:http` mid-connection).
 */
import { ListDomainsCommand } from '@aws-sdk/client-swf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { RawClient, swfRequest } from './support/raw-client.js';
import { httpClient } from './support/sdk.js';

let server: LocalSwfServer;
beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0 });
});
afterAll(() => server.close());

/** One answer on a fresh connection (or after a lean-served request first, with `afterLean`). */
async function answer(request: string, afterLean = false): Promise<{ head: string; body: string }> {
  const client = new RawClient(server.port);
  if (afterLean) client.socket.write(swfRequest('ListDomains', '{"registrationStatus":"REGISTERED"}'));
  client.socket.write(request);
  const all = (await client.answers(afterLean ? 2 : 1)).split(/(?=HTTP\/1\.1 \d{3} )/);
  client.socket.destroy();
  const last = all[all.length - 1] as string;
  const at = last.indexOf('\r\n\r\n');
  return { head: last.slice(0, at), body: last.slice(at + 4) };
}

const listDomains = '{"registrationStatus":"REGISTERED"}';

describe('a request without Host', () => {
  it.each([false, true])(
    'POST / gets a 400 SWF fault that says to send Host (after a lean request: %s)',
    async (afterLean) => {
      const { head, body } = await answer(
        `POST / HTTP/1.1\r\nX-Amz-Target: SimpleWorkflowService.ListDomains\r\nContent-Length: ${listDomains.length}\r\n\r\n${listDomains}`,
        afterLean,
      );
      expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(head).toMatch(/\r\ncontent-type: application\/x-amz-json-1\.0/i);
      const fault = JSON.parse(body) as { __type: string; message: string };
      expect(fault.__type).toBe('com.amazon.coral.service#SerializationException');
      expect(fault.message).toMatch(/no Host header/);
      expect(fault.message).toMatch(/Send Host: /);
    },
  );

  it('a page gets a plain-text 400 that says to send Host', async () => {
    const { head, body } = await answer('GET /health HTTP/1.1\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toMatch(/\r\ncontent-type: text\/plain/i);
    expect(body).toMatch(/no Host header/);
  });
});

describe('methods on the paths the server serves', () => {
  it.each([
    ['PUT', '/', 'GET, HEAD, OPTIONS, POST'],
    ['DELETE', '/', 'GET, HEAD, OPTIONS, POST'],
    ['TRACE', '/', 'GET, HEAD, OPTIONS, POST'],
    ['POST', '/health', 'GET, HEAD, OPTIONS'],
    ['PUT', '/health', 'GET, HEAD, OPTIONS'],
    ['POST', '/ui/domains/d', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/ui/domains/d/executions/w/r', 'GET, HEAD, OPTIONS'],
    ['POST', '/ui/static/style.css', 'GET, HEAD, OPTIONS'],
    ['GET', '/ui/actions/signal', 'OPTIONS, POST'],
    ['PUT', '/ui/actions/terminate', 'OPTIONS, POST'],
  ])('%s %s gets 405 with Allow: %s and says what the path takes', async (method, path, allow) => {
    const { head, body } = await answer(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n`);
    expect(head).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
    expect(head).toMatch(new RegExp(`\\r\\nallow: ${allow}`, 'i'));
    expect(body).toContain(`${method} is not allowed on ${path}`);
  });

  it('a path that names nothing is still a 404 whatever the method', async () => {
    for (const method of ['GET', 'PUT', 'POST']) {
      const { head } = await answer(`${method} /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n`);
      expect(head).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    }
  });

  it('the methods each path takes still work', async () => {
    expect((await answer('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).head).toMatch(/^HTTP\/1\.1 200 /);
    expect((await answer('GET /ui/static/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).head).toMatch(
      /^HTTP\/1\.1 200 /,
    );
    expect((await answer(swfRequest('ListDomains', listDomains, 'chunked'))).head).toMatch(/^HTTP\/1\.1 200 /);
  });
});

describe('requests node:http would leave unanswered or answer as a missing page', () => {
  it.each([false, true])(
    'OPTIONS * is answered with what the service takes (after a lean request: %s)',
    async (afterLean) => {
      const { head, body } = await answer('OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', afterLean);
      expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(head).toMatch(/\r\nallow: GET, HEAD, OPTIONS, POST\r\n/i);
      expect(body).toContain('POST / with X-Amz-Target');
      expect(body).toContain('GET /health');
    },
  );

  it.each([
    ['/', 'GET, HEAD, OPTIONS, POST'],
    ['/health', 'GET, HEAD, OPTIONS'],
    ['/ui/domains/d', 'GET, HEAD, OPTIONS'],
    ['/ui/actions/signal', 'OPTIONS, POST'],
  ])('OPTIONS %s is answered with the methods it takes: %s', async (path, allow) => {
    const { head, body } = await answer(`OPTIONS ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toMatch(new RegExp(`\\r\\nallow: ${allow}\\r\\n`, 'i'));
    expect(body).toContain(`${path} takes ${allow}`);
  });

  it('OPTIONS on a path that names nothing is a 404', async () => {
    const { head } = await answer('OPTIONS /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
  });

  it.each([
    ['GET', false],
    ['POST', false],
    ['HEAD', true],
  ])(
    '%s * gets a 400 saying the asterisk is only for OPTIONS (after a lean request: %s)',
    async (method, afterLean) => {
      const { head, body } = await answer(
        `${method} * HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n`,
        afterLean,
      );
      expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(head).toMatch(/\r\ncontent-type: text\/plain/i);
      if (method !== 'HEAD') expect(body).toMatch(/only for OPTIONS/);
    },
  );

  it.each([false, true])(
    'CONNECT gets a 405 saying the service is not a proxy, then the connection closes (after a lean request: %s)',
    async (afterLean) => {
      const client = new RawClient(server.port);
      if (afterLean) client.socket.write(swfRequest('ListDomains', listDomains));
      client.socket.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
      const all = (await client.untilClosed()).split(/(?=HTTP\/1\.1 \d{3} )/);
      expect(all).toHaveLength(afterLean ? 2 : 1);
      const last = all[all.length - 1] as string;
      expect(last).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
      expect(last).toMatch(/\r\ncontent-type: text\/plain/i);
      expect(last).toMatch(/\r\nconnection: close\r\n/i);
      expect(last).toContain('CONNECT example.com:443');
      expect(last).toMatch(/not a proxy/);
      expect(last).toContain(`endpoint ${server.url}`);
    },
  );

  it.each([false, true])(
    'an Expect the service does not know gets a 417 that says which (after a lean request: %s)',
    async (afterLean) => {
      const { head, body } = await answer(
        'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: fast-answer\r\n\r\n',
        afterLean,
      );
      expect(head).toMatch(/^HTTP\/1\.1 417 Expectation Failed\r\n/);
      expect(head).toMatch(/\r\ncontent-type: text\/plain/i);
      expect(body).toContain('Expect: fast-answer');
      expect(body).toContain('100-continue');
    },
  );
});

describe('an SWF client pointed at a path other than /', () => {
  // The SDK sends to the endpoint's path with a slash added (`/ui/`): a page (405) or nothing (404).
  it.each([
    ['/ui', 405],
    ['/health', 404],
    ['/ui/domains/d', 405],
    ['/swf', 404],
  ])(
    'an SDK with endpoint <url>%s gets an SWF fault it can read, saying to drop the path (HTTP %i)',
    async (path, status) => {
      const err = (await httpClient(`${server.url}${path}`)
        .send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }))
        .then(
          () => expect.fail('answered'),
          (e: unknown) => e,
        )) as Error & { $metadata?: { httpStatusCode?: number } };
      expect(err.name).toBe('UnknownOperationException');
      expect(err.$metadata?.httpStatusCode).toBe(status);
      expect(err.message).toContain(`sent to ${path}`);
      expect(err.message).toContain(`endpoint ${server.url} `);
    },
  );

  it('a raw POST with X-Amz-Target to another path is answered as JSON too', async () => {
    const { head, body } = await answer(
      `POST /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: SimpleWorkflowService.ListDomains\r\nContent-Length: ${listDomains.length}\r\n\r\n${listDomains}`,
    );
    expect(head).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(head).toMatch(/\r\ncontent-type: application\/x-amz-json-1\.0/i);
    expect((JSON.parse(body) as { __type: string }).__type).toBe('com.amazon.coral.service#UnknownOperationException');
  });
});
