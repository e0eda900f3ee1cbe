/**
 * Finding tsx's ESM API (`tsx/esm/api`, its `import` entry), through which code that starts a new
 * process or thread loads TypeScript modules there: a Lambda function's `.ts` handler, the service
 * thread's program when the service runs from its sources.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The path of tsx's ESM API as the first of `from` (files or file URLs; resolution starts in their
 * directory) that can resolve `tsx` sees it, or `undefined` when none can.
 *
 * @example
 * ```ts
 * const api = findTsxEsmApi([import.meta.url, join(process.cwd(), 'index.js')]);
 * if (api) (await import(pathToFileURL(api).href)).register();
 * ```
 */
export function findTsxEsmApi(from: readonly string[]): string | undefined {
  for (const start of from) {
    try {
      const manifest = createRequire(start).resolve('tsx/package.json');
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
        exports?: Record<string, { import?: string | { default?: string } }>;
      };
      const entry = pkg.exports?.['./esm/api']?.import;
      const path = typeof entry === 'string' ? entry : entry?.default;
      if (path) return join(dirname(manifest), path);
    } catch {
      // not installed there
    }
  }
  return undefined;
}
