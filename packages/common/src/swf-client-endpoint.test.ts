import { SWFClient } from '@aws-sdk/client-swf';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { resolveSwfClient } from './swf-client.js';

describe("resolveSwfClient: the configuration's endpoint is checked when the client is built", () => {
  it.each(['127.0.0.1:8787', 'localhost:8787', 'not a url', 'ftp://127.0.0.1:8787', ''])(
    "refuses endpoint '%s' with a ValidationError that shows how to write it",
    (endpoint) => {
      const build = (): unknown => resolveSwfClient(SWFClient, { endpoint, region: 'us-east-1' }, 'swf');
      expect(build).toThrow(ValidationError);
      expect(build).toThrow(
        /swf\.endpoint .* is not an http:\/\/ or https:\/\/ URL; write it with its scheme, e\.g\. 'http:\/\/127\.0\.0\.1:8787'/,
      );
    },
  );

  it.each(['http://127.0.0.1:8787', 'https://swf.us-east-1.amazonaws.com', 'http://[::1]:8787/'])(
    'takes %s',
    (endpoint) => {
      expect(resolveSwfClient(SWFClient, { endpoint, region: 'us-east-1' })).toBeInstanceOf(SWFClient);
    },
  );
});
