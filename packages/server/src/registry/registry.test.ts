import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { openDatabase } from '../db.js';
import { SwfFault } from '../faults.js';
import { validateInput } from '../model/validate.js';
import type { RegistryOperationName } from '../operation.js';
import { Registry } from './registry.js';
import { registrySchema } from './schema.js';

type Call = (op: RegistryOperationName, input: unknown) => unknown;

/** Runs a registry operation as the service does: the input validated against the model first. */
function caller(registry: Registry): Call {
  const run = <K extends RegistryOperationName>(op: K, input: unknown): unknown =>
    registry.handlers[op](validateInput(op, input), {});
  return run;
}

function setup(): { registry: Registry; clock: ManualClock; call: Call } {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const registry = new Registry({ db: openDatabase(':memory:', registrySchema), clock });
  return { registry, clock, call: caller(registry) };
}

function faultOf(fn: () => unknown): { fault: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof SwfFault) return { fault: err.fault, message: err.message };
    throw err;
  }
  throw new Error('expected a fault');
}

const wf = (name: string, version = '1.0'): { domain: string; workflowType: { name: string; version: string } } => ({
  domain: 'sample',
  workflowType: { name, version },
});

describe('Registry', () => {
  it('registers, describes, deprecates and undeprecates a domain', () => {
    const { registry, call } = setup();
    call('RegisterDomain', { name: 'sample', description: 'd', workflowExecutionRetentionPeriodInDays: '3' });
    expect(registry.requireDomain('sample')).toEqual({
      name: 'sample',
      status: 'REGISTERED',
      description: 'd',
      retentionDays: 3,
    });
    expect(call('DescribeDomain', { name: 'sample' })).toEqual({
      domainInfo: {
        name: 'sample',
        status: 'REGISTERED',
        description: 'd',
        arn: 'arn:aws:swf:us-east-1:000000000000:/domain/sample',
      },
      configuration: { workflowExecutionRetentionPeriodInDays: '3' },
    });
    expect(
      faultOf(() => call('RegisterDomain', { name: 'sample', workflowExecutionRetentionPeriodInDays: '1' })).fault,
    ).toBe('DomainAlreadyExistsFault');
    expect(faultOf(() => call('UndeprecateDomain', { name: 'sample' })).fault).toBe('DomainAlreadyExistsFault');
    call('DeprecateDomain', { name: 'sample' });
    expect(registry.getDomain('sample')?.status).toBe('DEPRECATED');
    expect(faultOf(() => call('DeprecateDomain', { name: 'sample' })).fault).toBe('DomainDeprecatedFault');
    call('UndeprecateDomain', { name: 'sample' });
    expect(registry.getDomain('sample')?.status).toBe('REGISTERED');
  });

  it('answers unknown domains with SWF wording', () => {
    const { registry } = setup();
    expect(faultOf(() => registry.requireDomain('nope'))).toEqual({
      fault: 'UnknownResourceFault',
      message: 'Unknown domain: nope',
    });
    expect(registry.getDomain('nope')).toBeUndefined();
  });

  it('lists domains by status with paging and reverse order', () => {
    const { call } = setup();
    for (const name of ['c', 'a', 'b', 'd'])
      call('RegisterDomain', { name, workflowExecutionRetentionPeriodInDays: 'NONE' });
    call('DeprecateDomain', { name: 'd' });
    const page1 = call('ListDomains', { registrationStatus: 'REGISTERED', maximumPageSize: 2 }) as {
      domainInfos: { name: string }[];
      nextPageToken?: string;
    };
    expect(page1.domainInfos.map((d) => d.name)).toEqual(['a', 'b']);
    const page2 = call('ListDomains', {
      registrationStatus: 'REGISTERED',
      maximumPageSize: 2,
      nextPageToken: page1.nextPageToken,
    }) as {
      domainInfos: { name: string }[];
      nextPageToken?: string;
    };
    expect(page2.domainInfos.map((d) => d.name)).toEqual(['c']);
    expect(page2.nextPageToken).toBeUndefined();
    const rev = call('ListDomains', { registrationStatus: 'REGISTERED', reverseOrder: true }) as {
      domainInfos: { name: string }[];
    };
    expect(rev.domainInfos.map((d) => d.name)).toEqual(['c', 'b', 'a']);
    const dep = call('ListDomains', { registrationStatus: 'DEPRECATED' }) as { domainInfos: { name: string }[] };
    expect(dep.domainInfos.map((d) => d.name)).toEqual(['d']);
    const refused = faultOf(() =>
      call('ListDomains', { registrationStatus: 'DEPRECATED', nextPageToken: page1.nextPageToken }),
    );
    expect(refused.fault).toBe('ValidationException');
    // Which argument changed and what to do, as the engine's paged operations say it.
    expect(refused.message).toBe(
      'The nextPageToken is not valid for this ListDomains request: it was made for other arguments: keep every argument but nextPageToken and maximumPageSize as it was in the call that returned the token. ' +
        'Pass the nextPageToken the previous ListDomains call returned, unchanged, or leave it out to start from the first page.',
    );
  });

  it('runs a workflow type through its life cycle', () => {
    const { registry, clock, call } = setup();
    call('RegisterDomain', { name: 'sample', workflowExecutionRetentionPeriodInDays: '1' });
    call('RegisterWorkflowType', {
      domain: 'sample',
      name: 'HelloWorld',
      version: '1.0',
      defaultTaskList: { name: 'default' },
      defaultChildPolicy: 'TERMINATE',
      defaultExecutionStartToCloseTimeout: '3600',
      defaultTaskStartToCloseTimeout: 'NONE',
    });
    expect(registry.getWorkflowType('sample', 'HelloWorld', '1.0')).toEqual({
      domain: 'sample',
      name: 'HelloWorld',
      version: '1.0',
      status: 'REGISTERED',
      creationDate: Date.UTC(2026, 0, 1),
      defaultTaskList: 'default',
      defaultChildPolicy: 'TERMINATE',
      defaultExecutionStartToCloseTimeout: '3600',
      defaultTaskStartToCloseTimeout: 'NONE',
    });
    expect(
      faultOf(() => call('RegisterWorkflowType', { domain: 'sample', name: 'HelloWorld', version: '1.0' })),
    ).toEqual({
      fault: 'TypeAlreadyExistsFault',
      message: 'WorkflowType=[name=HelloWorld, version=1.0]',
    });
    expect(faultOf(() => call('DeleteWorkflowType', wf('HelloWorld'))).fault).toBe('TypeNotDeprecatedFault');
    expect(faultOf(() => call('UndeprecateWorkflowType', wf('HelloWorld'))).fault).toBe('TypeAlreadyExistsFault');
    clock.advance(1500);
    call('DeprecateWorkflowType', wf('HelloWorld'));
    expect(faultOf(() => call('DeprecateWorkflowType', wf('HelloWorld'))).fault).toBe('TypeDeprecatedFault');
    const described = call('DescribeWorkflowType', wf('HelloWorld')) as {
      typeInfo: Record<string, unknown>;
      configuration: unknown;
    };
    expect(described.typeInfo).toMatchObject({
      status: 'DEPRECATED',
      creationDate: Date.UTC(2026, 0, 1) / 1000,
      deprecationDate: Date.UTC(2026, 0, 1) / 1000 + 1.5,
    });
    expect(described.configuration).toMatchObject({ defaultTaskList: { name: 'default' } });
    call('DeleteWorkflowType', wf('HelloWorld'));
    expect(registry.getWorkflowType('sample', 'HelloWorld', '1.0')).toBeUndefined();
    expect(faultOf(() => call('DescribeWorkflowType', wf('HelloWorld')))).toEqual({
      fault: 'UnknownResourceFault',
      message: 'Unknown type: WorkflowType=[name=HelloWorld, version=1.0]',
    });
  });

  it('lists activity types by name filter, paging and reverse order', () => {
    const { registry, call } = setup();
    call('RegisterDomain', { name: 'sample', workflowExecutionRetentionPeriodInDays: '1' });
    for (const [name, version] of [
      ['Echo', '1.0'],
      ['Echo', '2.0'],
      ['Add', '1.0'],
    ] as const) {
      call('RegisterActivityType', { domain: 'sample', name, version, defaultTaskHeartbeatTimeout: '30' });
    }
    expect(registry.getActivityType('sample', 'Echo', '2.0')?.defaultTaskHeartbeatTimeout).toBe('30');
    const list = (
      input: Record<string, unknown>,
    ): { typeInfos: { activityType: { name: string; version: string } }[]; nextPageToken?: string } =>
      call('ListActivityTypes', { domain: 'sample', registrationStatus: 'REGISTERED', ...input }) as never;
    const names = (r: ReturnType<typeof list>): string[] =>
      r.typeInfos.map((t) => `${t.activityType.name}@${t.activityType.version}`);
    expect(names(list({}))).toEqual(['Add@1.0', 'Echo@1.0', 'Echo@2.0']);
    expect(names(list({ name: 'Echo', reverseOrder: true }))).toEqual(['Echo@2.0', 'Echo@1.0']);
    const p1 = list({ maximumPageSize: 2 });
    expect(names(p1)).toEqual(['Add@1.0', 'Echo@1.0']);
    expect(names(list({ maximumPageSize: 2, nextPageToken: p1.nextPageToken }))).toEqual(['Echo@2.0']);
    expect(faultOf(() => call('ListActivityTypes', { domain: 'nope', registrationStatus: 'REGISTERED' })).fault).toBe(
      'UnknownResourceFault',
    );
  });

  it('rejects bad names, timeouts and registrations in deprecated domains', () => {
    const { call } = setup();
    expect(
      faultOf(() => call('RegisterDomain', { name: 'a:b', workflowExecutionRetentionPeriodInDays: '1' })).fault,
    ).toBe('ValidationException');
    expect(
      faultOf(() => call('RegisterDomain', { name: 'x', workflowExecutionRetentionPeriodInDays: '91' })).fault,
    ).toBe('ValidationException');
    call('RegisterDomain', { name: 'sample', workflowExecutionRetentionPeriodInDays: '1' });
    expect(
      faultOf(() =>
        call('RegisterActivityType', { domain: 'sample', name: 'A', version: '1', defaultTaskHeartbeatTimeout: '5m' }),
      ).fault,
    ).toBe('ValidationException');
    expect(faultOf(() => call('RegisterActivityType', { domain: 'nope', name: 'A', version: '1' })).fault).toBe(
      'UnknownResourceFault',
    );
    call('DeprecateDomain', { name: 'sample' });
    expect(faultOf(() => call('RegisterActivityType', { domain: 'sample', name: 'A', version: '1' })).fault).toBe(
      'DomainDeprecatedFault',
    );
  });

  it('tags domains by ARN, up to 50 tags', () => {
    const { call } = setup();
    call('RegisterDomain', {
      name: 'sample',
      workflowExecutionRetentionPeriodInDays: '1',
      tags: [{ key: 'team', value: 'core' }],
    });
    const arn = 'arn:aws:swf:us-east-1:000000000000:/domain/sample';
    call('TagResource', {
      resourceArn: arn,
      tags: [
        { key: 'env', value: 'dev' },
        { key: 'team', value: 'infra' },
      ],
    });
    expect(call('ListTagsForResource', { resourceArn: arn })).toEqual({
      tags: [
        { key: 'env', value: 'dev' },
        { key: 'team', value: 'infra' },
      ],
    });
    call('UntagResource', { resourceArn: arn, tagKeys: ['env', 'missing'] });
    expect(call('ListTagsForResource', { resourceArn: arn })).toEqual({ tags: [{ key: 'team', value: 'infra' }] });
    const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(faultOf(() => call('TagResource', { resourceArn: arn, tags: many })).fault).toBe('TooManyTagsFault');
    expect(
      faultOf(() => call('ListTagsForResource', { resourceArn: 'arn:aws:swf:us-east-1:000000000000:/domain/none' }))
        .fault,
    ).toBe('UnknownResourceFault');
    expect(faultOf(() => call('TagResource', { resourceArn: arn, tags: [{ key: 'bad!', value: '' }] })).fault).toBe(
      'ValidationException',
    );
  });

  it('enforces the domain and type limits', () => {
    const clock = new ManualClock();
    const registry = new Registry({
      db: openDatabase(':memory:', registrySchema),
      clock,
      limits: { domains: 1, typesPerDomain: 1 },
    });
    const call = caller(registry);
    call('RegisterDomain', { name: 'one', workflowExecutionRetentionPeriodInDays: '1' });
    expect(
      faultOf(() => call('RegisterDomain', { name: 'two', workflowExecutionRetentionPeriodInDays: '1' })).fault,
    ).toBe('LimitExceededFault');
    call('RegisterWorkflowType', { domain: 'one', name: 'W', version: '1' });
    expect(faultOf(() => call('RegisterActivityType', { domain: 'one', name: 'A', version: '1' })).fault).toBe(
      'LimitExceededFault',
    );
  });
});
