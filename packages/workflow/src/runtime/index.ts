/** Internal entry of the runtime for the workflow API modules (not part of the public API). */
export { scheduleActivity, sleep, recordMarker, scheduleLambda } from './commands.js';
export type { ActivityCommandSpec, LambdaCommandSpec } from './commands.js';
export { CancellationScope } from './cancellation-scope.js';
export type { CancellationScopeOptions } from './cancellation-scope.js';
export { currentStore, maybeStore } from './storage.js';
