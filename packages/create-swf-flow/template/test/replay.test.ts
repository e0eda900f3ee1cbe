/**
 * Replay tests: the recorded history of a finished run, replayed against today's workflow code.
 * If a change to the workflow would break executions already running, this fails with a
 * NonDeterminismError that names the event, what the history recorded and what the code did now;
 * README.md, "Changing the workflow", says what to do then (patched(), or recording the fixture again).
 * Record more fixtures with `npx swf-flow history --json ... > test/fixtures/<name>.json`.
 */
import { describe, expect, it } from 'vitest';
import { replayHistories, replayHistory } from '@swf-flow/testing';
import { workflows } from '../src/worker.js';
import { greetingWorkflow } from '../src/workflows.js';

describe('GreetingWorkflow', () => {
  it('replays the recorded run and returns its greeting', async () => {
    const { status, result } = await replayHistory('test/fixtures/greeting-completed.json', greetingWorkflow);
    expect(status).toBe('COMPLETED');
    expect(result).toBe('Hello, World!');
  });
});

// Every file in test/fixtures, each against the workflow of its type among those the worker decides.
it('replays every recorded history', () => replayHistories('test/fixtures', workflows));
