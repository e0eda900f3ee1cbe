import { SWFClient, type SWFClientConfig } from '@aws-sdk/client-swf';
import {
  ValidationError,
  applyLocalDefaults,
  consoleLogger,
  withoutIdleSdkLogger,
  withoutSdkNodeWarning,
  type Logger,
} from '@swf-flow/common';

/** An `SWFClient`, or the configuration to build one. */
export type SwfClientLike = SWFClient | SWFClientConfig;

function isClient(value: unknown): value is SWFClient {
  return typeof value === 'object' && value !== null && typeof (value as { send?: unknown }).send === 'function';
}

/**
 * Returns the `SWFClient` to use: the given one, or one built from the given configuration (with
 * nothing, configured the standard AWS way: `AWS_REGION`, the credentials chain,
 * `AWS_ENDPOINT_URL_SWF`). When the endpoint is a loopback address (the local service) and no
 * credentials are configured, placeholder credentials (and region `us-east-1`) are filled in and
 * said once on `logger.debug`; any other endpoint keeps the standard chain unchanged.
 */
export function resolveSwfClient(
  swf: SwfClientLike | undefined,
  what = 'swf',
  logger: Pick<Logger, 'debug'> = consoleLogger,
): SWFClient {
  if (isClient(swf)) return swf;
  if (swf !== undefined && (typeof swf !== 'object' || swf === null)) {
    throw new ValidationError(
      `${what} must be an SWFClient from @aws-sdk/client-swf or its configuration object; got ${typeof swf}`,
    );
  }
  const config = applyLocalDefaults<SWFClientConfig>(swf ?? {}, logger);
  return withoutIdleSdkLogger(
    withoutSdkNodeWarning(() => new SWFClient(config)),
    config,
  );
}
