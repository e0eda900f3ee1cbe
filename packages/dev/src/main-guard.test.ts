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
    const inUse = new DataDirectoryInUseError('./.swf-flow', undefined);
    expect(failureText(inUse)).toBe(`DataDirectoryInUseError: ${inUse.message}`);
  });

  it('anything else: the stack, to find the bug', () => {
    const err = new TypeError('x is undefined');
    expect(failureText(err)).toBe(err.stack);
    expect(failureText('text')).toBe('text');
  });
});
