/**
 * The flags every subcommand that talks to SWF shares (`--endpoint`, `--region`, `--domain`), and
 * the `WorkflowClient` they configure: the local service with an endpoint, Amazon SWF without.
 */
import { WorkflowClient } from '@swf-flow/client';
import { type FlagSpec, type FlagValue, UsageError } from './args.js';

/** `--endpoint`, `--region`, `--domain`: spread into a subcommand's flag specs. */
export const SWF_FLAGS: Record<string, FlagSpec> = {
  endpoint: { type: 'string', placeholder: 'url', description: 'SWF endpoint, e.g. http://127.0.0.1:8787 for swf-flow server', defaultText: '$AWS_ENDPOINT_URL_SWF, else Amazon SWF' },
  region: { type: 'string', placeholder: 'region', description: 'AWS region', defaultText: '$AWS_REGION; us-east-1 with an endpoint' },
  domain: { type: 'string', placeholder: 'domain', description: 'the SWF domain (required)' },
};

/** The help paragraph on how `--endpoint`, `--region` and credentials are found. */
export const SWF_HELP = [
  'With an endpoint (--endpoint or $AWS_ENDPOINT_URL_SWF) and no AWS credentials in the',
  'environment, dummy credentials (local/local) are used, so the local service works as is.',
  'Without one, the standard AWS chain (region, credentials, profile) reaches Amazon SWF.',
].join('\n');

/** The `SWFClient` configuration the flags and environment give. */
export interface SwfConnection {
  /** The service URL; unset for Amazon SWF's own. */
  endpoint?: string;
  /** The AWS region; unset lets the standard chain decide. */
  region?: string;
  /** Dummy credentials for a local endpoint; unset lets the standard chain decide. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Where the SWF settings come from besides flags. */
export type Env = Readonly<Record<string, string | undefined>>;

function optional(flags: Record<string, FlagValue>, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** The `SWFClient` configuration for `--endpoint` / `--region` and the environment. */
export function swfClientConfig(command: string, flags: Record<string, FlagValue>, env: Env = process.env): SwfConnection {
  const endpoint = optional(flags, 'endpoint') ?? (env.AWS_ENDPOINT_URL_SWF || undefined);
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new UsageError(`${command}: --endpoint must be an http(s) URL like http://127.0.0.1:8787; got '${endpoint}'`);
    }
  }
  const region = optional(flags, 'region') ?? (env.AWS_REGION || undefined) ?? (endpoint !== undefined ? 'us-east-1' : undefined);
  const config: SwfConnection = {};
  if (endpoint !== undefined) config.endpoint = endpoint;
  if (region !== undefined) config.region = region;
  const hasCredentials = Boolean(env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE);
  if (endpoint !== undefined && !hasCredentials) config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  return config;
}

/** The required `--domain`. */
export function requireDomain(command: string, flags: Record<string, FlagValue>): string {
  const domain = optional(flags, 'domain');
  if (domain === undefined) throw new UsageError(`${command}: --domain is required (the SWF domain the workflows run in); see '${command} --help'`);
  return domain;
}

/** A `WorkflowClient` for the subcommand's `--endpoint`, `--region` and `--domain`. */
export function workflowClient(command: string, flags: Record<string, FlagValue>, env: Env = process.env): WorkflowClient {
  return new WorkflowClient({ swf: swfClientConfig(command, flags, env), domain: requireDomain(command, flags) });
}
