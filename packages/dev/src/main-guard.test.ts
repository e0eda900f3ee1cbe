import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirectoryInUseError, NativeModuleError } from '@swf-flow/server';
import { failureText } from './main-guard.js';

describe('what npm start prints when it fails', () => {
  it("a setup error that says what to do: its name and message, not the loader's stack", () => {
    const err = new NativeModuleError(
      'the local SWF service cannot open its database: ... run `npm rebuild better-sqlite3`',
      {
        cause: new Error('NODE_MODULE_VERSION 115'),
      },
    );
    expect(failureText(err)).toBe(`NativeModuleError: ${err.message}`);
    const inUse = new DataDirectoryInUseError('/srv/other/.swf-flow', undefined);
    expect(failureText(inUse, {})).toBe(`DataDirectoryInUseError: ${inUse.message}`);
  });

  it("the default data directory in use (a 'swf-flow server' left running): how to give npm start another", () => {
    const inUse = new DataDirectoryInUseError(resolve('.swf-flow'), undefined);
    expect(failureText(inUse, {})).toBe(
      `DataDirectoryInUseError: ${inUse.message}\n` +
        'To run this beside it, give this program another data directory: SWF_FLOW_DATA=./.swf-flow-2 npm start (or SWF_FLOW_DATA=:memory: to keep nothing)',
    );
    const fromEnv = new DataDirectoryInUseError(resolve('elsewhere'), undefined);
    expect(failureText(fromEnv, { SWF_FLOW_DATA: 'elsewhere' })).toContain('SWF_FLOW_DATA=./.swf-flow-2 npm start');
  });

  it('anything else: the stack, to find the bug', () => {
    const err = new TypeError('x is undefined');
    expect(failureText(err)).toBe(err.stack);
    expect(failureText('text')).toBe('text');
  });
});
