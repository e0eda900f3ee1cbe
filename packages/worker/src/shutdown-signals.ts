/**
 * Graceful shutdown of the process's workers on SIGINT/SIGTERM, and when the npm that started the
 * process is gone (`npm run worker` stopped: npm passes SIGTERM only to the `sh` running the script).
 */
import { type Logger, watchLauncher } from '@swf-flow/common';

/** A running worker, as the signal handler sees it. */
export interface ShutdownTarget {
  readonly state: string;
  shutdown(): Promise<void>;
  readonly options: { readonly logger: Logger };
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const targets = new Set<ShutdownTarget>();

function onSignal(signal: NodeJS.Signals): void {
  const running = [...targets].filter((t) => t.state === 'RUNNING');
  if (running.length > 0) {
    for (const t of running) {
      t.options.logger.info(`received ${signal}: shutting down gracefully (send it again to exit at once)`);
      void t.shutdown();
    }
    return;
  }
  // A second signal while workers are still finishing: exit the default way.
  uninstall();
  targets.clear();
  process.kill(process.pid, signal);
}

/** The npm that started the process is gone: shut the running workers down as on a first SIGTERM. */
function onLauncherGone(): void {
  for (const t of targets) {
    if (t.state !== 'RUNNING') continue;
    t.options.logger.info('the npm that started this process is gone: shutting down gracefully');
    void t.shutdown();
  }
}

let unwatch: (() => void) | undefined;

function install(): void {
  for (const s of SIGNALS) process.on(s, onSignal);
  unwatch = watchLauncher(onLauncherGone);
}

function uninstall(): void {
  for (const s of SIGNALS) process.off(s, onSignal);
  unwatch?.();
  unwatch = undefined;
}

/**
 * Shuts `target` down gracefully on SIGINT/SIGTERM, or when the npm that started the process is
 * gone, until the returned function is called. One process listener per signal serves every worker
 * of the process; a second signal exits at once.
 */
export function shutdownOnSignals(target: ShutdownTarget): () => void {
  if (targets.size === 0) install();
  targets.add(target);
  return () => {
    if (!targets.delete(target)) return;
    if (targets.size === 0) uninstall();
  };
}
