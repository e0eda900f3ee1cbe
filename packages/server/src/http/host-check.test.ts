import { describe, expect, it } from 'vitest';
import { createHostCheck, hostName, isLoopbackName } from './host-check.js';

describe('hostName', () => {
  it.each([
    ['localhost:8787', 'localhost'],
    ['LOCALHOST', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]:8787', '::1'],
    ['[::1]', '::1'],
    ['localhost.:80', 'localhost'],
    ['evil.test:8787', 'evil.test'],
  ])('%s names %s', (host, name) => expect(hostName(host)).toBe(name));
});

describe('isLoopbackName', () => {
  it.each(['localhost', 'app.localhost', '127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1'])(
    '%s is loopback',
    (name) => expect(isLoopbackName(name)).toBe(true),
  );
  it.each(['localhost.evil.test', 'evil.test', '10.0.0.1', '0.0.0.0', '::', '128.0.0.1', 'localhostx'])(
    '%s is not',
    (name) => expect(isLoopbackName(name)).toBe(false),
  );
});

describe('createHostCheck', () => {
  it('bound to loopback: loopback names and addresses with or without a port; nothing else', () => {
    const check = createHostCheck('127.0.0.1');
    for (const ok of ['localhost', 'localhost:8787', '127.0.0.1', '127.0.0.1:8787', '[::1]:8787', '[::1]', undefined])
      expect(check.refuse(ok), String(ok)).toBeUndefined();
    for (const bad of ['evil.test', 'evil.test:8787', '10.0.0.5:8787', 'localhost.evil.test:8787', ''])
      expect(check.refuse(bad), bad).toMatch(/is not a name this service answers to/);
  });

  it('the refusal says what the service answers to and how to add a name', () => {
    expect(createHostCheck('127.0.0.1').refuse('swf.internal:8787')).toBe(
      "Host 'swf.internal:8787' is not a name this service answers to: listening on 127.0.0.1, it answers requests addressed to localhost, 127.0.0.1 or [::1] " +
        '(a guard against DNS rebinding, where a web page reaches a local service under its own name). ' +
        'To reach it under this name, start it with --allowed-hosts swf.internal (createServer option allowedHosts).',
    );
  });

  it('bound to another interface: also any IP address, but no unlisted name', () => {
    const check = createHostCheck('0.0.0.0');
    for (const ok of ['10.0.0.5:8787', '192.168.1.2', '[fe80::1]:8787', 'localhost:8787'])
      expect(check.refuse(ok), ok).toBeUndefined();
    expect(check.refuse('swf.internal:8787')).toMatch(/localhost, 127\.0\.0\.1, \[::1\] or an IP address/);
  });

  it('allowedHosts adds exact names and, with a leading dot, a domain and its subdomains', () => {
    const check = createHostCheck('0.0.0.0', ['swf.internal', '.example.com', '[fe80::2]']);
    for (const ok of ['swf.internal:8787', 'SWF.INTERNAL', 'example.com', 'a.b.example.com:1'])
      expect(check.refuse(ok), ok).toBeUndefined();
    for (const bad of ['x.swf.internal', 'badexample.com', 'example.com.evil.test'])
      expect(check.refuse(bad), bad).toMatch(/or swf\.internal, \.example\.com, fe80::2 \(/);
  });

  it("'any' answers every Host", () => {
    expect(createHostCheck('127.0.0.1', 'any').refuse('evil.test')).toBeUndefined();
  });

  it('refuses entries that are not names', () => {
    for (const bad of ['', '*', '*.example.com', 'http://x', 'a b'])
      expect(() => createHostCheck('127.0.0.1', [bad]), bad).toThrow(/is not a host name/);
  });
});
