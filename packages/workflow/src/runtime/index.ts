/** Internal entry of the runtime for the workflow API modules (not part of the public API). */
export { scheduleActivity } from './activity-command.js';
export type { ActivityCommandSpec } from './activity-command.js';
export { sleep } from './timer-command.js';
export { recordMarker } from './marker-command.js';
export { scheduleLambda, lambdaFailed } from './lambda-command.js';
export type { LambdaCommandSpec } from './lambda-command.js';
export { CancellationScope } from './cancellation-scope.js';
export type { CancellationScopeOptions } from './cancellation-scope.js';
export { currentStore, maybeStore } from './storage.js';
