/**
 * The worker's per-request SDK CPU (issue 9, target 3): `SWFClient.send` against a local HTTP
 * server that answers at once with canned SWF responses, so nearly all the time is the client's:
 * middleware, endpoint, SigV4 signing, serialization and parsing. The wire floor beside it is the
 * same exchange with `node:http` and JSON.
 *
 *     tsx bench/sdk.ts [--calls 2000]
 */
import { PollForDecisionTaskCommand, RespondActivityTaskCompletedCommand, SWFClient } from '@aws-sdk/client-swf';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveSwfClient } from '../packages/common/src/swf-client.js';
import { round } from './child.js';
import { seqHistory } from './seq-workflow.js';

const events = seqHistory(20).events.slice(-100).reverse();
const pollAnswer = JSON.stringify({
  taskToken: 't'.repeat(120),
  startedEventId: events[0]?.eventId,
  previousStartedEventId: (events[0]?.eventId ?? 6) - 6,
  workflowExecution: { workflowId: 'wf', runId: 'run' },
  workflowType: { name: 'seqWorkflow', version: '1.0' },
  events,
});

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const calls = argv.includes('--calls') ? Number(argv[argv.indexOf('--calls') + 1]) : 2000;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = String(req.headers['x-amz-target']).endsWith('PollForDecisionTask') ? pollAnswer : '{}';
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const quiet = { debug() {} };
  const swf: SWFClient = resolveSwfClient(
    SWFClient,
    { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } },
    'swf',
    quiet,
  );
  if (argv.includes('--no-logger')) swf.middlewareStack.remove('loggerMiddleware');
  const agent = new Agent({ keepAlive: true });
  const raw = (target: string, body: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: (server.address() as AddressInfo).port,
          method: 'POST',
          path: '/',
          agent,
          headers: {
            'x-amz-target': target,
            'content-type': 'application/x-amz-json-1.0',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const cpuPerCall = async (fn: () => Promise<unknown>): Promise<number> => {
    for (let i = 0; i < 200; i++) await fn();
    const c0 = process.cpuUsage();
    for (let i = 0; i < calls; i++) await fn();
    const d = process.cpuUsage(c0);
    return (d.user + d.system) / 1000 / calls;
  };
  const pollInput = {
    domain: 'bench',
    taskList: { name: 'bench' },
    identity: 'bench',
    reverseOrder: true,
    maximumPageSize: 100,
  };
  const respondInput = { taskToken: 't'.repeat(120), result: '42' };
  const sdkPoll = await cpuPerCall(() => swf.send(new PollForDecisionTaskCommand(pollInput)));
  const sdkRespond = await cpuPerCall(() => swf.send(new RespondActivityTaskCompletedCommand(respondInput)));
  const rawPoll = await cpuPerCall(() => raw('SimpleWorkflowService.PollForDecisionTask', JSON.stringify(pollInput)));
  const rawRespond = await cpuPerCall(() =>
    raw('SimpleWorkflowService.RespondActivityTaskCompleted', JSON.stringify(respondInput)),
  );
  console.log(
    JSON.stringify({
      bench: 'sdk',
      calls,
      sdkPollMs: round(sdkPoll, 3),
      sdkRespondMs: round(sdkRespond, 3),
      rawPollMs: round(rawPoll, 3),
      rawRespondMs: round(rawRespond, 3),
    }),
  );
  swf.destroy();
  agent.destroy();
  server.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
