/**
 * Conformance, registry half: domains, types and tags through @aws-sdk/client-swf over real HTTP,
 * each output checked against the model and each fault against the operation's declared faults.
 * Every test has a server of its own, so none depends on what another left behind.
 */
import {
  DeleteActivityTypeCommand,
  DeleteWorkflowTypeCommand,
  DeprecateActivityTypeCommand,
  DeprecateDomainCommand,
  DeprecateWorkflowTypeCommand,
  DescribeActivityTypeCommand,
  DescribeDomainCommand,
  DescribeWorkflowTypeCommand,
  ListActivityTypesCommand,
  ListDomainsCommand,
  ListTagsForResourceCommand,
  ListWorkflowTypesCommand,
  RegisterActivityTypeCommand,
  RegisterDomainCommand,
  RegisterWorkflowTypeCommand,
  type SWFClient,
  TagResourceCommand,
  UndeprecateActivityTypeCommand,
  UndeprecateDomainCommand,
  UndeprecateWorkflowTypeCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-swf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';
import { call, fails, httpClient } from './support/sdk.js';

let server: LocalSwfServer;
let swf: SWFClient;

beforeEach(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0 });
  swf = httpClient(server.url);
});
afterEach(async () => {
  swf.destroy();
  await server.close();
});

/** Registers the domain `conf` that the type and tag tests work in. */
async function registerConf(): Promise<void> {
  await call(
    swf,
    new RegisterDomainCommand({
      name: 'conf',
      description: 'conformance',
      workflowExecutionRetentionPeriodInDays: '1',
    }),
  );
}

describe('domains', () => {
  it('registers, describes, lists, deprecates and undeprecates', async () => {
    await registerConf();
    await call(swf, new RegisterDomainCommand({ name: 'conf-b', workflowExecutionRetentionPeriodInDays: 'NONE' }));
    const d = await call(swf, new DescribeDomainCommand({ name: 'conf' }));
    expect(d.domainInfo).toEqual({
      name: 'conf',
      status: 'REGISTERED',
      description: 'conformance',
      arn: 'arn:aws:swf:us-east-1:000000000000:/domain/conf',
    });
    expect(d.configuration).toEqual({ workflowExecutionRetentionPeriodInDays: '1' });
    const page = await call(swf, new ListDomainsCommand({ registrationStatus: 'REGISTERED', maximumPageSize: 1 }));
    expect(page.domainInfos?.map((i) => i.name)).toEqual(['conf']);
    const rest = await call(
      swf,
      new ListDomainsCommand({
        registrationStatus: 'REGISTERED',
        maximumPageSize: 1,
        nextPageToken: page.nextPageToken,
      }),
    );
    expect(rest.domainInfos?.map((i) => i.name)).toEqual(['conf-b']);
    await call(swf, new DeprecateDomainCommand({ name: 'conf-b' }));
    const deprecated = await call(swf, new ListDomainsCommand({ registrationStatus: 'DEPRECATED' }));
    expect(deprecated.domainInfos?.map((i) => i.name)).toEqual(['conf-b']);
    await fails(swf, new DeprecateDomainCommand({ name: 'conf-b' }), 'DomainDeprecatedFault');
    await call(swf, new UndeprecateDomainCommand({ name: 'conf-b' }));
    await fails(swf, new UndeprecateDomainCommand({ name: 'conf-b' }), 'DomainAlreadyExistsFault');
  });

  it('answers SWF faults', async () => {
    await registerConf();
    await fails(
      swf,
      new RegisterDomainCommand({ name: 'conf', workflowExecutionRetentionPeriodInDays: '1' }),
      'DomainAlreadyExistsFault',
    );
    await fails(swf, new DescribeDomainCommand({ name: 'missing' }), 'UnknownResourceFault', 'Unknown domain: missing');
    await fails(swf, new DeprecateDomainCommand({ name: 'missing' }), 'UnknownResourceFault');
    await fails(
      swf,
      new RegisterDomainCommand({ name: 'x'.repeat(257), workflowExecutionRetentionPeriodInDays: '1' }),
      'ValidationException',
      // The value is quoted up to 256 characters, never whole (a large value makes no large message).
      /^1 validation error detected: Value 'x{256}\.\.\.' \(257 characters\) at 'name' failed to satisfy constraint: Member must have length less than or equal to 256$/,
    );
    await fails(
      swf,
      new ListDomainsCommand({ registrationStatus: 'ANY' as never }),
      'ValidationException',
      'Member must satisfy enum value set: [REGISTERED, DEPRECATED]',
    );
  });
});

const wt = { name: 'ConfFlow', version: '1.0' };
const at = { name: 'ConfTask', version: '1.0' };

