import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';

function io(): { out: string[]; err: string[]; stop: AbortController; io: Parameters<typeof main>[1] } {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  return { out, err, stop, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), signal: stop.signal } };
}

/** GET /health on 127.0.0.1:`port` addressed to `host`; resolves with the status. */
function health(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('swf-flow server --allowed-hosts', () => {
  it('answers the listed names and loopback, refuses others', async () => {
    const t = io();
    const status = main(
      ['server', '--port', '0', '--data', ':memory:', '--allowed-hosts', 'swf.internal, .example.com'],
      t.io,
    );
    await expect.poll(() => t.out.join(''), { timeout: 10_000 }).toMatch(/web UI: /); // a loaded machine starts slower than the default 1 s
    const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)\n/.exec(t.out.join(''))?.[1]);
    expect(await health(port, `swf.internal:${port}`)).toBe(200);
    expect(await health(port, 'a.example.com')).toBe(200);
    expect(await health(port, `localhost:${port}`)).toBe(200);
    expect(await health(port, 'evil.test')).toBe(403);
    t.stop.abort();
    await expect(status).resolves.toBe(0);
  });

  it('is listed in the help', async () => {
    const t = io();
    await expect(main(['server', '--help'], t.io)).resolves.toBe(0);
    expect(t.out.join('')).toContain('--allowed-hosts <names>');
  });
});

describe('swf-flow server --auth', () => {
  it('requires signatures by the keys given (repeated, comma-separated or in SWF_FLOW_AUTH) and turns the UI off', async () => {
    const t = io();
    process.env.SWF_FLOW_AUTH = 'AKIDENV:env-secret';
    let status: Promise<number>;
    try {
      status = main(
        [
          'server',
          '--port',
          '0',
          '--data',
          ':memory:',
          '--auth',
          'AKIDONE:one',
          '--auth',
          'AKIDTWO:two,AKIDTHREE:three',
        ],
        t.io,
      );
      await expect.poll(() => t.out.join(''), { timeout: 10_000 }).toMatch(/web UI: off/); // a loaded machine starts slower than the default 1 s
    } finally {
      delete process.env.SWF_FLOW_AUTH;
    }
    expect(t.out.join('')).toMatch(
      /\nweb UI: off: requests must be signed with one of 4 access keys \(AKIDONE, AKIDTWO, AKIDTHREE, AKIDENV\)\n$/,
    );
    expect(t.out.join('')).not.toContain('secret');
    const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)\n/.exec(t.out.join(''))?.[1]);
    const unsigned = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'SimpleWorkflowService.ListDomains' },
      body: '{}',
    });
    expect(((await unsigned.json()) as { __type: string }).__type).toBe(
      'com.amazon.coral.service#MissingAuthenticationTokenException',
    );
    expect(await health(port, `127.0.0.1:${port}`)).toBe(200);
    t.stop.abort();
    await expect(status).resolves.toBe(0);
  });

  it('refuses a malformed pair without echoing it', async () => {
    const t = io();
    await expect(
      main(['server', '--port', '0', '--data', ':memory:', '--auth', 'no-colon-secret'], t.io),
    ).resolves.toBe(2);
    expect(t.err.join('')).toMatch(
      /^swf-flow server: --auth: an access key is written ACCESS_KEY_ID:SECRET_ACCESS_KEY/,
    );
    expect(t.err.join('')).not.toContain('no-colon-secret');
  });
});
