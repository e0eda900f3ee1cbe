/** Internal entry of the runtime for the workflow API modules (not part of the public API). */
export { scheduleActivity, sleep, recordMarker } from './commands.js';
export type { ActivityCommandSpec } from './commands.js';
export { scheduleLambda, lambdaFailed } from './lambda-command.js';
export type { LambdaCommandSpec } from './lambda-command.js';
export { CancellationScope } from './cancellation-scope.js';
export type { CancellationScopeOptions } from './cancellation-scope.js';
export { currentStore, maybeStore } from './storage.js';
