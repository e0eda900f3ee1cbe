// Finished work survives a service restart (issue 15, point 6). A real local service on a data
// directory is stopped while a decider's answer and then an activity's result are on their way, and
// started again on the same directory and port. The answers are retried until the service is back
// and accepts them; the activity runs once, nothing times out, and WorkflowHandle.result(), waiting
// all along, gets the result. Barriers, not sleeps: an SDK middleware holds each answer until the
// service is down, and the service comes back only once the worker has logged a failed delivery
// (and the client a refused check).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SWFClient } from '@aws-sdk/client-swf';
import { WorkflowClient } from '@swf-flow/client';
import { classifySwfError } from '@swf-flow/common';
import { type LocalSwfServer, createServer } from '@swf-flow/server';
import { afterAll, describe, expect, it } from 'vitest';
import { Worker } from '../src/index.js';
import { HelloWorkflow, TestActivities } from './fixtures.js';
import { deferred, recordingLogger, waitFor } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'swf-flow-restart-'));
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let server: LocalSwfServer | undefined;

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Hold {
  reached: { promise: Promise<void>; resolve: () => void };
  release: { promise: Promise<void>; resolve: () => void };
}

/** An SDK client whose next send of a command can be held at a barrier (the real request follows). */
function holdingClient(endpoint: string): { swf: SWFClient; hold(command: string): Hold } {
  const swf = new SWFClient({ endpoint, region: 'us-east-1', credentials });
  const holds = new Map<string, Hold>();
  swf.middlewareStack.add(
    (next, context) => async (args) => {
      const hold = holds.get(context.commandName ?? '');
      if (hold) {
        holds.delete(context.commandName ?? '');
        hold.reached.resolve();
        await hold.release.promise;
      }
      return next(args);
    },
    { step: 'initialize', name: 'testHold' },
  );
  return {
    swf,
    hold(command) {
      const hold: Hold = { reached: deferred(), release: deferred() };
      holds.set(command, hold);
      return hold;
    },
  };
}

describe('a service restart while answers are on their way', () => {
  it(
    'the decider and the activity worker deliver their answers once it is back; result() waits through it',
    { timeout: 120_000 },
    async () => {
      server = await createServer({ dataDir: dir, port: 0, pollTimeoutMs: 2_000 });
      const port = server.port;
      const restart = async (): Promise<void> => {
        server = await createServer({ dataDir: dir, port, pollTimeoutMs: 2_000 });
      };
      const stop = async (): Promise<void> => {
        await server?.close();
        server = undefined;
      };

      const logger = recordingLogger();
      const { swf, hold } = holdingClient(server.url);
      const starterSwf = new SWFClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
      const refusedChecks: unknown[] = [];
      starterSwf.middlewareStack.add(
        (next) => async (args) => {
          try {
            return await next(args);
          } catch (err) {
            if (classifySwfError(err) === 'transient') refusedChecks.push(err);
            throw err;
          }
        },
        { step: 'initialize', name: 'recordRefused' },
      );
      const worker = await Worker.create({
        swf,
        domain: 'restart',
        taskList: 'restart',
        workflows: [HelloWorkflow],
        activities: [new TestActivities()],
        logger,
        handleSignals: false,
        pollBackoffInitial: '20ms',
        pollBackoffMax: '200ms',
      });
      const client = new WorkflowClient({ swf: starterSwf, domain: 'restart' });
      const delivered = (what: string): boolean =>
        logger.lines.some((l) => l.level === 'warn' && l.message.startsWith(`${what} could not be delivered`));

      const decision = hold('RespondDecisionTaskCompletedCommand');
      const result = await worker.runUntil(async () => {
        const handle = await client.start(HelloWorkflow, {
          workflowId: 'restart-1',
          args: ['again'],
          taskList: 'restart',
        });
        const waiting = handle.result({ timeout: '100s', maxPollInterval: '100ms' });
        waiting.catch(() => {}); // awaited below; a rejection must not count as unhandled meanwhile

        // 1. The decider replayed and is about to answer: the service goes down first.
        await decision.reached.promise;
        await stop();
        decision.release.resolve();
        await waitFor(
          'the decider to fail delivering its answer',
          () => delivered('RespondDecisionTaskCompleted'),
          30_000,
        );
        await waitFor('result() to meet the stopped service', () => refusedChecks.length > 0, 30_000);
        const activity = hold('RespondActivityTaskCompletedCommand');
        await restart();

        // 2. The activity ran and its result is on its way: the service goes down again.
        await activity.reached.promise;
        await stop();
        activity.release.resolve();
        await waitFor(
          'the activity worker to fail delivering its result',
          () => delivered('RespondActivityTaskCompleted'),
          30_000,
        );
        await restart();
        return waiting;
      });

      expect(result).toBe('Hello, again!');
      const events = (
        await new WorkflowClient({ swf: starterSwf, domain: 'restart' }).getHandle('restart-1').history()
      ).map((e) => e.eventType);
      expect(events.filter((t) => t === 'ActivityTaskScheduled')).toHaveLength(1);
      expect(events.filter((t) => t === 'ActivityTaskCompleted')).toHaveLength(1);
      expect(events.filter((t) => t?.endsWith('TimedOut'))).toEqual([]);
      expect(events.at(-1)).toBe('WorkflowExecutionCompleted');
      expect(
        logger.lines
          .filter((l) => l.level === 'info' && / accepted after \d+ failed attempt/.test(l.message))
          .map((l) => l.message.split(' ')[0]),
      ).toEqual(['RespondDecisionTaskCompleted', 'RespondActivityTaskCompleted']);
      expect(worker.stats().activityTasks.completed).toBe(1);
      swf.destroy();
      starterSwf.destroy();
    },
  );
});
