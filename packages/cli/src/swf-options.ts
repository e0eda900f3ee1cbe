/**
 * The flags every subcommand that talks to SWF shares (`--endpoint`, `--region`, `--domain`), where
 * their values come from when not given, and the `WorkflowClient` they configure.
 *
 * The endpoint: `--endpoint`, else `$SWF_FLOW_ENDPOINT`, else `$AWS_ENDPOINT_URL_SWF`, else the
 * `swf-flow server` running on this project's `.swf-flow/` (see running-service.ts), else — when
 * that service is stopped — its data directory opened in-process (offline-service.ts), else Amazon
 * SWF. `--endpoint aws` means Amazon SWF whatever the environment says. The domain: `--domain`,
 * else `$SWF_FLOW_DOMAIN`. Placeholder credentials are filled in only for a loopback endpoint (the
 * local service) with no credentials configured; any other endpoint uses the standard AWS chain.
 */
import { WorkflowClient } from '@swf-flow/client';
import { withLocalDefaults } from '@swf-flow/common';
import { type FlagSpec, type Flags, UsageError, stringFlag } from './args.js';
import { type CliIo, envOf } from './io.js';
import { markOffline, openOfflineService } from './offline-service.js';
import { findRunningService, findStoppedService } from './running-service.js';

/** `--endpoint`, `--region`, `--domain`: spread into a subcommand's flag specs. */
export const SWF_FLAGS: Record<string, FlagSpec> = {
  endpoint: {
    type: 'string',
    short: 'e',
    placeholder: 'url',
    description: "SWF endpoint, e.g. http://127.0.0.1:8787; 'aws' for Amazon SWF",
    defaultText:
      '$SWF_FLOW_ENDPOINT, $AWS_ENDPOINT_URL_SWF, the running swf-flow server of ./.swf-flow, else Amazon SWF',
  },
  region: {
    type: 'string',
    placeholder: 'region',
    description: 'AWS region',
    defaultText: '$AWS_REGION; us-east-1 for a local endpoint',
  },
  domain: {
    type: 'string',
    short: 'd',
    placeholder: 'domain',
    description: 'the SWF domain (required)',
    defaultText: '$SWF_FLOW_DOMAIN',
  },
};

/** The help paragraph on how the endpoint, region, domain and credentials are found. */
export const SWF_HELP = [
  'The endpoint is --endpoint, else $SWF_FLOW_ENDPOINT, else $AWS_ENDPOINT_URL_SWF, else the',
  "'swf-flow server' running on ./.swf-flow (here or in a parent folder), else that folder's data",
  'opened in this process if its server has stopped, else Amazon SWF; the domain is --domain,',
  'else $SWF_FLOW_DOMAIN. A local endpoint (localhost, 127.0.0.1, ::1) with no',
  'AWS credentials configured gets placeholder credentials (local/local) and region us-east-1;',
  'any other endpoint uses the standard AWS chain (region, credentials, profile).',
].join('\n');

/** The `SWFClient` configuration the flags and environment give. */
export interface SwfConnection {
  /** The service URL; unset for Amazon SWF's own. */
  endpoint?: string;
  /** The AWS region; unset lets the standard chain decide. */
  region?: string;
  /** Placeholder credentials for a loopback endpoint; unset lets the standard chain decide. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Set for `--endpoint aws`: the SDK must not take an endpoint from the environment or profile. */
  ignoreConfiguredEndpointUrls?: boolean;
}

/** Where the SWF settings come from besides flags. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where to look besides flags: the environment, and the folder a running local service is searched from. */
export interface SettingsSource {
  env: Env;
  /** Where to search for `.swf-flow/`; no search without it. */
  cwd?: string;
  /**
   * The command run, when a stopped local service may be opened in-process for it: what it opened
   * is closed by `closeOfflineServices(run.owner)` when the command ends, and its notices go to
   * `run.stderr`. Without it a stopped service is not opened (the endpoint is Amazon SWF's).
   */
  run?: { owner: object; stderr: (text: string) => void };
}

