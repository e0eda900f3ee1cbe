/**
 * Names over real HTTP (issue 12, point 8). A lone UTF-16 surrogate cannot be stored as sent (SQLite
 * keeps UTF-8): it used to be accepted and stored changed, after which the domain could no longer
 * be found under the name the API listed, and the web UI's home page answered 404 for everyone. SWF
 * does not document this case; the service refuses such a name with ValidationException. A name an
 * older version stored that way no longer takes the home page down.
 */
import { RegisterDomainCommand, type SWFClient } from '@aws-sdk/client-swf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { call, fails, httpClient } from './support/sdk.js';

let server: LocalSwfServer;
let swf: SWFClient;

beforeEach(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0 });
  swf = httpClient(server.url);
  await call(swf, new RegisterDomainCommand({ name: 'fine', workflowExecutionRetentionPeriodInDays: '1' }));
});
afterEach(() => server.close());

describe('domain names', () => {
  it('a lone surrogate is refused; the home page still lists every domain', async () => {
    for (const name of ['\ud800', 'x\udc00', 'emoji-half-\ud83d']) {
      await fails(
        swf,
        new RegisterDomainCommand({ name, workflowExecutionRetentionPeriodInDays: '1' }),
        'ValidationException',
        'well-formed Unicode',
      );
    }
    await call(swf, new RegisterDomainCommand({ name: 'emoji-😀', workflowExecutionRetentionPeriodInDays: '1' }));
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    const text = await home.text();
    expect(text).toContain('>fine</a>');
    expect(text).toContain('>emoji-😀</a>');
  });

  it('SWF name rule at registration: no ":", "/", "|", control characters, edge whitespace or "arn"', async () => {
    for (const name of ['a:b', 'a/b', 'a|b', 'a\u0000b', 'a\u0085b', 'arn', ' padded']) {
      await fails(
        swf,
        new RegisterDomainCommand({ name, workflowExecutionRetentionPeriodInDays: '1' }),
        'ValidationException',
        "Member must not contain ':'",
      );
    }
  });

  it('a domain an older version stored changed does not take the home page away from everyone', async () => {
    // Older versions stored this name without validating it (the registry itself does not check it).
    server.service.registry.handlers.RegisterDomain!(
      { name: 'legacy-\ud800', workflowExecutionRetentionPeriodInDays: '1' },
      {},
    );
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    const text = await home.text();
    expect(text).toMatch(/>fine<\/a><\/td><td><span class="badge s-registered">REGISTERED<\/span><\/td>\s*<td>0<\/td>/);
    expect(text).toMatch(
      />legacy-\uFFFD+<\/a><\/td><td><span class="badge s-registered">REGISTERED<\/span><\/td>\s*<td>\?<\/td>/,
    );
  });
});
