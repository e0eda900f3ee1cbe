/**
 * The project's local service when it is not running. After `npm start` or `swf-flow dev` has
 * stopped, `.swf-flow/` still holds every execution; rather than sending `swf-flow history` or
 * `swf-flow list` to Amazon SWF (where the AWS chain then fails for want of a region), the command
 * opens that data directory in this process and talks to it through the in-process SDK handler —
 * the same service and wire path as over HTTP. It holds the directory's lock while the command
 * runs, so a server started meanwhile waits for it to end, and `main` closes it afterwards.
 *
 * What a command does this way is durable and is what the server would do: a `start` records the
 * execution and schedules its first decision task, which runs once a server and workers are up.
 * Nothing runs workflows meanwhile, so waiting for an open run (`result`, `start --wait`,
 * `history --follow`) is refused with what to do instead.
 */
import { type Logger, ValidationError } from '@swf-flow/common';
import { type WorkflowClient, type WorkflowHandle } from '@swf-flow/client';
import { type LocalSwfClientConfig, localSwfClientConfig } from '@swf-flow/server';
import { SwfService, createInProcessHandler } from '@swf-flow/server/embedding';

/** The services opened for a command run, by the run's owner object (its `CliIo`). */
const opened = new WeakMap<object, SwfService[]>();
/** The data directory of each client that talks to a stopped service in-process. */
const offlineClients = new WeakMap<WorkflowClient, string>();

/** A logger that passes the service's warnings and errors to the command's stderr and drops the rest. */
function stderrLogger(stderr: (text: string) => void): Logger {
  const line = (level: string, message: string): void => stderr(`swf-flow (${level}): ${message}\n`);
  return {
    debug: () => {},
    info: () => {},
    warn: (message) => line('warn', message),
    error: (message) => line('error', message),
    isLevelEnabled: (level) => level === 'warn' || level === 'error',
  };
}

/**
 * Opens the service of `dataDir` in this process for the command run `owner` stands for, and
 * returns the SDK configuration that reaches it. {@link closeOfflineServices} closes it.
 *
 * @param stderr - where the service's warnings go.
 * @throws DataDirectoryInUseError when a service started on the directory since it was found stopped.
 */
export function openOfflineService(
  dataDir: string,
  owner: object,
  stderr: (text: string) => void,
): LocalSwfClientConfig {
  const service = SwfService.open({ dataDir, logger: stderrLogger(stderr) });
  const list = opened.get(owner) ?? [];
  list.push(service);
  opened.set(owner, list);
  return localSwfClientConfig({ requestHandler: createInProcessHandler(service) });
}

/** Closes what {@link openOfflineService} opened for `owner` (the command run has ended). */
export function closeOfflineServices(owner: object): void {
  const list = opened.get(owner);
  opened.delete(owner);
  for (const service of list ?? []) service.close();
}

/** Marks `client` as one that talks to the stopped service of `dataDir` (see {@link refuseWaitingOffline}). */
export function markOffline(client: WorkflowClient, dataDir: string): void {
  offlineClients.set(client, dataDir);
}

/** The data directory of the stopped service `client` talks to in-process, if it does. */
export function offlineDataDir(client: WorkflowClient): string | undefined {
  return offlineClients.get(client);
}

/**
 * Throws when `client` talks to a stopped local service and the run of `handle` is open: nothing
 * would ever close it while the command waits. A closed run passes (it answers at once).
 *
 * @throws ValidationError saying how to start the service.
 */
export async function refuseWaitingOffline(client: WorkflowClient, handle: WorkflowHandle): Promise<void> {
  const dataDir = offlineClients.get(client);
  if (dataDir === undefined) return;
  const info = (await handle.describe()).executionInfo;
  if (info?.executionStatus !== 'OPEN') return;
  throw new ValidationError(
    `execution ${handle.workflowId} is open, and nothing runs it while the server of ${dataDir} is stopped: ` +
      `start it ('npx swf-flow server', or 'npx swf-flow dev' with your workers), then run this again`,
  );
}
