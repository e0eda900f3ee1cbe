/** The activity types a worker serves: each `@Activities` instance's methods, by type name and version. */
import { ValidationError, readActivityTypes, type ActivityTypeInfo } from '@swf-flow/common';

/** One activity type a worker runs: the instance and method behind it. */
export interface RegisteredActivity {
  info: ActivityTypeInfo;
  /** The task list it is polled from (its own, or the worker's). */
  taskList: string;
  instance: object;
  method: (...args: unknown[]) => unknown;
}

/** The activity types of a worker, by name and version. */
export class ActivityRegistry {
  private readonly types = new Map<string, RegisteredActivity>();

  /**
   * Reads the types of each `@Activities` instance.
   * @throws ValidationError for an undecorated instance or a type served twice.
   */
  constructor(instances: readonly object[], defaultTaskList: string) {
    for (const instance of instances) {
      const cls = instance.constructor as abstract new (...args: never[]) => unknown;
      for (const info of readActivityTypes(cls)) {
        const key = ActivityRegistry.key(info.name, info.version);
        const existing = this.types.get(key);
        if (existing) {
          throw new ValidationError(
            `activity type ${info.name} ${info.version} is served twice: by ${existing.instance.constructor.name}.${existing.info.methodName} and ${cls.name}.${info.methodName}`,
          );
        }
        const method = (instance as Record<string, unknown>)[info.methodName];
        if (typeof method !== 'function')
          throw new ValidationError(`${cls.name}.${info.methodName} is not a method of the given instance`);
        this.types.set(key, {
          info,
          taskList: info.taskList ?? defaultTaskList,
          instance,
          method: method as (...args: unknown[]) => unknown,
        });
      }
    }
  }

  private static key(name: string, version: string): string {
    return `${name}\u0000${version}`;
  }

  /** The activity for a type, if this worker runs it. */
  get(type: { name?: string; version?: string } | undefined): RegisteredActivity | undefined {
    return this.types.get(ActivityRegistry.key(type?.name ?? '', type?.version ?? ''));
  }

  /** Every activity type served. */
  all(): RegisteredActivity[] {
    return [...this.types.values()];
  }

  /** The task lists to poll. */
  taskLists(): string[] {
    return [...new Set(this.all().map((a) => a.taskList))];
  }

  /** `Name 1.0, Other 2.0`, for messages. */
  describe(): string {
    return (
      this.all()
        .map((a) => `${a.info.name} ${a.info.version}`)
        .join(', ') || '(none)'
    );
  }
}
