/** How the client names a workflow type: a workflow function, `{ name, version }` or a type name. */
import { ValidationError, workflowTypeOptions, type RunDefaults } from '@swf-flow/common';

/**
 * Names a workflow type: its function (the name/version `defineWorkflow` gave it, else the
 * function's name and version `'1.0'`), `{ name, version }`, or a name (version `'1.0'`).
 */
export type WorkflowRef<F extends (...args: any[]) => any = (...args: any[]) => any> = F | WorkflowTypeRef | string;

/** A workflow type by name and version, with the defaults to start it with. */
export interface WorkflowTypeRef extends RunDefaults {
  /** The type name. */
  name: string;
  /** The type version. */
  version: string;
}

/**
 * Resolves a {@link WorkflowRef} to a workflow type (name, version and start defaults).
 * @throws ValidationError for anything that names no workflow type.
 */
export function resolveWorkflowType(ref: WorkflowRef): WorkflowTypeRef {
  if (typeof ref === 'string') {
    if (ref === '') throw new ValidationError('workflow type name must not be empty');
    return { name: ref, version: '1.0' };
  }
  if (typeof ref === 'function') {
    const attached = workflowTypeOptions(ref) ?? {};
    const name = attached.name ?? ref.name;
    if (!name)
      throw new ValidationError(
        'cannot tell the workflow type of an anonymous function: name it, wrap it with defineWorkflow, or pass { name, version }',
      );
    return { ...attached, name, version: attached.version ?? '1.0' };
  }
  if (typeof ref === 'object' && ref !== null && typeof ref.name === 'string' && typeof ref.version === 'string')
    return ref;
  throw new ValidationError(
    `expected a workflow function, { name, version } or a workflow type name; got ${ref === null ? 'null' : typeof ref}`,
  );
}
