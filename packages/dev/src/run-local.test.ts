import { describe, expect, it } from 'vitest';
import { ValidationError } from '@swf-flow/common';
import { runLocal } from './run-local.js';

// Checked before the service starts: a key it does not know was dropped (data: ':memory:' wrote
// ./.swf-flow in the working folder), a missing createWorkers failed after the service had
// started, as 'options.createWorkers is not a function'.
describe('runLocal options', () => {
  const createWorkers = async (): Promise<[]> => [];
  it.each<[string, unknown, RegExp]>([
    ['null', null, /^runLocal needs options like \{ domain, createWorkers \}; got null$/],
    [
      'a key it does not know',
      { domain: 'd', createWorkers, data: ':memory:' },
      /^runLocal: unknown option 'data' \(did you mean dataDir\?\); the options are domain, createWorkers, dataDir, print, lambdas$/,
    ],
    [
      'no createWorkers',
      { domain: 'd' },
      /^runLocal: createWorkers must be a function \(swf\) => Promise<Worker\[\]>; got undefined$/,
    ],
    ['no domain', { createWorkers }, /^runLocal: domain is required and must be a non-empty string; got undefined$/],
    [
      'print not a function',
      { domain: 'd', createWorkers, print: true },
      /^runLocal: print must be a function \(line\) => void; got true$/,
    ],
  ])('refuses %s before starting anything', async (_what, options, message) => {
    let ran = false;
    const outcome = await runLocal(options as never, async () => {
      ran = true;
    }).catch((e: unknown) => e);
    expect(ran).toBe(false);
    expect(outcome).toBeInstanceOf(ValidationError);
    expect((outcome as Error).message).toMatch(message);
  });
});
