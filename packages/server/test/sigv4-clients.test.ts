/**
 * SigV4 verification with real clients over HTTP (issue 15, point 4): a service started with access
 * keys answers the AWS SDK for JavaScript, the AWS CLI and boto 2 when they sign with one of its keys,
 * and refuses unsigned, mis-signed, expired and unknown-key requests with SWF's faults. The project's
 * own workers and client are covered in packages/worker/test/auth.test.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ListDomainsCommand, RegisterDomainCommand, SWFClient, SWFServiceException } from '@aws-sdk/client-swf';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessKey, type LocalSwfServer, createServer } from '../src/index.js';

const run = promisify(execFile);
const OPS: AccessKey = { accessKeyId: 'AKIDOPS', secretAccessKey: 'ops/secret+1' };
const TEAM: AccessKey = { accessKeyId: 'AKIDTEAM', secretAccessKey: 'team-secret' };
const home = mkdtempSync(join(tmpdir(), 'swf-flow-sigv4-'));
let server: LocalSwfServer;

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0, auth: [OPS, TEAM] });
});
afterAll(() => server.close());

function sdk(credentials: AccessKey, extra: Partial<ConstructorParameters<typeof SWFClient>[0]> = {}): SWFClient {
  return new SWFClient({ endpoint: server.url, region: 'eu-west-1', credentials, maxAttempts: 1, ...extra });
}

async function sdkFault(client: SWFClient): Promise<SWFServiceException> {
  const err = await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' })).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SWFServiceException);
  return err as SWFServiceException;
}

/** POSTs ListDomains with the given extra headers (and no signature unless they carry one). */
async function post(
  headers: Record<string, string>,
  body = '{"registrationStatus":"REGISTERED"}',
): Promise<{ status: number; fault: { __type: string; message: string } }> {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'SimpleWorkflowService.ListDomains',
      ...headers,
    },
    body,
  });
  return { status: res.status, fault: (await res.json()) as { __type: string; message: string } };
}

