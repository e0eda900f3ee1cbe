import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const pkg = (name: string): string => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@swf-flow/common': pkg('common'),
      '@swf-flow/workflow': pkg('workflow'),
      '@swf-flow/activity': pkg('activity'),
      '@swf-flow/worker': pkg('worker'),
      '@swf-flow/client': pkg('client'),
      '@swf-flow/testing': pkg('testing'),
      // Before '@swf-flow/server', which would also match its subpath.
      '@swf-flow/server/embedding': fileURLToPath(new URL('./packages/server/src/embedding.ts', import.meta.url)),
      '@swf-flow/server': pkg('server'),
      '@swf-flow/cli': pkg('cli'),
      '@swf-flow/dev': pkg('dev'),
      'create-swf-flow': fileURLToPath(new URL('./packages/create-swf-flow/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Tests also build SDK clients of their own: the AWS SDK's documented switch keeps its Node < 22
    // reminder out of the log (swf-flow's own clients switch it off themselves; see README "Node.js").
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
