/**
 * The template's own pieces, in the repository: its recorded fixture replays against its workflow
 * (a template change that breaks the fixture fails here first), and its activity runs. The packed
 * test (test/packed-tarballs.test.ts) generates a project from the tarballs and runs its
 * `npm start` and `npm test` for real.
 */
import { describe, expect, it } from 'vitest';
import { readActivityTypes, runWithActivityContext, type ActivityContext } from '@swf-flow/activity';
import { replayHistories, replayHistory } from '@swf-flow/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GreetingActivities } from '../template/src/activities.js';
import { greet, starterFailure } from '../template/src/starter.js';
import { workflows } from '../template/src/worker.js';
import { greetingWorkflow } from '../template/src/workflows.js';

const template = fileURLToPath(new URL('../template/', import.meta.url));
const fixture = fileURLToPath(new URL('../template/test/fixtures/greeting-completed.json', import.meta.url));

describe('the project template', () => {
  it('its fixture replays against its workflow and returns the greeting', async () => {
    const { status, result } = await replayHistory(fixture, greetingWorkflow);
    expect(status).toBe('COMPLETED');
    expect(result).toBe('Hello, World!');
  });

  it("its fixtures replay against the worker's list of workflows, which a new workflow joins", async () => {
    expect(workflows).toEqual([greetingWorkflow]);
    const reports = await replayHistories(
      fileURLToPath(new URL('../template/test/fixtures/', import.meta.url)),
      workflows,
    );
    expect(reports.map((r) => r.ok)).toEqual([true]);
  });

  it('its activity class declares ComposeGreeting 1.0 on greetings and greets', async () => {
    expect(readActivityTypes(GreetingActivities)).toEqual([
      {
        methodName: 'composeGreeting',
        name: 'ComposeGreeting',
        version: '1.0',
        taskList: 'greetings',
        startToCloseTimeout: '60',
      },
    ]);
    const ctx: ActivityContext = {
      info: {
        activityId: 'a1',
        activityType: { name: 'ComposeGreeting', version: '1.0' },
        workflowExecution: { workflowId: 'w', runId: 'r' },
        taskToken: 't',
        taskList: 'greetings',
        attempt: 1,
      },
      heartbeat: () => {},
      cancellationSignal: new AbortController().signal,
      doNotCompleteOnReturn: () => {},
    };
    expect(await runWithActivityContext(ctx, () => new GreetingActivities().composeGreeting('Ada'))).toBe(
      'Hello, Ada!',
    );
    await expect(runWithActivityContext(ctx, () => new GreetingActivities().composeGreeting(' '))).rejects.toThrow(
      /a greeting needs a name/,
    );
  });

  it('its starter says the workflow id once started, before the result (a run waits for a worker)', async () => {
    let finish: (greeting: string) => void = () => {};
    const client = {
      start: async (_wf: unknown, options: { workflowId: string }) => ({
        workflowId: options.workflowId,
        result: () => new Promise<string>((resolve) => (finish = resolve)),
      }),
    } as unknown as Parameters<typeof greet>[0];
    let greeting: ReturnType<typeof greet> | undefined;
    const started = await new Promise<string>((resolve) => {
      greeting = greet(client, 'Ada', resolve);
    });
    expect(started).toMatch(/^greeting-[0-9a-f-]{36}$/);
    finish('Hello, Ada!');
    expect(await greeting).toEqual({ workflowId: started, greeting: 'Hello, Ada!' });
  });

  it('its starter, failing, prints one line; for an unknown domain or type it says to start the worker first', () => {
    const unknown = Object.assign(new Error('Unknown domain: greetings'), { name: 'UnknownResourceFault' });
    expect(starterFailure(unknown)).toBe(
      'UnknownResourceFault: Unknown domain: greetings (the worker registers domain greetings and its types when it starts: start it first, npm run worker or node dist/worker.js, then this)',
    );
    expect(starterFailure(new Error('Region is missing'))).toBe('Error: Region is missing');
  });

  it("what `npm run build` ships imports only the project's dependencies: not @swf-flow/dev (the local service, npm start's)", () => {
    const pkg = JSON.parse(readFileSync(`${template}package.json`, 'utf8')) as { dependencies: Record<string, string> };
    expect(readFileSync(`${template}tsconfig.build.json`, 'utf8')).toContain('"exclude": ["src/main.ts"]');
    const shipped = readdirSync(`${template}src`).filter((f) => f.endsWith('.ts') && f !== 'main.ts');
    expect(shipped.sort()).toEqual(['activities.ts', 'program.ts', 'starter.ts', 'worker.ts', 'workflows.ts']);
    for (const file of shipped) {
      const code = readFileSync(`${template}src/${file}`, 'utf8');
      for (const [, spec = ''] of code.matchAll(/\bfrom\s*'([^']+)'/g)) {
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        expect(Object.keys(pkg.dependencies), `src/${file} imports ${spec}`).toContain(spec);
      }
    }
  });
});