describe('workflow types', () => {
  it('go through their whole life cycle', async () => {
    await registerConf();
    await call(
      swf,
      new RegisterWorkflowTypeCommand({
        domain: 'conf',
        ...wt,
        description: 'a flow',
        defaultTaskList: { name: 'decide' },
        defaultTaskStartToCloseTimeout: '30',
        defaultExecutionStartToCloseTimeout: '3600',
        defaultChildPolicy: 'TERMINATE',
        defaultTaskPriority: '5',
      }),
    );
    await call(swf, new RegisterWorkflowTypeCommand({ domain: 'conf', name: 'ConfFlow', version: '2.0' }));
    const d = await call(swf, new DescribeWorkflowTypeCommand({ domain: 'conf', workflowType: wt }));
    expect(d.typeInfo).toMatchObject({ workflowType: wt, status: 'REGISTERED', description: 'a flow' });
    expect(d.typeInfo?.creationDate).toBeInstanceOf(Date);
    expect(d.configuration).toEqual({
      defaultTaskList: { name: 'decide' },
      defaultTaskStartToCloseTimeout: '30',
      defaultExecutionStartToCloseTimeout: '3600',
      defaultChildPolicy: 'TERMINATE',
      defaultTaskPriority: '5',
    });
    const listed = await call(
      swf,
      new ListWorkflowTypesCommand({
        domain: 'conf',
        registrationStatus: 'REGISTERED',
        name: 'ConfFlow',
        reverseOrder: true,
      }),
    );
    expect(listed.typeInfos?.map((t) => t.workflowType?.version)).toEqual(['2.0', '1.0']);
    await fails(
      swf,
      new RegisterWorkflowTypeCommand({ domain: 'conf', ...wt }),
      'TypeAlreadyExistsFault',
      'WorkflowType=[name=ConfFlow, version=1.0]',
    );
    await fails(
      swf,
      new DeleteWorkflowTypeCommand({ domain: 'conf', workflowType: { name: 'ConfFlow', version: '2.0' } }),
      'TypeNotDeprecatedFault',
    );
    await call(
      swf,
      new DeprecateWorkflowTypeCommand({ domain: 'conf', workflowType: { name: 'ConfFlow', version: '2.0' } }),
    );
    await fails(
      swf,
      new DeprecateWorkflowTypeCommand({ domain: 'conf', workflowType: { name: 'ConfFlow', version: '2.0' } }),
      'TypeDeprecatedFault',
    );
    const dep = await call(
      swf,
      new DescribeWorkflowTypeCommand({ domain: 'conf', workflowType: { name: 'ConfFlow', version: '2.0' } }),
    );
    expect(dep.typeInfo?.deprecationDate).toBeInstanceOf(Date);
    await call(
      swf,
      new UndeprecateWorkflowTypeCommand({ domain: 'conf', workflowType: { name: 'ConfFlow', version: '2.0' } }),
    );
    await fails(
      swf,
      new UndeprecateWorkflowTypeCommand({ domain: 'conf', workflowType: { name: 'ConfFlow', version: '2.0' } }),
      'TypeAlreadyExistsFault',
    );
    await call(
      swf,
      new DeprecateWorkflowTypeCommand({ domain: 'conf', workflowType: { name: 'ConfFlow', version: '2.0' } }),
    );
    await call(
      swf,
      new DeleteWorkflowTypeCommand({ domain: 'conf', workflowType: { name: 'ConfFlow', version: '2.0' } }),
    );
    await fails(
      swf,
      new DescribeWorkflowTypeCommand({ domain: 'conf', workflowType: { name: 'ConfFlow', version: '2.0' } }),
      'UnknownResourceFault',
      'Unknown type: WorkflowType=[name=ConfFlow, version=2.0]',
    );
    await fails(
      swf,
      new ListWorkflowTypesCommand({ domain: 'missing', registrationStatus: 'REGISTERED' }),
      'UnknownResourceFault',
    );
    await fails(
      swf,
      new RegisterWorkflowTypeCommand({
        domain: 'conf',
        name: 'Bad',
        version: '1',
        defaultChildPolicy: 'KILL' as never,
      }),
      'ValidationException',
      "Value 'KILL' at 'defaultChildPolicy' failed to satisfy constraint: Member must satisfy enum value set: [TERMINATE, REQUEST_CANCEL, ABANDON]",
    );
  });
});

