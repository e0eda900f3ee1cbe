/**
 * The child process of `bench/service.ts --split`: the `Worker` and the `WorkflowClient` in a
 * process of their own, reaching the service over localhost HTTP, as a deployment runs them. It
 * runs the phases of `service-phases.ts` and tells the parent (over IPC) when each phase starts and
 * ends, so that the parent measures the service's CPU over the same span, then sends its results.
 *
 *     (forked by service.ts) service-worker.ts ENDPOINT STEPS WORKFLOWS POLLERS [PROFILE_DIR]
 */
import { phaseProfiler } from './profile.js';
import { cpuMs, runPhases } from './service-phases.js';

/** A message to the parent and its answer. */
function ask(message: object): Promise<unknown> {
  return new Promise((resolve) => {
    process.once('message', resolve);
    process.send?.(message);
  });
}

async function main(): Promise<void> {
  const [endpoint, steps, workflows, pollers, profileDir] = process.argv.slice(2);
  if (!endpoint || !process.send) throw new Error('service-worker.ts is forked by bench/service.ts --split');
  const profiler = await phaseProfiler(profileDir);
  const cpu: Record<string, number> = {};
  try {
    const results = await runPhases(
      { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
      { steps: Number(steps), workflows: Number(workflows), pollers: Number(pollers) },
      async (phase, fn) => {
        await ask({ type: 'start', phase });
        await profiler.start();
        const c0 = process.cpuUsage();
        try {
          return await fn();
        } finally {
          cpu[phase] = cpuMs(c0);
          await profiler.stop(`worker-${phase}`);
          await ask({ type: 'end', phase });
        }
      },
      async () => void (await ask({ type: 'warm' })),
    );
    process.send({ type: 'results', results, cpu });
  } finally {
    profiler.close();
  }
}

main().then(
  () => process.disconnect?.(),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
