/**
 * The AWS SDK for JavaScript v3 prints a `NodeVersionSupportWarning` on Node < 22 the first time a
 * client is built. swf-flow supports Node 20.19+ (its README says what the SDK's Node 22 plan
 * means), so the clients it builds turn that one reminder off the way the SDK documents:
 * `AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true`, set only while the client is built and
 * only when the variable is unset (set it to `false` to see the reminder). Other warnings are untouched.
 */

/** The SDK's switch for its Node version reminder. */
export const SDK_NODE_WARNING_VARIABLE = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/**
 * Runs `build` (which constructs an AWS SDK client) with the SDK's Node version reminder switched
 * off, unless the environment already says either way; restores the environment afterwards.
 *
 * @example
 * ```ts
 * const swf = withoutSdkNodeWarning(() => new SWFClient(config));
 * ```
 */
export function withoutSdkNodeWarning<T>(build: () => T): T {
  const env = typeof process === 'undefined' ? undefined : process.env;
  if (env === undefined || env[SDK_NODE_WARNING_VARIABLE] !== undefined) return build();
  env[SDK_NODE_WARNING_VARIABLE] = 'true';
  try {
    return build();
  } finally {
    delete env[SDK_NODE_WARNING_VARIABLE];
  }
}