describe('activity types', () => {
  it('go through their whole life cycle', async () => {
    await registerConf();
    await call(
      swf,
      new RegisterActivityTypeCommand({
        domain: 'conf',
        ...at,
        defaultTaskList: { name: 'work' },
        defaultTaskHeartbeatTimeout: 'NONE',
        defaultTaskScheduleToStartTimeout: '60',
        defaultTaskScheduleToCloseTimeout: '120',
        defaultTaskStartToCloseTimeout: '60',
      }),
    );
    await call(swf, new RegisterActivityTypeCommand({ domain: 'conf', name: 'ConfTask', version: '0.9' }));
    const d = await call(swf, new DescribeActivityTypeCommand({ domain: 'conf', activityType: at }));
    expect(d.typeInfo).toMatchObject({ activityType: at, status: 'REGISTERED' });
    expect(d.configuration).toMatchObject({ defaultTaskList: { name: 'work' }, defaultTaskHeartbeatTimeout: 'NONE' });
    const page = await call(
      swf,
      new ListActivityTypesCommand({ domain: 'conf', registrationStatus: 'REGISTERED', maximumPageSize: 1 }),
    );
    expect(page.typeInfos?.map((t) => t.activityType?.version)).toEqual(['0.9']);
    expect(page.nextPageToken).toBeTypeOf('string');
    await fails(
      swf,
      new RegisterActivityTypeCommand({ domain: 'conf', ...at }),
      'TypeAlreadyExistsFault',
      'ActivityType=[name=ConfTask, version=1.0]',
    );
    const old = { name: 'ConfTask', version: '0.9' };
    await fails(swf, new DeleteActivityTypeCommand({ domain: 'conf', activityType: old }), 'TypeNotDeprecatedFault');
    await fails(
      swf,
      new UndeprecateActivityTypeCommand({ domain: 'conf', activityType: old }),
      'TypeAlreadyExistsFault',
    );
    await call(swf, new DeprecateActivityTypeCommand({ domain: 'conf', activityType: old }));
    await fails(swf, new DeprecateActivityTypeCommand({ domain: 'conf', activityType: old }), 'TypeDeprecatedFault');
    const deprecated = await call(
      swf,
      new ListActivityTypesCommand({ domain: 'conf', registrationStatus: 'DEPRECATED' }),
    );
    expect(deprecated.typeInfos?.map((t) => t.activityType)).toEqual([old]);
    await call(swf, new UndeprecateActivityTypeCommand({ domain: 'conf', activityType: old }));
    await call(swf, new DeprecateActivityTypeCommand({ domain: 'conf', activityType: old }));
    await call(swf, new DeleteActivityTypeCommand({ domain: 'conf', activityType: old }));
    await fails(swf, new DescribeActivityTypeCommand({ domain: 'conf', activityType: old }), 'UnknownResourceFault');
    await fails(
      swf,
      new DescribeActivityTypeCommand({ domain: 'conf', activityType: { name: 'ConfTask' } as never }),
      'ValidationException',
      "Value null at 'activityType.version' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('tags', () => {
  const arn = 'arn:aws:swf:us-east-1:000000000000:/domain/conf';
  it('tag, list and untag a domain', async () => {
    await registerConf();
    await call(
      swf,
      new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'team', value: 'core' }, { key: 'env' }] }),
    );
    const listed = await call(swf, new ListTagsForResourceCommand({ resourceArn: arn }));
    expect(listed.tags).toEqual([
      { key: 'env', value: '' },
      { key: 'team', value: 'core' },
    ]);
    await call(swf, new UntagResourceCommand({ resourceArn: arn, tagKeys: ['env'] }));
    expect((await call(swf, new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([
      { key: 'team', value: 'core' },
    ]);
  });

  it('answers TooManyTagsFault past 50 and UnknownResourceFault for other ARNs, the domain in another region, account or partition too', async () => {
    await registerConf();
    await call(swf, new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'team', value: 'core' }] }));
    const tags = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: String(i) }));
    await fails(
      swf,
      new TagResourceCommand({ resourceArn: arn, tags }),
      'TooManyTagsFault',
      /at most 50 tags; this request would leave 51/,
    );
    expect((await call(swf, new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([
      { key: 'team', value: 'core' },
    ]); // nothing half-applied
    await fails(
      swf,
      new ListTagsForResourceCommand({ resourceArn: 'arn:aws:swf:us-east-1:000000000000:/domain/missing' }),
      'UnknownResourceFault',
    );
    await fails(swf, new UntagResourceCommand({ resourceArn: 'not-an-arn', tagKeys: ['a'] }), 'UnknownResourceFault');
    // The same domain name in another region, account or partition is another resource: the
    // service's domain is only the one DescribeDomain names.
    for (const other of [
      arn.replace('us-east-1', 'eu-west-1'),
      arn.replace('000000000000', '111111111111'),
      arn.replace('arn:aws:', 'arn:aws-cn:'),
    ]) {
      await fails(swf, new TagResourceCommand({ resourceArn: other, tags: [{ key: 'x' }] }), 'UnknownResourceFault');
      await fails(swf, new UntagResourceCommand({ resourceArn: other, tagKeys: ['team'] }), 'UnknownResourceFault');
      await fails(swf, new ListTagsForResourceCommand({ resourceArn: other }), 'UnknownResourceFault');
    }
    expect((await call(swf, new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([
      { key: 'team', value: 'core' },
    ]);
    await fails(
      swf,
      new RegisterDomainCommand({
        name: 'tagged',
        workflowExecutionRetentionPeriodInDays: '1',
        tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}` })),
      }),
      'TooManyTagsFault',
    );
  });
});
