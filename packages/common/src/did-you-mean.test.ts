import { describe, expect, it } from 'vitest';
import { closest } from './did-you-mean.js';

const FLAGS = ['workflow-id', 'run-id', 'name', 'input', 'endpoint', 'region', 'domain', 'help', 'no-color'];

describe('closest', () => {
  it.each([
    ['domian', 'domain'], // two letters swapped
    ['workflowId', 'workflow-id'], // case and dashes only
    ['workflow_id', 'workflow-id'],
    ['endpont', 'endpoint'],
    ['regoin', 'region'],
  ])('%s -> %s', (word, expected) => expect(closest(word, FLAGS)).toBe(expected));

  it.each(['nope', 'bogus', 'signal', 'x'])('%s: nothing close enough', (word) =>
    expect(closest(word, FLAGS)).toBeUndefined(),
  );

  it.each([
    ['data', ['dataDir', 'durability', 'port'], 'dataDir'], // the start of one name, three edits away
    ['end', FLAGS, 'endpoint'],
    ['Workflow', FLAGS, 'workflow-id'], // folded as the rest
    ['time', ['timeout', 'timeoutMs'], undefined], // the start of two: neither
    ['ru', FLAGS, undefined], // too short to say
  ])('%s begins only %s -> %s', (word, candidates, expected) =>
    expect(closest(word, candidates as string[])).toBe(expected),
  );
});
