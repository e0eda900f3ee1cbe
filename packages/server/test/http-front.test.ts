/**
 * The HTTP front: the SWF JSON 1.0 wire format, faults, limits and the status page, over raw HTTP.
 * Every test has a server of its own.
 */
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { RawClient } from './support/raw-client.js';

let server: LocalSwfServer;

beforeEach(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0, maxBodyBytes: 64 * 1024 });
});
afterEach(() => server.close());

function post(target: string | undefined, body: string | Buffer): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0' };
  if (target) headers['x-amz-target'] = target;
  return fetch(`${server.url}/`, { method: 'POST', headers, body });
}

describe('the HTTP front', () => {
  it('binds 127.0.0.1 and reports its url and port', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('answers an operation with JSON 1.0, a request id and epoch-second timestamps', async () => {
    const before = Math.floor(Date.now() / 1000);
    const registered = await post(
      'SimpleWorkflowService.RegisterDomain',
      JSON.stringify({ name: 'wire', workflowExecutionRetentionPeriodInDays: '1' }),
    );
    expect(registered.status).toBe(200);
    expect(registered.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(registered.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await registered.text()).toBe('{}');
    await post(
      'SimpleWorkflowService.RegisterWorkflowType',
      JSON.stringify({ domain: 'wire', name: 'W', version: '1' }),
    );
    const described = await post(
      'SimpleWorkflowService.DescribeWorkflowType',
      JSON.stringify({ domain: 'wire', workflowType: { name: 'W', version: '1' } }),
    );
    const body = (await described.json()) as { typeInfo: { creationDate: unknown } };
    expect(typeof body.typeInfo.creationDate).toBe('number');
    expect(body.typeInfo.creationDate).toBeGreaterThanOrEqual(before); // seconds, not ms
    expect(body.typeInfo.creationDate).toBeLessThanOrEqual(Date.now() / 1000);
  });

  it('answers faults as HTTP 400 with __type and message', async () => {
    const res = await post('SimpleWorkflowService.DescribeDomain', JSON.stringify({ name: 'nowhere' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(await res.json()).toEqual({
      __type: 'com.amazonaws.swf.base.model#UnknownResourceFault',
      message: 'Unknown domain: nowhere',
    });
  });

  it('answers validation errors the way SWF does', async () => {
    const res = await post('SimpleWorkflowService.DescribeDomain', '{}');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message:
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    });
  });

  it('answers malformed JSON with SerializationException', async () => {
    const res = await post('SimpleWorkflowService.ListDomains', '{"registrationStatus": ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('com.amazon.coral.service#SerializationException');
    const wrongType = await post('SimpleWorkflowService.DescribeDomain', '{"name": 42}');
    expect(((await wrongType.json()) as { __type: string }).__type).toBe(
      'com.amazon.coral.service#SerializationException',
    );
  });

  it('reads a body that begins with a byte order mark as the JSON after it (RFC 8259 lets a reader ignore one)', async () => {
    const res = await post('SimpleWorkflowService.ListDomains', '\ufeff{"registrationStatus": "REGISTERED"}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ domainInfos: [] });
  });

  it.each([
    ['a Latin-1 byte inside a string', Buffer.from('{"registrationStatus": "REGISTERED", "x": "caf\xe9"}', 'latin1')],
    ['a UTF-16 body', Buffer.from('\ufeff{"registrationStatus": "REGISTERED"}', 'utf16le')],
    ['a gzip-compressed body', gzipSync('{"registrationStatus": "REGISTERED"}')],
  ])(
    'refuses a body that is not UTF-8 (%s) with a message that says so, instead of reading it altered',
    async (_what, body) => {
      const res = await post('SimpleWorkflowService.ListDomains', body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        __type: 'com.amazon.coral.service#SerializationException',
        message:
          'Request body is not valid UTF-8: SWF reads a JSON 1.0 body as UTF-8 text. Send the JSON encoded as UTF-8, not in another encoding, and not compressed.',
      });
    },
  );

  it('takes a request whose target is in absolute form (RFC 9112 3.2.2), checking the host it names', async () => {
    const body = '{"registrationStatus":"REGISTERED"}';
    const target = (url: string): string =>
      `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: SimpleWorkflowService.ListDomains\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const client = new RawClient(server.port);
    client.socket.write(target(`http://127.0.0.1:${server.port}/`));
    client.socket.write(`GET http://localhost:${server.port}/health?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    const answers = (await client.answers(2)).split(/(?=HTTP\/1\.1 \d{3} )/);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\{"domainInfos":\[\]\}$/);
    expect(answers[1]).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*"status":"ok"/);
    client.socket.destroy();
    // The name in the target is the one checked (a Host header is then ignored, as RFC 9112 says).
    const elsewhere = new RawClient(server.port);
    elsewhere.socket.write(target('http://evil.example/'));
    expect(await elsewhere.untilClosed()).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n[\s\S]*AccessDeniedException/);
  });

  it('answers a request that names X-Amz-Target twice with a fault that says so', async () => {
    const body = '{"registrationStatus":"REGISTERED"}';
    const client = new RawClient(server.port);
    client.socket.write(
      `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: SimpleWorkflowService.ListDomains\r\nX-Amz-Target: SimpleWorkflowService.DescribeDomain\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    const answer = await client.answers(1);
    client.socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message:
        'X-Amz-Target was sent 2 times (SimpleWorkflowService.ListDomains, SimpleWorkflowService.DescribeDomain): send it once, naming the one operation.',
    });
  });

  it('answers HEAD where it answers GET: the status page and the web UI, with no body', async () => {
    for (const path of ['/health', '/']) {
      const res = await fetch(`${server.url}${path}`, { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
    }
  });

  it("accepts boto 2's full target name, com.amazonaws.swf.service.model.SimpleWorkflowService.<Op>, as Amazon SWF does", async () => {
    await post(
      'SimpleWorkflowService.RegisterDomain',
      JSON.stringify({ name: 'wire', workflowExecutionRetentionPeriodInDays: '1' }),
    );
    const res = await post(
      'com.amazonaws.swf.service.model.SimpleWorkflowService.ListDomains',
      '{"registrationStatus":"REGISTERED"}',
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { domainInfos: unknown[] }).domainInfos).toEqual([
      { name: 'wire', status: 'REGISTERED', arn: expect.any(String) },
    ]);
    const bare = await post('com.amazonaws.swf.service.model.SimpleWorkflowService.', '{}');
    expect(((await bare.json()) as { __type: string }).__type).toBe(
      'com.amazon.coral.service#UnknownOperationException',
    );
  });

  it('answers unknown or missing targets with UnknownOperationException', async () => {
    for (const target of ['SimpleWorkflowService.FlyToTheMoon', 'OtherService.ListDomains', undefined]) {
      const res = await post(target, '{}');
      expect(res.status).toBe(400);
      expect(((await res.json()) as { __type: string }).__type).toBe(
        'com.amazon.coral.service#UnknownOperationException',
      );
    }
  });

  it('accepts SigV4-signed requests without verifying them', async () => {
    const res = await fetch(`${server.url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'SimpleWorkflowService.ListDomains',
        'x-amz-date': '20260101T000000Z',
        authorization:
          'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/swf/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
      },
      body: '{"registrationStatus":"REGISTERED"}',
    });
    expect(res.status).toBe(200);
  });

  it('refuses bodies over the size cap with 413', async () => {
    const res = await post(
      'SimpleWorkflowService.ListDomains',
      JSON.stringify({ registrationStatus: 'REGISTERED', pad: 'x'.repeat(70 * 1024) }),
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toContain('exceeds the limit of 65536 bytes');
  });

  it('serves a status page and a health check', async () => {
    await post(
      'SimpleWorkflowService.RegisterDomain',
      JSON.stringify({ name: 'health', workflowExecutionRetentionPeriodInDays: '1' }),
    );
    await post(
      'SimpleWorkflowService.RegisterWorkflowType',
      JSON.stringify({ domain: 'health', name: 'W', version: '1' }),
    );
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`--endpoint-url ${server.url}`);
    const health = (await (await fetch(`${server.url}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', domains: 1, workflowTypes: 1 });
    expect((await fetch(`${server.url}/elsewhere`)).status).toBe(404);
  });
});

describe('createServer', () => {
  it('rejects a bad port and a port in use', async () => {
    await expect(createServer({ port: 70000 })).rejects.toThrow('port must be an integer from 0 to 65535');
    await expect(createServer({ port: server.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('closes twice without complaint', async () => {
    const other = await createServer({ port: 0 });
    await Promise.all([other.close(), other.close()]);
    await expect(fetch(`${other.url}/health`)).rejects.toThrow();
  });
});
