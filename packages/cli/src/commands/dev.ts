/**
 * `swf-flow dev`: the local SWF service and its web UI for development, with a banner that says
 * where each is and how the other commands reach them; runs until SIGINT/SIGTERM.
 */
import { resolve } from 'node:path';
import { parseFlags } from '../args.js';
import { paletteFor } from '../color.js';
import { helpText } from '../help.js';
import type { CliIo } from '../io.js';
import { SERVER_FLAGS, dataDirOf, startServer, untilAborted } from './server.js';

const CMD = 'swf-flow dev';

/** The help text of `swf-flow dev`. */
export const DEV_HELP = helpText(
  `${CMD} [--port 8787] [--data ./.swf-flow]`,
  [
    'Runs the local SWF service and its web UI for development and prints both addresses, the data',
    'directory, and how to reach them: the other swf-flow commands run in this folder (or below it)',
    'find the running service without --endpoint; elsewhere, export the SWF_FLOW_ENDPOINT it prints.',
    'Ctrl-C stops it. It takes the options of swf-flow server.',
  ].join('\n'),
  SERVER_FLAGS,
  [`Example: ${CMD}`],
);

/** Runs `swf-flow dev`; resolves with the exit status once `io.signal` aborts. */
export async function devCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(CMD, args, SERVER_FLAGS);
  if (flags.help) {
    io.stdout(DEV_HELP);
    return 0;
  }
  const server = await startServer(flags, io);
  const dataDir = dataDirOf(flags, io);
  const p = paletteFor(io, flags);
  const stored =
    dataDir === ':memory:'
      ? 'in memory (nothing is kept; other commands need --endpoint)'
      : resolve(io.cwd ?? process.cwd(), dataDir);
  io.stdout(
    [
      p.bold('swf-flow dev: the local SWF service and its web UI'),
      `  SWF endpoint  ${p.cyan(server.url)}`,
      `  web UI        ${p.cyan(server.uiUrl)}`,
      `  data          ${stored}`,
      '',
      'swf-flow commands run here find it by themselves; elsewhere (and for the AWS CLI and SDKs):',
      `  export SWF_FLOW_ENDPOINT=${server.url} AWS_ENDPOINT_URL_SWF=${server.url}`,
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  await untilAborted(io.signal);
  await server.close();
  return 0;
}
