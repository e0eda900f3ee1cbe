/**
 * The default request size limit is Amazon SWF's quota of 1 MB per request: a body just under it is
 * read and answered by the operation, one byte over it gets a 413 that names the limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';

let server: LocalSwfServer;
beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0 });
});
afterAll(() => server.close());

/** A ListDomains request padded with an unknown member to exactly `bytes` bytes. */
function post(bytes: number): Promise<Response> {
  const bare = JSON.stringify({ registrationStatus: 'REGISTERED', pad: '' });
  const body = JSON.stringify({ registrationStatus: 'REGISTERED', pad: 'x'.repeat(bytes - bare.length) });
  expect(Buffer.byteLength(body)).toBe(bytes);
  return fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'SimpleWorkflowService.ListDomains' },
    body,
  });
}

describe('the default request size limit', () => {
  it('reads a body of exactly 1 MiB', async () => {
    const res = await post(1024 * 1024);
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });

  it('refuses a body one byte over 1 MiB with a 413 that names the limit and what to do', async () => {
    const res = await post(1024 * 1024 + 1);
    expect(res.status).toBe(413);
    const fault = (await res.json()) as { __type: string; message: string };
    expect(fault.__type).toContain('SerializationException');
    expect(fault.message).toContain('exceeds the limit of 1048576 bytes (Amazon SWF takes at most 1 MB per request)');
    expect(fault.message).toContain('pass a reference');
  });
});
