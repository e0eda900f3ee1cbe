/**
 * DNS rebinding in real headless Chromium (issue 15, point 4). The attack: a page on `rebind.test`
 * is loaded from the attacker, then the attacker's DNS answers 127.0.0.1 for that name, so the
 * page's same-origin requests reach the local service. Chromium plays it with its own resolver
 * (`--host-resolver-rules` maps the name to 127.0.0.1) and the attacker's page is the one document
 * the test hands to the browser; every request the page makes goes over the network to the service.
 * Chromium's own Local Network Access checks are switched off: they stop a plain-http public page
 * from reaching loopback in current Chromium only, not in Firefox or Safari, not in older
 * browsers and not for a secure page the user lets through, so the service must hold without them.
 *
 * The same attack against a service with the check switched off (`allowedHosts: 'any'`, what
 * every version before the check did) registers a domain and reads the domain list: that control
 * proves the page really reaches the service, so the refusal is the check's doing.
 */
import { ListDomainsCommand } from '@aws-sdk/client-swf';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { httpClient } from './support/sdk.js';

const EVIL = 'rebind.test';
let browser: Browser;
const servers: LocalSwfServer[] = [];

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [`--host-resolver-rules=MAP ${EVIL} 127.0.0.1`, '--disable-features=LocalNetworkAccessChecks'],
  });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
});

async function start(options: Parameters<typeof createServer>[0] = {}): Promise<LocalSwfServer> {
  const server = await createServer({ dataDir: ':memory:', port: 0, ...options });
  servers.push(server);
  return server;
}

interface Answer {
  status: number;
  body: string;
}

/** What the attacker's page does once its name points at 127.0.0.1: register a domain, list domains, read the UI. */
async function attack(port: number): Promise<{ register: Answer; list: Answer; ui: Answer }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const origin = `http://${EVIL}:${port}`;
    // The attacker's document, as its server sent it before the name was rebound.
    await page.route(`${origin}/attack.html`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>cute cats</title>' }),
    );
    await page.goto(`${origin}/attack.html`);
    return await page.evaluate(async () => {
      const swf = async (target: string, input: object): Promise<{ status: number; body: string }> => {
        const res = await fetch('/', {
          method: 'POST',
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `SimpleWorkflowService.${target}` },
          body: JSON.stringify(input),
        });
        return { status: res.status, body: await res.text() };
      };
      const register = await swf('RegisterDomain', { name: 'rebound', workflowExecutionRetentionPeriodInDays: '1' });
      const list = await swf('ListDomains', { registrationStatus: 'REGISTERED' });
      const home = await fetch('/');
      return { register, list, ui: { status: home.status, body: await home.text() } };
    });
  } finally {
    await context.close();
  }
}

async function domains(server: LocalSwfServer): Promise<string[]> {
  const out = await httpClient(server.url).send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
  return (out.domainInfos ?? []).map((d) => d.name ?? '');
}

describe('DNS rebinding from a web page in headless Chromium', () => {
  it('control: with the check off, the rebound page registers a domain and reads the list', async () => {
    const server = await start({ allowedHosts: 'any' });
    const { register, list, ui } = await attack(server.port);
    expect(register.status).toBe(200);
    expect(JSON.parse(list.body)).toEqual({ domainInfos: [expect.objectContaining({ name: 'rebound' })] });
    expect(ui.status).toBe(200);
    expect(await domains(server)).toEqual(['rebound']);
  });

  it('bound to loopback, the service refuses the rebound page: nothing registered, nothing read', async () => {
    const server = await start();
    const { register, list, ui } = await attack(server.port);
    for (const answer of [register, list]) {
      expect(answer.status).toBe(403);
      const fault = JSON.parse(answer.body) as { __type: string; message: string };
      expect(fault.__type).toBe('com.amazon.coral.service#AccessDeniedException');
      expect(fault.message).toContain(`Host '${EVIL}:${server.port}' is not a name this service answers to`);
      expect(fault.message).toContain(`--allowed-hosts ${EVIL}`);
    }
    expect(list.body).not.toContain('domainInfos');
    expect(ui.status).toBe(403);
    expect(ui.body).not.toContain('<html');
    expect(await domains(server)).toEqual([]);
  });

  it('the web UI still opens in the browser at 127.0.0.1 and at localhost', async () => {
    const server = await start();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      for (const base of [`http://127.0.0.1:${server.port}/`, `http://localhost:${server.port}/`]) {
        const res = await page.goto(base);
        expect(res?.status(), base).toBe(200);
        expect(await page.title(), base).toContain('swf-flow');
      }
    } finally {
      await context.close();
    }
  });
});
