/** The registry: domains, types and tags (see {@link Registry}). */
export { Registry } from './registry.js';
export { registrySchema } from './schema.js';
export type { RegistryOptions, RegistryLimits } from './context.js';
export type {
  DomainRecord,
  WorkflowTypeRecord,
  ActivityTypeRecord,
  RegistrationStatus,
  TypeRecordBase,
} from './records.js';
