/** `swf-flow server`: runs the local SWF service (and its web UI) until SIGINT/SIGTERM. */
import { type AccessKey, type Durability, type LocalSwfServer, createServer } from '@swf-flow/server';
import { DURABILITIES, parseAccessKey } from '@swf-flow/server/embedding';
import { type FlagSpec, type Flags, UsageError, parseFlags, stringFlag } from '../args.js';
import { COMMON_FLAGS, helpText } from '../help.js';
import { type CliIo, envOf } from '../io.js';
import { DATA_DIR_ENV, DEFAULT_DATA_DIR } from '../running-service.js';

const CMD = 'swf-flow server';

/** The flags of `swf-flow server` (and `swf-flow dev`). */
export const SERVER_FLAGS: Record<string, FlagSpec> = {
  port: {
    type: 'port',
    short: 'p',
    placeholder: 'port',
    description: 'TCP port; 0 picks a free one',
    defaultText: '8787',
  },
  data: {
    type: 'string',
    placeholder: 'dir',
    description: "data directory (SQLite), or ':memory:'",
    defaultText: '$SWF_FLOW_DATA, else ./.swf-flow',
  },
  host: {
    type: 'string',
    placeholder: 'host',
    description: 'interface to bind; 0.0.0.0 exposes it to the network',
    defaultText: '127.0.0.1',
  },
  'allowed-hosts': {
    type: 'string',
    placeholder: 'names',
    description:
      "comma-separated Host names answered besides localhost, 127.0.0.1 and [::1] (and, off loopback, any IP address); '.example.com' adds a domain, 'any' switches the DNS-rebinding check off",
    defaultText: 'none',
  },
  auth: {
    type: 'string',
    placeholder: 'KEY:SECRET',
    repeatable: true,
    description:
      'require requests signed (SigV4) with this access key; repeat or separate with commas for several; also read from SWF_FLOW_AUTH (keeps secrets out of the process list); turns the web UI off',
    defaultText: 'none: any signature passes',
  },
  'poll-timeout': {
    type: 'duration',
    placeholder: 'duration',
    description: 'how long polls wait for a task',
    defaultText: '60s',
  },
  durability: {
    type: 'string',
    choices: DURABILITIES,
    placeholder: 'full|normal',
    description:
      'full: every answer is flushed to disk first (survives power loss); normal: survives a killed process only, faster',
    defaultText: 'full',
  },
  'read-only': {
    type: 'boolean',
    description: 'the web UI shows everything but offers and accepts no actions (signal, cancel, terminate, start)',
  },
  lambdas: {
    type: 'string',
    placeholder: 'dir',
    description: 'run Lambda tasks from handler modules <dir>/<function>.js|.ts (each in a process of its own)',
  },
  'lambda-endpoint': {
    type: 'string',
    placeholder: 'url',
    description: "run Lambda tasks with Invoke at a Lambda-compatible endpoint (e.g. sam local start-lambda's)",
  },
  ...COMMON_FLAGS,
};

/** The help text of `swf-flow server`. */
export const SERVER_HELP = helpText(
  `${CMD} [--port 8787] [--data ./.swf-flow] [--host 127.0.0.1] [--allowed-hosts names] [--auth KEY:SECRET] [--poll-timeout 60s] [--durability full] [--read-only] [--lambdas DIR | --lambda-endpoint URL]`,
  [
    'Runs the local SWF-compatible service (SWF JSON 1.0 over HTTP) and its web UI until SIGINT or',
    'SIGTERM, and prints both addresses. Point the AWS CLI or an SDK at the first with any region and',
    'dummy credentials. Run from the same project, the other swf-flow commands find it (it records its',
    'URL and pid in <data dir>/swf.lock.json) and need no --endpoint. With --auth (or SWF_FLOW_AUTH),',
    'clients must sign with one of the given access keys: unsigned, mis-signed, expired and unknown-key',
    "requests are refused with SWF's faults, and the web UI is off (GET /health still answers).",
  ].join('\n'),
  SERVER_FLAGS,
  [`Example: ${CMD} --port 8787 --data ./.swf-flow`],
);

/** The data directory: `--data`, else `$SWF_FLOW_DATA`, else `./.swf-flow`. */
export function dataDirOf(flags: Flags, io: CliIo): string {
  return stringFlag(flags, 'data') ?? (envOf(io)[DATA_DIR_ENV] || `./${DEFAULT_DATA_DIR}`);
}

/** `--auth` values and `SWF_FLOW_AUTH` (each `KEY:SECRET`, or several separated by commas) as access keys. */
export function accessKeysOf(flags: Flags, env: Readonly<Record<string, string | undefined>>): AccessKey[] {
  const values = [...((flags.auth as string[] | undefined) ?? []), ...(env.SWF_FLOW_AUTH ? [env.SWF_FLOW_AUTH] : [])];
  return values
    .flatMap((v) => v.split(','))
    .filter((pair) => pair.trim() !== '')
    .map((pair) => {
      try {
        return parseAccessKey(pair);
      } catch (err) {
        throw new UsageError(`${CMD}: --auth: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
}

/** Starts the local service the flags describe. */
export async function startServer(flags: Flags, io: CliIo): Promise<LocalSwfServer> {
  const auth = accessKeysOf(flags, envOf(io));
  const allowed = flags['allowed-hosts'] as string | undefined;
  const allowedHosts =
    allowed === undefined
      ? undefined
      : allowed.trim() === 'any'
        ? ('any' as const)
        : allowed.split(',').map((h) => h.trim());
  const handlers = stringFlag(flags, 'lambdas');
  const endpoint = stringFlag(flags, 'lambda-endpoint');
  if (handlers !== undefined && endpoint !== undefined)
    throw new UsageError(`${CMD}: give --lambdas or --lambda-endpoint, not both`);
  return createServer({
    ...(handlers !== undefined ? { lambdas: { handlers } } : endpoint !== undefined ? { lambdas: { endpoint } } : {}),
    ...(allowedHosts !== undefined ? { allowedHosts } : {}),
    ...(auth.length > 0 ? { auth } : {}),
    port: (flags.port as number | undefined) ?? 8787,
    host: (flags.host as string | undefined) ?? '127.0.0.1',
    dataDir: dataDirOf(flags, io),
    ...(flags['poll-timeout'] !== undefined ? { pollTimeoutMs: flags['poll-timeout'] as number } : {}),
    ...(flags.durability !== undefined ? { durability: flags.durability as Durability } : {}),
    ...(flags['read-only'] === true ? { readOnly: true } : {}),
  });
}

/** Resolves once `signal` aborts (at once if it has). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Runs `swf-flow server`; resolves with the exit status once `io.signal` aborts. */
export async function serverCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(CMD, args, SERVER_FLAGS);
  if (flags.help) {
    io.stdout(SERVER_HELP);
    return 0;
  }
  const server = await startServer(flags, io);
  const auth = accessKeysOf(flags, envOf(io));
  const ui =
    auth.length > 0
      ? `off: requests must be signed with one of ${auth.length} access key${auth.length === 1 ? '' : 's'} (${auth.map((k) => k.accessKeyId).join(', ')})`
      : server.uiUrl;
  io.stdout(`listening on ${server.url}\nweb UI: ${ui}\n`);
  await untilAborted(io.signal);
  await server.close();
  return 0;
}
