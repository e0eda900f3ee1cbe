/**
 * `createServer`'s options (and so `startServerThread`'s, checked on the calling thread) are
 * checked before anything starts: a value of the wrong type or out of range, or an option that does
 * not exist, is refused with an error that names the option, what it takes and what it got — never
 * taken silently (a `maxBodyBytes` of -1 refused every request with 413; `readOnly: 'yes'` left the
 * UI's actions on; `auth: 'KEY:SECRET'` as a string refused every request), and never a `TypeError`
 * from deep inside (`host.trim is not a function`).
 */
import { describe, expect, it } from 'vitest';
import { type CreateServerOptions, createServer, startServerThread } from '../src/index.js';

const cases: Array<[string, Record<string, unknown>, RegExp]> = [
  ['an unknown option', { prot: 1 }, /unknown createServer option\(s\): prot; known options are .*port/],
  ['a port given as a string', { port: '8787' }, /port must be an integer from 0 to 65535; got "8787"/],
  ['a host that is not a string', { host: 5 }, /host must be an interface to bind.*; got 5/],
  ['a negative maxBodyBytes', { maxBodyBytes: -1 }, /maxBodyBytes must be a whole number of bytes from 1; got -1/],
  ['a maxBodyBytes of NaN', { maxBodyBytes: NaN }, /maxBodyBytes must be a whole number of bytes from 1; got NaN/],
  [
    'a maxBodyBytes given as text',
    { maxBodyBytes: '1mb' },
    /maxBodyBytes must be a whole number of bytes from 1; got "1mb"/,
  ],
  ['auth as one string', { auth: 'AKID:secret' }, /auth must be an array of access keys.*; got "AKID:secret"/],
  [
    'an access key without its id',
    { auth: [{ accessKeyId: '', secretAccessKey: 's' }] },
    /auth\[0\]\.accessKeyId must be/,
  ],
  ['an access key without its secret', { auth: [{ accessKeyId: 'A' }] }, /auth\[0\]\.secretAccessKey must be/],
  [
    'allowedHosts as one string',
    { allowedHosts: 'swf.internal' },
    /allowedHosts must be 'any' or an array of host names; got "swf.internal"/,
  ],
  ['readOnly as text', { readOnly: 'yes' }, /readOnly must be true or false; got "yes"/],
  ['a dataDir that is not a string', { dataDir: 5 }, /dataDir must be a directory path or ':memory:'; got 5/],
  ['a region that is not a string', { region: 5 }, /region must be a non-empty string .*; got 5/],
  ['a logger without its methods', { logger: {} }, /logger must have debug, info, warn and error methods/],
  [
    'lambdas.handlers that is not a path',
    { lambdas: { handlers: 5 } },
    /lambdas\.handlers must be the path of a directory; got 5/,
  ],
];

describe.each([
  ['createServer', (o: Record<string, unknown>) => createServer(o as CreateServerOptions)],
  ['startServerThread', (o: Record<string, unknown>) => startServerThread(o as never)],
])('%s refuses, before starting', (_shape, start) => {
  it.each(cases)('%s', async (_what, patch, message) => {
    const started = start({ dataDir: ':memory:', port: 0, ...patch });
    const err = await started.then(
      async (s) => {
        await s.close();
        return expect.fail('started');
      },
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(message);
  });
});

describe('createServer still takes', () => {
  it('the documented shapes of every option', async () => {
    const server = await createServer({
      dataDir: ':memory:',
      port: 0,
      host: '127.0.0.1',
      maxBodyBytes: 2048,
      auth: [{ accessKeyId: 'AKID', secretAccessKey: 'secret' }],
      allowedHosts: ['swf.internal', '.example.com'],
      readOnly: true,
      region: 'eu-west-1',
      accountId: '123456789012',
      pollTimeoutMs: 1000,
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
      keepAliveTimeoutMs: 3000,
      durability: 'normal',
    });
    await server.close();
    const any = await createServer({ dataDir: ':memory:', port: 0, allowedHosts: 'any' });
    await any.close();
  });
});
