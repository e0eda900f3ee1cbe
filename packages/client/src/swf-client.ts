import { SWFClient, type SWFClientConfig } from '@aws-sdk/client-swf';
import { ValidationError } from '@swf-flow/common';

/** An `SWFClient`, or the configuration to build one. */
export type SwfClientLike = SWFClient | SWFClientConfig;

function isClient(value: unknown): value is SWFClient {
  return typeof value === 'object' && value !== null && typeof (value as { send?: unknown }).send === 'function';
}

/**
 * Returns the `SWFClient` to use: the given one, one built from the given configuration, or (with
 * nothing) one configured the standard AWS way (`AWS_REGION`, the credentials chain,
 * `AWS_ENDPOINT_URL_SWF`).
 */
export function resolveSwfClient(swf: SwfClientLike | undefined, what = 'swf'): SWFClient {
  if (swf === undefined) return new SWFClient({});
  if (isClient(swf)) return swf;
  if (typeof swf !== 'object' || swf === null) {
    throw new ValidationError(`${what} must be an SWFClient from @aws-sdk/client-swf or its configuration object; got ${typeof swf}`);
  }
  return new SWFClient(swf);
}
