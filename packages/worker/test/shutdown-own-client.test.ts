// A worker given a client of the user's own (a ready-made `SWFClient`, so the SDK's own HTTP
// handler, which cannot half-close a poll) does not lose a task the service hands to one of its
// long polls as it shuts down: the shutdown starts no new poll and lets the open ones run to their
// answer (cut only once `pollShutdownGraceTime` is over, 70 s by default with such a client). The
// race is made to happen on purpose: a hook on the real local service holds the answer of a
// handed poll until the worker's shutdown has begun. Real Worker, real local service over HTTP. A
// service that never answers is a raw TCP server here: the polls are cut at the grace, not before.
import { SWFClient } from '@aws-sdk/client-swf';
import { WorkflowClient } from '@swf-flow/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Worker, type WorkerOptions } from '../src/index.js';
import { deferred, recordingLogger, startServer } from './helpers.js';
import {
  EchoActivities,
  EchoOnce,
  eventTypes,
  expectPollsCutAtGrace,
  holdNextHandedPoll,
  localConfig as config,
  startSilentServer,
  type SilentServer,
} from './shutdown-race.js';
import type { LocalSwfServer } from '@swf-flow/server';

let server: LocalSwfServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** A client of the user's own: the SDK's handler, no swf-flow handler in it. */
const ownClient = (): SWFClient => new SWFClient(config(server.url));

function worker(domain: string, options: Partial<WorkerOptions>): Promise<Worker> {
  return Worker.create({
    swf: config(server.url),
    domain,
    taskList: 'own',
    logger: recordingLogger(),
    handleSignals: false,
    ...options,
  });
}

/** Holds the answer of the next handed poll of `operation` until `release()`. */
function holdUntilReleased(operation: string) {
  const released = deferred();
  const hold = holdNextHandedPoll(server.service, operation, () => released.promise);
  return { handed: hold.handed, release: () => released.resolve() };
}

describe('a worker with its own SWFClient, shut down as the service hands its poll a task', () => {
  it('runs and answers the activity task before shutdown() resolves', async () => {
    const domain = 'own-activity';
    const starter = new WorkflowClient({ swf: config(server.url), domain });
    const decider = await worker(domain, { workflows: [EchoOnce] });
    const activityWorker = await worker(domain, {
      swf: ownClient(),
      activities: [new EchoActivities()],
      activityPollers: 1,
    });
    const deciding = decider.run();
    const hold = holdUntilReleased('PollForActivityTask');
    const running = activityWorker.run();
    const handle = await starter.start(EchoOnce, { workflowId: 'w', taskList: 'own', args: ['hi'] });
    await hold.handed; // ActivityTaskStarted is in the history; the answer is held
    const stopping = activityWorker.shutdown();
    hold.release(); // the answer travels after the shutdown began
    await stopping;
    await running;
    expect(activityWorker.stats().activityTasks.completed).toBe(1);
    expect(await eventTypes(starter, handle.workflowId)).toContain('ActivityTaskCompleted');
    await decider.shutdown();
    await deciding;
  });

  it('runs and answers the decision task before shutdown() resolves', async () => {
    const domain = 'own-decision';
    const starter = new WorkflowClient({ swf: config(server.url), domain });
    await worker(domain, { activities: [new EchoActivities()] }); // registers the activity type; never runs
    const decider = await worker(domain, { swf: ownClient(), workflows: [EchoOnce], decisionPollers: 1 });
    const hold = holdUntilReleased('PollForDecisionTask');
    const running = decider.run();
    const handle = await starter.start(EchoOnce, { workflowId: 'w', taskList: 'own', args: ['hi'] });
    await hold.handed;
    const stopping = decider.shutdown();
    hold.release();
    await stopping;
    await running;
    expect(decider.stats().decisionTasks.completed).toBe(1);
    const events = await eventTypes(starter, handle.workflowId);
    expect(events).toContain('DecisionTaskCompleted');
    expect(events).toContain('ActivityTaskScheduled');
  });
});

describe('a worker with its own SWFClient and a service that never answers', () => {
  let silent: SilentServer;
  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(async () => {
    vi.useRealTimers();
    await silent.close();
  });

  it('cuts the open polls once pollShutdownGraceTime is over, not before, and starts no new one', async () => {
    await expectPollsCutAtGrace(silent, new SWFClient(config(`http://127.0.0.1:${silent.port()}`)));
    expect(silent.sockets).toHaveLength(2); // no poll was started after the shutdown
  });
});
