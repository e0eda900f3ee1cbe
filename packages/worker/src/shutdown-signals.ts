/** Graceful shutdown of the process's workers on SIGINT/SIGTERM. */
import type { Logger } from '@swf-flow/common';

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

function install(): void {
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
  for (const s of SIGNALS) process.off(s, onSignal);
}

/**
 * Shuts `target` down gracefully on SIGINT/SIGTERM until the returned function is called. One
 * process listener per signal serves every worker of the process; a second signal exits at once.
 */
export function shutdownOnSignals(target: ShutdownTarget): () => void {
  if (targets.size === 0) install();
  targets.add(target);
  return () => {
    if (!targets.delete(target)) return;
    if (targets.size === 0) uninstall();
  };
}