describe('SigV4 verification over HTTP', () => {
  it('the AWS SDK for JavaScript passes with either key, in any region', async () => {
    await sdk(OPS).send(new RegisterDomainCommand({ name: 'signed-ops', workflowExecutionRetentionPeriodInDays: '1' }));
    const listed = await sdk(TEAM, { region: 'us-west-2' }).send(
      new ListDomainsCommand({ registrationStatus: 'REGISTERED' }),
    );
    expect(listed.domainInfos?.map((d) => d.name)).toContain('signed-ops');
  });

  it('a wrong secret: InvalidSignatureException (400)', async () => {
    const err = await sdkFault(sdk({ accessKeyId: OPS.accessKeyId, secretAccessKey: 'guessed' }));
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
  });

  it('an unknown access key: UnrecognizedClientException (400)', async () => {
    const err = await sdkFault(sdk({ accessKeyId: 'local', secretAccessKey: 'local' }));
    expect(err.name).toBe('UnrecognizedClientException');
    expect(err.message).toContain("does not know the access key 'local'");
  });

  it('an unsigned request: MissingAuthenticationTokenException (400)', async () => {
    const { status, fault } = await post({});
    expect(status).toBe(400);
    expect(fault.__type).toBe('com.amazon.coral.service#MissingAuthenticationTokenException');
  });

  it('a request signed 20 minutes ago: InvalidSignatureException, Signature expired', async () => {
    const signer = new SignatureV4({
      service: 'swf',
      region: 'us-east-1',
      credentials: OPS,
      sha256: Hash.bind(null, 'sha256'),
    });
    const body = '{"registrationStatus":"REGISTERED"}';
    const host = new URL(server.url).host;
    const signedRequest = await signer.sign(
      {
        method: 'POST',
        protocol: 'http:',
        hostname: '127.0.0.1',
        path: '/',
        query: {},
        headers: {
          host,
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'SimpleWorkflowService.ListDomains',
        },
        body,
      },
      { signingDate: new Date(Date.now() - 20 * 60_000) },
    );
    const { host: _host, ...headers } = signedRequest.headers;
    const { status, fault } = await post(headers, body);
    expect(status).toBe(400);
    expect(fault.__type).toBe('com.amazon.coral.service#InvalidSignatureException');
    expect(fault.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
  });

  it("an SDK client whose clock is 20 minutes slow recovers by the SDK's own clock-skew correction", async () => {
    const client = sdk(OPS, { maxAttempts: 2, systemClockOffset: -20 * 60_000 });
    const out = await client.send(new ListDomainsCommand({ registrationStatus: 'REGISTERED' }));
    expect(out.$metadata.attempts).toBe(2); // the first, expired, was refused
  });

  it('the web UI is off, its pages and its actions; /health answers', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(403);
    expect(await page.text()).toMatch(/^The web UI is off: this service requires signed requests/);
    const action = await fetch(`${server.url}/ui/actions/terminate`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'domain=signed-ops&workflowId=w&runId=r',
    });
    expect(action.status).toBe(403);
    expect(await action.text()).toMatch(/^The web UI is off/);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});

describe('the AWS CLI against a service with keys', () => {
  async function aws(key: AccessKey, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(
        'aws',
        ['swf', ...args, '--endpoint-url', server.url, '--region', 'us-east-1', '--output', 'json'],
        {
          env: {
            PATH: process.env.PATH ?? '',
            HOME: home,
            AWS_ACCESS_KEY_ID: key.accessKeyId,
            AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
            AWS_CONFIG_FILE: join(home, 'config'),
            AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
            AWS_PAGER: '',
            AWS_MAX_ATTEMPTS: '1',
          },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('passes with a key and fails clearly with a wrong one', { timeout: 180_000 }, async () => {
    const registered = await aws(
      TEAM,
      'register-domain',
      '--name',
      'signed-cli',
      '--workflow-execution-retention-period-in-days',
      '1',
    );
    expect(registered.code, registered.stderr).toBe(0);
    const listed = await aws(TEAM, 'list-domains', '--registration-status', 'REGISTERED');
    expect(JSON.parse(listed.stdout)).toEqual({
      domainInfos: expect.arrayContaining([expect.objectContaining({ name: 'signed-cli' })]),
    });
    const wrong = await aws(
      { accessKeyId: TEAM.accessKeyId, secretAccessKey: 'nope' },
      'list-domains',
      '--registration-status',
      'REGISTERED',
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain(
      'An error occurred (InvalidSignatureException) when calling the ListDomains operation: The request signature we calculated does not match',
    );
  });
});

describe('boto 2 against a service with keys', () => {
  const PROGRAM = fileURLToPath(new URL('./boto2/ab_workflow.py', import.meta.url));

  async function register(key: AccessKey): Promise<{ code: number; out: string }> {
    const dir = mkdtempSync(join(home, 'boto-'));
    writeFileSync(join(dir, 'endpoints.json'), JSON.stringify({ swf: { 'us-east-1': '127.0.0.1' } }));
    writeFileSync(
      join(dir, 'boto.cfg'),
      [
        '[Credentials]',
        `aws_access_key_id = ${key.accessKeyId}`,
        `aws_secret_access_key = ${key.secretAccessKey}`,
        `s3_port = ${server.port}`,
        '[Boto]',
        'is_secure = False',
        `endpoints_path = ${join(dir, 'endpoints.json')}`,
        'num_retries = 0',
        '[SWF]',
        'region = us-east-1',
        '',
      ].join('\n'),
    );
    try {
      const { stdout } = await run('/usr/bin/python3', [PROGRAM, 'register'], {
        env: { PATH: process.env.PATH ?? '', HOME: dir, BOTO_CONFIG: join(dir, 'boto.cfg') },
        timeout: 60_000,
      });
      return { code: 0, out: stdout };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: `${e.stdout}${e.stderr}` };
    }
  }

  it('passes with a key and fails clearly with a wrong one', { timeout: 180_000 }, async () => {
    const ok = await register(OPS);
    expect(ok.out).toContain('ab-seed registered');
    expect(ok.code).toBe(0);
    const wrong = await register({ accessKeyId: 'AKIDSTRANGER', secretAccessKey: 'x' });
    expect(wrong.code).not.toBe(0);
    expect(wrong.out).toContain('UnrecognizedClientException');
  });
});
