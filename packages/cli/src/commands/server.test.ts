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
    const status = main(['server', '--port', '0', '--data', ':memory:', '--allowed-hosts', 'swf.internal, .example.com'], t.io);
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