function checkUrl(command: string, endpoint: string, from: string): string {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(
      `${command}: ${from} must be an http(s) URL like http://127.0.0.1:8787 (or 'aws' for Amazon SWF); got '${endpoint}'`,
    );
  }
  return endpoint;
}

/** The endpoint to use by the precedence in this module's header: a URL, `'aws'` (asked for Amazon SWF) or `undefined` (nothing said). */
export function resolveEndpoint(command: string, flags: Flags, source: SettingsSource): string | undefined {
  const given: [string, string | undefined][] = [
    ['--endpoint', stringFlag(flags, 'endpoint')],
    ['$SWF_FLOW_ENDPOINT', source.env.SWF_FLOW_ENDPOINT || undefined],
    ['$AWS_ENDPOINT_URL_SWF', source.env.AWS_ENDPOINT_URL_SWF || undefined],
  ];
  for (const [from, value] of given) {
    if (value === undefined) continue;
    if (value.toLowerCase() === 'aws') return 'aws';
    return checkUrl(command, value, from);
  }
  return source.cwd === undefined ? undefined : findRunningService(source.cwd, source.env)?.url;
}

/** The `SWFClient` configuration for the flags, the environment and a running local service. */
export function swfClientConfig(command: string, flags: Flags, source: SettingsSource): SwfConnection {
  const endpoint = resolveEndpoint(command, flags, source);
  const config: SwfConnection = {};
  if (endpoint === 'aws')
    config.ignoreConfiguredEndpointUrls = true; // else the SDK reads $AWS_ENDPOINT_URL_SWF itself
  else if (endpoint !== undefined) config.endpoint = endpoint;
  const region = stringFlag(flags, 'region');
  if (region !== undefined) config.region = region;
  if (endpoint === 'aws') return config; // Amazon SWF: the standard chain, unchanged
  return withLocalDefaults(config, source.env).config; // (also reads a loopback $AWS_ENDPOINT_URL)
}

/** The domain: `--domain`, else `$SWF_FLOW_DOMAIN`. */
export function requireDomain(command: string, flags: Flags, env: Env): string {
  const domain = stringFlag(flags, 'domain') ?? (env.SWF_FLOW_DOMAIN || undefined);
  if (domain === undefined) {
    throw new UsageError(
      `${command}: --domain is required (the SWF domain the workflows run in), or set $SWF_FLOW_DOMAIN; see '${command} --help'`,
    );
  }
  return domain;
}

/**
 * The data directory of this project's stopped local service, when nothing names an endpoint and
 * `source` allows opening one (see {@link SettingsSource.run}); else undefined.
 */
export function stoppedServiceFor(command: string, flags: Flags, source: SettingsSource): string | undefined {
  if (!source.run || source.cwd === undefined) return undefined;
  if (resolveEndpoint(command, flags, source) !== undefined) return undefined;
  return findStoppedService(source.cwd, source.env);
}

/**
 * A `WorkflowClient` for the subcommand's `--endpoint`, `--region` and `--domain`; with none, the
 * running local service of the project, else its stopped one opened in-process (the command's
 * stderr says so), else Amazon SWF.
 */
export function workflowClient(command: string, flags: Flags, source: SettingsSource): WorkflowClient {
  const domain = requireDomain(command, flags, source.env);
  const dataDir = stoppedServiceFor(command, flags, source);
  if (dataDir === undefined || !source.run) {
    return new WorkflowClient({ swf: swfClientConfig(command, flags, source), domain });
  }
  const { owner, stderr } = source.run;
  const swf = openOfflineService(dataDir, owner, stderr);
  stderr(
    `${command}: the swf-flow server of ${dataDir} is not running; using its data directly ` +
      `(workflows run only while 'npx swf-flow server' and your workers are up)\n`,
  );
  const client = new WorkflowClient({ swf, domain });
  markOffline(client, dataDir);
  return client;
}

/** Where a command run with `io` looks for settings: its environment and working directory. */
export function settingsOf(io: CliIo): SettingsSource {
  return { env: envOf(io), cwd: io.cwd ?? process.cwd(), run: { owner: io, stderr: io.stderr } };
}
