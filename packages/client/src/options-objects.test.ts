import { describe, expect, it } from 'vitest';
import { ValidationError } from '@swf-flow/common';
import { ActivityCompletionClient } from './activity-completion-client.js';
import { WorkflowClient } from './workflow-client.js';

// Every options object is checked before anything is sent, as start's and the constructor's are:
// these were dropped in silence (a typo such as detials: lost the termination's details), or failed
// later as a TypeError ('Cannot read properties of null').
const client = new WorkflowClient({
  domain: 'd',
  swf: { endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } },
});
const handle = client.getHandle('w', 'run');

describe('the options objects of the client', () => {
  it.each<[string, () => Promise<unknown> | unknown, RegExp]>([
    [
      'result with a key it does not know',
      () => handle.result({ timout: '1s' } as never),
      /^unknown result option\(s\): timout \(did you mean timeout\?\); known options are followRuns, timeout, signal, maxPollInterval$/,
    ],
    [
      'result with null',
      () => handle.result(null as never),
      /^result options must be an object like \{ timeout: '30s' \}; got null$/,
    ],
    [
      'result with followRuns a string',
      () => handle.result({ followRuns: 'no' } as never),
      /^followRuns must be true or false; got "no"$/,
    ],
    [
      'result with a signal that is not an AbortSignal',
      () => handle.result({ signal: 5 } as never),
      /^signal must be an AbortSignal \(from an AbortController\); got 5$/,
    ],
    // a wait of 0 between checks sent the service a request per turn of the event loop for as
    // long as the run stayed open
    [
      'result with a maxPollInterval of 0',
      () => handle.result({ maxPollInterval: 0 }),
      /^maxPollInterval must be at least 10 ms \(each check is a request to the service\); got 0$/,
    ],
    [
      'followHistory with a maxPollInterval of 1 ms',
      () => handle.followHistory({ maxPollInterval: '1ms' }).next(),
      /^maxPollInterval must be at least 10 ms \(each check is a request to the service\); got "1ms"$/,
    ],
    [
      'followHistory with a key it does not know',
      () => handle.followHistory({ maxPollIntervall: '1s' } as never).next(),
      /^unknown followHistory option\(s\): maxPollIntervall \(did you mean maxPollInterval\?\)/,
    ],
    [
      'followHistory with onCaughtUp not a function',
      () => handle.followHistory({ onCaughtUp: true } as never).next(),
      /^onCaughtUp must be a function; got true$/,
    ],
    [
      'terminate with a key it does not know',
      () => handle.terminate('r', { detials: 'x' } as never),
      /^unknown terminate option\(s\): detials \(did you mean details\?\); known options are details, childPolicy$/,
    ],
    [
      'terminate with the options as its reason',
      () => handle.terminate({ details: 'x' } as never),
      /^terminate reason must be a string; got \{"details":"x"\}$/,
    ],
    [
      'terminate with a child policy SWF does not have',
      () => handle.terminate('r', { childPolicy: 'NUKE' } as never),
      /^childPolicy must be TERMINATE, REQUEST_CANCEL or ABANDON; got "NUKE"$/,
    ],
    [
      'ActivityCompletionClient with null',
      () => new ActivityCompletionClient(null as never),
      /^ActivityCompletionClient options must be an object like \{ swf: \{ region: 'us-east-1' \} \}; got null$/,
    ],
    [
      'ActivityCompletionClient with a key it does not know',
      () => new ActivityCompletionClient({ dataconverter: {} } as never),
      /^unknown ActivityCompletionClient option\(s\): dataconverter \(did you mean dataConverter\?\)/,
    ],
    [
      'ActivityCompletionClient with a converter without methods',
      () => new ActivityCompletionClient({ dataConverter: {} } as never),
      /^dataConverter must have toPayload\(value\) and fromPayload\(payload\) methods/,
    ],
  ])('%s is refused, naming the option', async (_what, call, message) => {
    const outcome = await (async () => call())().then(
      () => 'no error',
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(ValidationError);
    expect((outcome as Error).message).toMatch(message);
  });
});
