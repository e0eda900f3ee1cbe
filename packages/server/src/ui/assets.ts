/**
 * The web UI's static files (stylesheet and scripts) from the package's `web/` folder, read once
 * and served at `/ui/static/<name>`. Pages load them by URL because the CSP allows no inline script
 * or style; there is no build step, the files are served as written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files served, by name, with their content types. Nothing else under `web/` is reachable. */
export const ASSETS: Readonly<Record<string, string>> = {
  'style.css': 'text/css; charset=utf-8',
  'tooltip.js': 'text/javascript; charset=utf-8',
  'actions.js': 'text/javascript; charset=utf-8',
  'live.js': 'text/javascript; charset=utf-8',
};

/** The scripts every page loads (each acts only on the elements it is for). */
export const SCRIPTS: readonly string[] = Object.keys(ASSETS).filter((name) => name.endsWith('.js'));

/** The `web/` folder of this package, found from this module's location (source or dist). */
function webDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'web', 'style.css'))) return join(dir, 'web');
    dir = dirname(dir);
  }
  throw new Error(
    `Cannot find web/style.css above ${fileURLToPath(import.meta.url)}; is the package installed completely?`,
  );
}

const cache = new Map<string, { type: string; body: string }>();

/** The named asset's content type and text, or `undefined` when no such asset is served. */
export function asset(name: string): { type: string; body: string } | undefined {
  const type = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (type === undefined) return undefined;
  let found = cache.get(name);
  if (!found) {
    found = { type, body: readFileSync(join(webDir(), name), 'utf8') };
    cache.set(name, found);
  }
  return found;
}
