/**
 * @module create-swf-flow
 *
 * `npm create swf-flow@latest my-app` writes a new swf-flow project (also `npx swf-flow init
 * my-app`). Programs can call {@link scaffold} or {@link createProject} directly.
 *
 * @example
 * ```ts
 * import { scaffold } from 'create-swf-flow';
 * await scaffold({ directory: 'my-app' });
 * // then: cd my-app && npm install && npm start
 * ```
 */
export { scaffold, ownVersion } from './scaffold.js';
export type { ScaffoldOptions, ScaffoldResult, PackageSource } from './scaffold.js';
export { createProject, usageText } from './cli.js';
export type { CreateIo } from './cli.js';
