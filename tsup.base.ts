/**
 * The one build every published package shares: tsup turns `src/` into ESM and CommonJS with type
 * declarations and source maps for Node 20, type-checked against tsconfig.build.json. Each package's
 * tsup.config.ts only names its entries and what it needs beyond that.
 */
import type { Options } from 'tsup';

/** What a package's build differs in. */
export interface PackageBuild {
  /** Entry points built as ESM and CommonJS with declarations (a library's `src/index.ts`, a CLI's `src/bin.ts`). */
  entry: string[];
  /**
   * Entry points built as ESM only, without declarations: a bin that is run, never imported.
   * @default []
   */
  esmOnly?: string[];
  /**
   * Let the CommonJS output use `import.meta.url` and the ESM output `__dirname` (for code that finds
   * files shipped beside it).
   * @default false
   */
  shims?: boolean;
}

const shared = {
  tsconfig: '../../tsconfig.build.json',
  sourcemap: true,
  target: 'node20',
} satisfies Options;

/**
 * The tsup config of one package, built from its folder.
 *
 * @example
 * ```ts
 * // packages/cli/tsup.config.ts
 * import { packageBuild } from '../../tsup.base.js';
 *
 * export default packageBuild({ entry: ['src/index.ts', 'src/bin.ts'] });
 * ```
 */
export function packageBuild({ entry, esmOnly = [], shims = false }: PackageBuild): Options[] {
  const library: Options = {
    ...shared,
    entry,
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { composite: false } },
    clean: true,
    ...(shims ? { shims } : {}),
  };
  const bins: Options[] = esmOnly.length > 0 ? [{ ...shared, entry: esmOnly, format: ['esm'] }] : [];
  return [library, ...bins];
}
