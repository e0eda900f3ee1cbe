import { afterEach, describe, expect, it } from 'vitest';
import { SDK_NODE_WARNING_VARIABLE, withoutSdkNodeWarning } from './sdk-node-warning.js';

const saved = process.env[SDK_NODE_WARNING_VARIABLE];
afterEach(() => {
  if (saved === undefined) delete process.env[SDK_NODE_WARNING_VARIABLE];
  else process.env[SDK_NODE_WARNING_VARIABLE] = saved;
});

describe('withoutSdkNodeWarning', () => {
  it('switches the reminder off while building, then leaves the environment as it was', () => {
    delete process.env[SDK_NODE_WARNING_VARIABLE];
    const seen = withoutSdkNodeWarning(() => process.env[SDK_NODE_WARNING_VARIABLE]);
    expect(seen).toBe('true');
    expect(process.env[SDK_NODE_WARNING_VARIABLE]).toBeUndefined();
  });

  it.each(['false', 'true'])('leaves a user-set value (%s) alone', (value) => {
    process.env[SDK_NODE_WARNING_VARIABLE] = value;
    expect(withoutSdkNodeWarning(() => process.env[SDK_NODE_WARNING_VARIABLE])).toBe(value);
    expect(process.env[SDK_NODE_WARNING_VARIABLE]).toBe(value);
  });

  it('restores the environment when building throws', () => {
    delete process.env[SDK_NODE_WARNING_VARIABLE];
    expect(() =>
      withoutSdkNodeWarning(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(process.env[SDK_NODE_WARNING_VARIABLE]).toBeUndefined();
  });
});
