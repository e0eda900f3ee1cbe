/**
 * A saved fixture knows its execution: `swf-flow history --json` keeps the workflowId and runId
 * (and the workflow type) beside the AWS CLI's events, and `replayHistory` and `swf-flow replay`
 * use them, so a workflow whose decisions depend on `uuid4()` and `Math.random()` replays its own
 * fixture. The AWS CLI's plain output (events only) replays with `--workflow-id --run-id`.
 * A real worker runs the workflow against the real local service over HTTP.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NonDeterminismError, silentLogger } from '@swf-flow/common';
import { createServer, type LocalSwfServer } from '@swf-flow/server';
import { loadFixture, replayHistory } from '@swf-flow/testing';
import { Worker } from '@swf-flow/worker';
import { randomPeer } from './fixtures/random-workflows.js';
import { run } from './helpers.js';

const DOMAIN = 'cli-fixture-ids';
const RANDOM = fileURLToPath(new URL('./fixtures/random-workflows.ts', import.meta.url));

describe('a saved fixture knows its execution', () => {
  let server: LocalSwfServer;
  let swf: string[];
  let dir: string;
  let saved: string;
  let ids: { workflowId: string; runId: string };

  beforeAll(async () => {
    server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 1000 });
    const config = {
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    const worker = await Worker.create({
      swf: config,
      domain: DOMAIN,
      taskList: 'default',
      workflows: [randomPeer],
      logger: silentLogger,
    });
    const running = worker.run();
    swf = ['--endpoint', server.url, '--domain', DOMAIN];
    const started = await run(['start', ...swf, '--type', 'randomPeer', '--workflow-id', 'random-1', '--wait']);
    await worker.shutdown();
    await running;
    if (started.status !== 0) throw new Error(`could not run random-1: ${started.err}`);
    const history = await run(['history', ...swf, '--workflow-id', 'random-1', '--json']);
    if (history.status !== 0) throw new Error(`history --json failed: ${history.err}`);
    saved = history.out;
    dir = mkdtempSync(join(tmpdir(), 'swf-flow-fixture-'));
    ids = { workflowId: 'random-1', runId: /^runId: (\S+)$/m.exec(started.out)?.[1] ?? '?' };
  });

  afterAll(async () => {
    await server?.close();
  });

  it('history --json writes the AWS CLI events with workflowExecution and workflowType beside them', () => {
    const parsed = JSON.parse(saved) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['events', 'workflowExecution', 'workflowType']);
    expect(parsed.workflowExecution).toEqual(ids);
    expect(parsed.workflowType).toEqual({ name: 'randomPeer', version: '1.0' });
    expect(saved).toMatch(/^\{\n {4}"events": \[\n/); // readable as the AWS CLI prints it
    expect(loadFixture(saved).workflowExecution).toEqual(ids);
  });

  it('replayHistory and swf-flow replay use the ids: the workflow using uuid4() and Math.random() replays its own fixture', async () => {
    const out = await replayHistory(saved, randomPeer);
    expect(out.status).toBe('COMPLETED');
    expect(out.result).toMatch(/^ping-\d+ to peer-[0-9a-f-]{36}$/);
    const file = join(dir, 'random-1.json');
    writeFileSync(file, saved);
    expect(await run(['replay', file, '--workflows', RANDOM])).toMatchObject({
      status: 0,
      out: `ok  ${file}  COMPLETED\n1 history replayed: 1 ok, 0 failed\n`,
    });
  });

  it("the AWS CLI's plain output (events only) needs the ids: without them a clear error, with --workflow-id --run-id it replays", async () => {
    const plain = JSON.stringify({ events: (JSON.parse(saved) as { events: unknown[] }).events });
    const file = join(dir, 'random-1-aws-cli.json');
    writeFileSync(file, plain);
    const err = await replayHistory(file, randomPeer).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect((err as Error).message).toMatch(/seeded from the run id.*pass execution: \{ workflowId, runId \}/);
    expect((await replayHistory(file, randomPeer, { execution: ids })).status).toBe('COMPLETED');

    const without = await run(['replay', file, '--workflows', RANDOM]);
    expect(without.status).toBe(1);
    expect(without.out).toMatch(/FAIL .*NonDeterminismError: .*--workflow-id and --run-id/);
    const withIds = await run([
      'replay',
      file,
      '--workflows',
      RANDOM,
      '--workflow-id',
      ids.workflowId,
      '--run-id',
      ids.runId,
    ]);
    expect(withIds).toMatchObject({ status: 0, out: `ok  ${file}  COMPLETED\n1 history replayed: 1 ok, 0 failed\n` });
  });

  it('ids that contradict the fixture, or one of the two flags alone, are refused clearly', async () => {
    const file = join(dir, 'random-1-again.json');
    writeFileSync(file, saved);
    const wrong = await run([
      'replay',
      file,
      '--workflows',
      RANDOM,
      '--workflow-id',
      'random-1',
      '--run-id',
      'another-run',
    ]);
    expect(wrong.status).toBe(1);
    expect(wrong.out).toContain(
      `was saved from workflowId random-1, runId ${ids.runId} (its workflowExecution), but execution says workflowId random-1, runId another-run`,
    );
    const half = await run(['replay', file, '--workflows', RANDOM, '--run-id', 'r']);
    expect(half.status).toBe(2);
    expect(half.err).toContain('give --workflow-id and --run-id together');
  });
});
