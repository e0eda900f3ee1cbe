/** Files a user writes in an installed project, for test/packed-tarballs.test.ts. */

/** Plain ESM JavaScript: defineActivities, a worker and a client on a loopback endpoint with no credentials configured. */
export const ESM_WORKER = `import { defineActivities } from '@swf-flow/activity';
import { WorkflowClient } from '@swf-flow/client';
import { silentLogger } from '@swf-flow/common';
import { startLocalService } from '@swf-flow/dev';
import { Worker } from '@swf-flow/worker';
import { defineWorkflow, proxyActivities } from '@swf-flow/workflow';

class Shouter { async shout(text) { return text.toUpperCase(); } }
defineActivities(Shouter, { version: '1', taskList: 'js', startToCloseTimeout: '1 minute' }, { shout: { name: 'Shout' } });
const acts = proxyActivities(Shouter, { scheduleToCloseTimeout: '1 minute' });
const shoutWorkflow = defineWorkflow(async function shout(text) { return await acts.shout(text); },
  { name: 'ShoutWorkflow', version: '1', taskList: 'js', executionStartToCloseTimeout: '10 minutes', taskStartToCloseTimeout: '1 minute' });

const { server } = await startLocalService();
const swf = { endpoint: server.url };
const worker = await Worker.create({ swf, domain: 'js', taskList: 'js', workflows: [shoutWorkflow], activities: [new Shouter()], logger: silentLogger });
const running = worker.run();
const handle = await new WorkflowClient({ swf, domain: 'js' }).start(shoutWorkflow, { workflowId: 'esm-1', args: ['hello from esm'] });
console.log(await handle.result());
await worker.shutdown();
await running;
await server.close();
`;

/** CommonJS: the same through require(). */
export const CJS_WORKER = `const { defineActivities } = require('@swf-flow/activity');
const { WorkflowClient } = require('@swf-flow/client');
const { silentLogger } = require('@swf-flow/common');
const { startLocalService } = require('@swf-flow/dev');
const { Worker } = require('@swf-flow/worker');
const { defineWorkflow, proxyActivities } = require('@swf-flow/workflow');

class Shouter { async shout(text) { return text.toUpperCase(); } }
defineActivities(Shouter, { version: '1', taskList: 'cjs', startToCloseTimeout: '1 minute' }, { shout: { name: 'Shout' } });
const acts = proxyActivities(Shouter, { scheduleToCloseTimeout: '1 minute' });
const shoutWorkflow = defineWorkflow(async function shout(text) { return await acts.shout(text); },
  { name: 'ShoutWorkflow', version: '1', taskList: 'cjs', executionStartToCloseTimeout: '10 minutes', taskStartToCloseTimeout: '1 minute' });

(async () => {
  const { server } = await startLocalService();
  const swf = { endpoint: server.url };
  const worker = await Worker.create({ swf, domain: 'cjs', taskList: 'cjs', workflows: [shoutWorkflow], activities: [new Shouter()], logger: silentLogger });
  const running = worker.run();
  const handle = await new WorkflowClient({ swf, domain: 'cjs' }).start(shoutWorkflow, { workflowId: 'cjs-1', args: ['hello from cjs'] });
  console.log(await handle.result());
  await worker.shutdown();
  await running;
  await server.close();
})().catch((err) => { console.error(err); process.exit(1); });
`;

/** A TypeScript file with decorators; prints what they declared. */
export const STANDARD_DECORATORS = `
import { Activities, Activity, readActivityTypes } from '@swf-flow/activity';

@Activities({ version: '1', taskList: 'std', startToCloseTimeout: '1 minute' })
class Shouter {
  @Activity({ name: 'Shout', heartbeatTimeout: '30s' })
  async shout(text: string): Promise<string> {
    return text.toUpperCase();
  }
  async whisper(text: string): Promise<string> {
    return text.toLowerCase();
  }
}

console.log(JSON.stringify({ types: readActivityTypes(Shouter), shout: await new Shouter().shout('x') }));
`;

/** TypeScript's default decorators (no experimentalDecorators), emitting ESM for node. */
export const STANDARD_TSCONFIG = JSON.stringify({
  extends: './tsconfig.json',
  compilerOptions: { experimentalDecorators: false, noEmit: false, outDir: 'out-standard', rootDir: '.' },
  include: ['standard.mts'],
});
