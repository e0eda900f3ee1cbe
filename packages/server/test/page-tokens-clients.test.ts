/**
 * The service's opaque page tokens work with the AWS tools' own paging: the AWS CLI's
 * `--max-items` / `--page-size` / `--starting-token` (the CLI wraps the service's token in one of its
 * own) and botocore's paginators (boto3's `get_paginator`), over the execution lists and the
 * registry's, each item once and in order.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RegisterDomainCommand, RegisterWorkflowTypeCommand, StartWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { httpClient } from './support/sdk.js';

const run = promisify(execFile);
const home = mkdtempSync(join(tmpdir(), 'swf-flow-paging-'));
let server: LocalSwfServer;
const env = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? '',
  HOME: home,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: join(home, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
  AWS_PAGER: '',
});

const WORKFLOWS = ['w1', 'w2', 'w3', 'w4', 'w5'];
const DOMAINS = ['d', 'e1', 'e2', 'e3'];

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0 });
  const swf = httpClient(server.url);
  for (const name of DOMAINS)
    await swf.send(new RegisterDomainCommand({ name, workflowExecutionRetentionPeriodInDays: '1' }));
  await swf.send(
    new RegisterWorkflowTypeCommand({
      domain: 'd',
      name: 'W',
      version: '1',
      defaultTaskList: { name: 'wf' },
      defaultExecutionStartToCloseTimeout: '600',
      defaultTaskStartToCloseTimeout: '30',
      defaultChildPolicy: 'TERMINATE',
    }),
  );
  for (const workflowId of WORKFLOWS)
    await swf.send(
      new StartWorkflowExecutionCommand({ domain: 'd', workflowId, workflowType: { name: 'W', version: '1' } }),
    );
});
afterAll(() => server.close());

/** Runs `aws swf <args>` against the server and parses its JSON output. */
async function aws(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    'aws',
    ['swf', ...args, '--endpoint-url', server.url, '--region', 'us-east-1', '--output', 'json'],
    { env: env() },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** A Python interpreter with botocore (the one on PATH, or Debian's, which awscli installs it into). */
async function pythonWithBotocore(): Promise<string> {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      await run(python, ['-c', 'import botocore.session']);
      return python;
    } catch {
      // try the next
    }
  }
  throw new Error(
    "botocore is missing: install Debian's awscli (apt-get install -y awscli, which brings python3-botocore), as .ci/run does.",
  );
}

const PAGINATE = `
import json, sys, botocore.session
client = botocore.session.get_session().create_client('swf', endpoint_url=sys.argv[1], region_name='us-east-1')
op, args, config = sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
pages = client.get_paginator(op).paginate(PaginationConfig=config, **args)
key = 'executionInfos' if op.endswith('executions') else 'domainInfos'
items = [i['execution']['workflowId'] if key == 'executionInfos' else i['name'] for page in pages for i in page[key]]
print(json.dumps({'items': items, 'next': pages.resume_token}))
`;

async function paginate(
  op: string,
  args: Record<string, unknown>,
  config: Record<string, unknown>,
): Promise<{ items: string[]; next: string | null }> {
  const { stdout } = await run(
    await pythonWithBotocore(),
    ['-c', PAGINATE, server.url, op, JSON.stringify(args), JSON.stringify(config)],
    { env: env() },
  );
  return JSON.parse(stdout) as { items: string[]; next: string | null };
}

describe("the AWS tools' paging over the service's tokens", () => {
  it(
    'aws swf list-open-workflow-executions --max-items / --page-size / --starting-token',
    { timeout: 120_000 },
    async () => {
      const seen: string[] = [];
      let token: string | undefined;
      for (let calls = 0; calls < 10; calls++) {
        const out = await aws(
          'list-open-workflow-executions',
          '--domain',
          'd',
          '--start-time-filter',
          'oldestDate=0',
          '--page-size',
          '2',
          '--max-items',
          '2',
          ...(token ? ['--starting-token', token] : []),
        );
        seen.push(
          ...(out.executionInfos as { execution: { workflowId: string } }[]).map((i) => i.execution.workflowId),
        );
        token = out.NextToken as string | undefined;
        if (!token) break;
      }
      expect(seen).toEqual([...WORKFLOWS].reverse());
    },
  );

  it('aws swf list-domains pages the registry the same way', { timeout: 60_000 }, async () => {
    const first = await aws(
      'list-domains',
      '--registration-status',
      'REGISTERED',
      '--page-size',
      '1',
      '--max-items',
      '3',
    );
    const rest = await aws(
      'list-domains',
      '--registration-status',
      'REGISTERED',
      '--page-size',
      '1',
      '--starting-token',
      first.NextToken as string,
    );
    const names = [...(first.domainInfos as { name: string }[]), ...(rest.domainInfos as { name: string }[])].map(
      (d) => d.name,
    );
    expect(names).toEqual(DOMAINS);
  });

  it("botocore's paginators, whole and resumed from their resume token", { timeout: 60_000 }, async () => {
    const args = { domain: 'd', startTimeFilter: { oldestDate: 0 }, reverseOrder: true };
    const whole = await paginate('list_open_workflow_executions', args, { PageSize: 2 });
    expect(whole.items).toEqual(WORKFLOWS);
    const part = await paginate('list_open_workflow_executions', args, { PageSize: 2, MaxItems: 3 });
    expect(part.items).toEqual(WORKFLOWS.slice(0, 3));
    const resumed = await paginate('list_open_workflow_executions', args, {
      PageSize: 2,
      StartingToken: part.next,
    });
    expect(resumed.items).toEqual(WORKFLOWS.slice(3));
    const domains = await paginate('list_domains', { registrationStatus: 'REGISTERED' }, { PageSize: 3 });
    expect(domains.items).toEqual(DOMAINS);
  });
});
