/**
 * hello-echo, end to end: starts the embedded local SWF service, runs a decider for `HelloWorld`
 * 1.0 and an activity worker for `Echo` 1.0 (both on task list `default`), starts one execution,
 * prints its events as they land and its result, then shuts everything down.
 *
 *     npx tsx examples/hello-echo/src/main.ts [name]
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@swf-flow/common';
import { Worker, type SwfClientLike } from '@swf-flow/worker';
import { quietLogger, runIfProgram, runLocal } from '@swf-flow/dev';
import { EchoActivities } from './activities.js';
import { helloWorld } from './workflows.js';

/** The domain the example works in. */
export const DOMAIN = 'hello-echo';

/** One worker deciding `HelloWorld` and running `Echo`, both on task list `default`. */
export async function createWorkers(swf: SwfClientLike, logger: Logger = quietLogger): Promise<Worker[]> {
  return [
    await Worker.create({
      swf,
      domain: DOMAIN,
      taskList: 'default',
      workflows: [helloWorld],
      activities: [new EchoActivities()],
      logger,
    }),
  ];
}

/** Options of {@link main}. */
export interface MainOptions {
  /** The local service's data directory, or `':memory:'`. @default $SWF_FLOW_DATA or ./.swf-flow */
  dataDir?: string;
  /** Who to greet. @default 'World' */
  name?: string;
  /** Where progress lines go. @default console.log */
  print?: (line: string) => void;
}

/** Runs the example once; resolves with the workflow's result. */
export async function main(options: MainOptions = {}): Promise<string> {
  return runLocal(
    { domain: DOMAIN, createWorkers, dataDir: options.dataDir, print: options.print },
    async ({ client, print, watch }) => {
      const handle = await client.start(helloWorld, {
        workflowId: `hello-${randomUUID()}`,
        args: [options.name ?? 'World'],
      });
      print(`started HelloWorld ${handle.workflowId}`);
      const [, result] = await watch(handle);
      print(`result: ${JSON.stringify(result)}`);
      return result;
    },
  );
}

runIfProgram(import.meta.url, () => main({ name: process.argv[2] || 'World' }));
