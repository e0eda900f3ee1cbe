/**
 * `@Activities` and `@Activity`: declare the activity types of a class. They work as TypeScript's
 * standard (TC39) decorators, TypeScript 5's default, and as legacy `experimentalDecorators`; the
 * form is told at run time from the arguments. Either way the options are checked when the class
 * is defined and stored with reflect-metadata by {@link declareActivitiesClass} and
 * {@link declareActivityMethod}, exactly as `defineActivities` (no decorators) stores them.
 */
import 'reflect-metadata';
import { ValidationError } from '@swf-flow/common';
import {
  declareActivitiesClass,
  declareActivityMethod,
  type ActivitiesOptions,
  type ActivityOptions,
} from './declare.js';

export type { ActivitiesOptions, ActivityOptions } from './declare.js';

/** A class as decorators see it. */
type AnyClass = abstract new (...args: never[]) => unknown;

/** What `@Activities(...)` returns: a class decorator of either decorator form. */
export interface ActivitiesClassDecorator {
  /** Standard (TC39) class decorator. */
  <C extends AnyClass>(value: C, context: ClassDecoratorContext<C>): void;
  /** Legacy (`experimentalDecorators`) class decorator. */
  (target: AnyClass): void;
}

/** What `@Activity(...)` returns: a method decorator of either decorator form. */
export interface ActivityMethodDecorator {
  /** Standard (TC39) method decorator. */
  <M extends (this: any, ...args: any[]) => unknown>(value: M, context: ClassMethodDecoratorContext<unknown, M>): void;
  /** Legacy (`experimentalDecorators`) method decorator. */
  (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor): void;
}

/**
 * Methods decorated in the standard form, waiting for their class: a standard method decorator
 * runs before the class exists, so `@Activities` (which runs after its methods') stores them.
 */
const pendingMethods = new WeakMap<object, { name: string; options: ActivityOptions }>();

function isStandardContext(value: unknown): value is DecoratorContext {
  return typeof value === 'object' && value !== null && 'kind' in value;
}

/** Stores the standard-form `@Activity` options of the methods along `cls`'s prototype chain. */
function claimPendingMethods(cls: AnyClass): void {
  for (let proto: unknown = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const value = Object.getOwnPropertyDescriptor(proto, key)?.value as unknown;
      const pending = typeof value === 'function' ? pendingMethods.get(value) : undefined;
      if (pending && pending.name === key) declareActivityMethod(proto as object, key, pending.options);
    }
  }
}

/**
 * Declares a class whose methods are activities. Every method (own or inherited, not the
 * constructor) is an activity type, named `ClassName.methodName` unless its `@Activity` names it;
 * `version` must be set here or on each method. Works with standard decorators and with
 * `experimentalDecorators`; `defineActivities` does the same without decorators.
 *
 * @param options - defaults for every activity of the class; method options override them.
 * @throws ValidationError at class definition when an option is malformed, a type has no version,
 *   or two methods declare the same type.
 * @example
 * ```ts
 * @Activities({ version: '1.0', taskList: 'orders', startToCloseTimeout: '5 minutes' })
 * export class OrderActivities {
 *   @Activity({ name: 'VerifyOrder' }) async verifyOrder(order: Order): Promise<void> { ... }
 * }
 * ```
 */
export function Activities(options: ActivitiesOptions = {}): ActivitiesClassDecorator {
  declareActivitiesClass(undefined, options); // checks the options now, where the mistake is
  const stored: ActivitiesOptions = { ...options };
  return ((target: unknown, context?: unknown): void => {
    if (typeof target !== 'function') throw new ValidationError('@Activities decorates a class');
    if (isStandardContext(context) && context.kind !== 'class')
      throw new ValidationError(`@Activities decorates a class, not a ${context.kind}`);
    const cls = target as AnyClass;
    if (isStandardContext(context)) claimPendingMethods(cls);
    declareActivitiesClass(cls, stored);
  }) as ActivitiesClassDecorator;
}

/**
 * Sets the activity type options of one method of an `@Activities` class. Works with standard
 * decorators and with `experimentalDecorators`.
 *
 * @param options - the type name (default `ClassName.methodName`), version, task list, timeouts,
 *   priority and description; they override the class's.
 * @throws ValidationError at class definition when an option is malformed or the decorated member
 *   is not a public instance method.
 * @example
 * ```ts
 * @Activity({ name: 'ChargeCreditCard', heartbeatTimeout: '30s' })
 * async chargeCreditCard(card: string, amount: number): Promise<Charge> { ... }
 * ```
 */
export function Activity(options: ActivityOptions = {}): ActivityMethodDecorator {
  const stored: ActivityOptions = { ...options };
  return ((target: unknown, second: unknown, descriptor?: PropertyDescriptor): void => {
    if (isStandardContext(second)) {
      const where = `@Activity on ${String(second.name)}`;
      if (second.kind !== 'method')
        throw new ValidationError(`${where}: @Activity decorates a method, not a ${second.kind}`);
      const method = second as ClassMethodDecoratorContext;
      if (method.static) throw new ValidationError(`${where}: activities are instance methods; remove 'static'`);
      if (method.private || typeof method.name !== 'string')
        throw new ValidationError(`${where}: an activity method needs a public string name`);
      declareActivityMethod(undefined, method.name, stored); // checks the options now
      pendingMethods.set(target as object, { name: method.name, options: stored });
      return;
    }
    const propertyKey = second as string | symbol;
    const where = `@Activity on ${String(propertyKey)}`;
    if (typeof target === 'function')
      throw new ValidationError(`${where}: activities are instance methods; remove 'static'`);
    if (typeof propertyKey !== 'string') throw new ValidationError(`${where}: an activity method needs a string name`);
    if (typeof descriptor?.value !== 'function')
      throw new ValidationError(`${where}: @Activity decorates a method, not a property or accessor`);
    declareActivityMethod(target as object, propertyKey, stored);
  }) as ActivityMethodDecorator;
}
