/**
 * The Host check over real HTTP (issue 15, point 4): a loopback-bound service answers requests
 * addressed to loopback names in every form clients send (boto 2 sends `Host` without a port), and
 * refuses every other name with a 403 `AccessDeniedException` before running anything.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { ListDomainsCommand } from '@aws-sdk/client-swf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { httpClient } from './support/sdk.js';

let server: LocalSwfServer;
let named: LocalSwfServer;

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0 });
  named = await createServer({ dataDir: ':memory:', port: 0, allowedHosts: ['swf.internal'] });
});
afterAll(async () => {
  await server.close();
  await named.close();
});

/** Sends one request to `to` on 127.0.0.1 with the given Host header. */
function send(
  to: LocalSwfServer,
  host: string,
  method: 'GET' | 'POST',
  body = '',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = {
      host,
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'SimpleWorkflowService.RegisterDomain',
    };
    const req = request({ host: '127.0.0.1', port: to.port, method, path: '/', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const domain = (name: string): string => JSON.stringify({ name, workflowExecutionRetentionPeriodInDays: '1' });

describe('Host check over HTTP', () => {
  it.each([
    ['localhost with the port', (p: number) => `localhost:${p}`],
    ['localhost without a port (boto 2)', () => 'localhost'],
    ['127.0.0.1 with the port', (p: number) => `127.0.0.1:${p}`],
    ['127.0.0.1 without a port (boto 2)', () => '127.0.0.1'],
    ['[::1] with the port', (p: number) => `[::1]:${p}`],
    ['[::1] without a port', () => '[::1]'],
  ])('answers %s', async (what, host) => {
    const res = await send(server, host(server.port), 'POST', domain(`ok-${what.replace(/\W+/g, '-')}`));
    expect(res.status, res.text).toBe(200);
  });

  it('answers an HTTP/1.0 request without Host (browsers always send one)', async () => {
    const body = domain('no-host');
    const head = `POST / HTTP/1.0\r\ncontent-type: application/x-amz-json-1.0\r\nx-amz-target: SimpleWorkflowService.RegisterDomain\r\ncontent-length: ${body.length}\r\n\r\n`;
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(server.port, '127.0.0.1', () => socket.end(head + body));
      socket.setEncoding('utf8');
      socket.on('data', (c: string) => (text += c));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });

  it.each(['evil.test', 'evil.test:8787', '10.1.2.3:8787', 'localhost.evil.test'])(
    'refuses Host %s with a 403 AccessDeniedException and runs nothing',
    async (host) => {
      const res = await send(server, host, 'POST', domain('refused'));
      expect(res.status).toBe(403);
      const fault = JSON.parse(res.text) as { __type: string; message: string };
      expect(fault.__type).toBe('com.amazon.coral.service#AccessDeniedException');
      expect(fault.message).toContain(`Host '${host}' is not a name this service answers to`);
      const listed = await httpClient(server.url).send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
      expect(listed.domainInfos?.map((d) => d.name)).not.toContain('refused');
    },
  );

  it('refuses the web UI under another name with a plain-text 403', async () => {
    const res = await send(server, 'evil.test', 'GET');
    expect(res.status).toBe(403);
    expect(res.text).toMatch(/^Host 'evil\.test' is not a name this service answers to/);
  });

  it('allowedHosts adds a name; loopback names still work', async () => {
    expect((await send(named, `swf.internal:${named.port}`, 'POST', domain('by-name'))).status).toBe(200);
    expect((await send(named, 'localhost', 'POST', domain('by-loopback'))).status).toBe(200);
    expect((await send(named, 'other.internal', 'POST', domain('other'))).status).toBe(403);
  });
});
