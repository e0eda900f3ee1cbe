/** `swf-flow server`: runs the local SWF service until SIGINT/SIGTERM. */
import { DURABILITIES, type Durability, createServer } from '@swf-flow/server';
import { type FlagSpec, UsageError, describeFlags, parseFlags } from '../args.js';
import type { CliIo } from '../io.js';

const FLAGS: Record<string, FlagSpec> = {
  port: { type: 'port', placeholder: 'port', description: 'TCP port; 0 picks a free one', defaultText: '8787' },
  data: { type: 'string', placeholder: 'dir', description: "data directory (SQLite), or ':memory:'", defaultText: './.swf-flow' },
  host: { type: 'string', placeholder: 'host', description: 'interface to bind; 0.0.0.0 exposes it to the network', defaultText: '127.0.0.1' },
  'poll-timeout': { type: 'duration', placeholder: 'duration', description: 'how long polls wait for a task', defaultText: '60s' },
  durability: {
    type: 'string',
    placeholder: 'full|normal',
    description: 'full: every answer is flushed to disk first (survives power loss); normal: survives a killed process only, faster',
    defaultText: 'full',
  },
  help: { type: 'boolean', description: 'show this help' },
};

/** The help text of `swf-flow server`. */
export const SERVER_HELP = [
  'Usage: swf-flow server [--port 8787] [--data ./.swf-flow] [--host 127.0.0.1] [--poll-timeout 60s] [--durability full]',
  '',
  'Runs the local SWF-compatible service (SWF JSON 1.0 over HTTP) until SIGINT or SIGTERM.',
  'Point the AWS CLI or an SDK at the printed URL with any region and dummy credentials.',
  '',
  describeFlags(FLAGS),
  '',
].join('\n');

/** Runs `swf-flow server`; resolves with the exit status once `io.signal` aborts. */
export async function serverCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags('swf-flow server', args, FLAGS);
  if (flags.help) {
    io.stdout(SERVER_HELP);
    return 0;
  }
  const durability = flags.durability as string | undefined;
  if (durability !== undefined && !(DURABILITIES as readonly string[]).includes(durability)) {
    throw new UsageError(`swf-flow server: --durability must be one of ${DURABILITIES.join(', ')}; got '${durability}'`);
  }
  const server = await createServer({
    port: (flags.port as number | undefined) ?? 8787,
    host: (flags.host as string | undefined) ?? '127.0.0.1',
    dataDir: (flags.data as string | undefined) ?? './.swf-flow',
    ...(flags['poll-timeout'] !== undefined ? { pollTimeoutMs: flags['poll-timeout'] as number } : {}),
    ...(durability !== undefined ? { durability: durability as Durability } : {}),
  });
  io.stdout(`listening on ${server.url}\n`);
  if (!io.signal.aborted) await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
  await server.close();
  return 0;
}
