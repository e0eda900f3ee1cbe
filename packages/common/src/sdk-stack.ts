/**
 * Reading an SDK middleware stack: the stack keeps its entries private, but its public
 * `applyToStack(toStack)` adds every entry (the middleware function and its options) to the stack
 * it is given. {@link findMiddleware} gives it a stack that only records, to find the SDK's own
 * middleware by name — so a replacement can call it, or check it is what it expects to replace.
 *
 * Also the shape check of the SDK's `HttpRequest` ({@link isHttpRequest}) that the replaced
 * middlewares share.
 */

/** A middleware and the options it was added with. */
export interface StackEntry {
  middleware: (next: never, context: never) => unknown;
  options: { name?: string; step?: string; priority?: string; tags?: string[]; [key: string]: unknown };
}

/** The parts of an SDK middleware stack used here. */
export interface ApplicableStack {
  applyToStack(toStack: unknown): unknown;
}

/**
 * The entry named `name` in the stack (absolute or relative), or `undefined`.
 *
 * @example
 * ```ts
 * const ua = findMiddleware(client.middlewareStack, 'getUserAgentMiddleware');
 * ```
 */
export function findMiddleware(stack: ApplicableStack, name: string): StackEntry | undefined {
  let found: StackEntry | undefined;
  const record = (middleware: StackEntry['middleware'], options: StackEntry['options'] & { middleware?: unknown }) => {
    if (options?.name !== name) return;
    const { middleware: _drop, ...rest } = options;
    found = { middleware, options: rest };
  };
  stack.applyToStack({ add: record, addRelativeTo: record, identifyOnResolve: () => false });
  return found;
}

/** The parts of an SDK middleware stack {@link replaceInPlace} uses. */
export interface EditableStack extends ApplicableStack {
  add(middleware: unknown, options: object): void;
  remove(name: string): boolean;
}

/**
 * Puts `middleware` in place of the absolute entry named `name`, at the same place in the order:
 * the stack orders the entries of one step and priority by when they were added, and `add` with
 * `override` would put the new one last among them, so the entries added after the old one are
 * removed and added again after the new one. Returns whether it did (no such entry: nothing done).
 *
 * @example
 * ```ts
 * replaceInPlace(client.middlewareStack, 'getUserAgentMiddleware', (sdk) => myMiddleware(sdk));
 * ```
 */
export function replaceInPlace(stack: EditableStack, name: string, replacement: (sdk: StackEntry) => unknown): boolean {
  const absolute: StackEntry[] = [];
  const record = (middleware: StackEntry['middleware'], options: StackEntry['options'] & { middleware?: unknown }) => {
    const { middleware: _drop, ...rest } = options;
    absolute.push({ middleware, options: rest });
  };
  stack.applyToStack({ add: record, addRelativeTo: () => {}, identifyOnResolve: () => false });
  const index = absolute.findIndex((e) => e.options.name === name);
  const old = absolute[index];
  if (old === undefined) return false;
  const priority = (e: StackEntry) => e.options.priority ?? 'normal';
  const after = absolute
    .slice(index + 1)
    .filter((e) => e.options.step === old.options.step && priority(e) === priority(old) && e.options.name);
  const middleware = replacement(old);
  stack.remove(name);
  for (const e of after) stack.remove(e.options.name as string);
  stack.add(middleware, old.options);
  for (const e of after) stack.add(e.middleware, e.options);
  return true;
}

/** The part of the SDK's `HttpRequest` the replaced middlewares read and write. */
export interface SdkHttpRequest {
  headers: Record<string, string>;
  body?: unknown;
}

/** The SDK's `HttpRequest.isInstance`. */
export function isHttpRequest(request: unknown): request is SdkHttpRequest {
  if (!request) return false;
  const r = request as Record<string, unknown>;
  return (
    'method' in r &&
    'protocol' in r &&
    'hostname' in r &&
    'path' in r &&
    typeof r.query === 'object' &&
    typeof r.headers === 'object'
  );
}

/** What {@link settledMemo} remembers: the last promise seen resolved and its value. */
export interface SettledMemo {
  /** `{ value }` when `pending` is the promise last recorded (a promise resolves once: the value stands); else `undefined`. */
  get(pending: unknown): { value: unknown } | undefined;
  /** Records that `pending` resolved to `value`. */
  set(pending: unknown, value: unknown): void;
}

/**
 * A memory of the last promise a provider handed out and what it resolved to, so that a provider
 * that hands out the same promise on every request (the SDK's retry strategy, an endpoint read
 * once per client) is read without waiting for it again: the same value, one promise hop fewer.
 *
 * @example
 * ```ts
 * const strategies = settledMemo();
 * const pending = config.retryStrategy();
 * const strategy = strategies.get(pending)?.value ?? (await pending);
 * strategies.set(pending, strategy);
 * ```
 */
export function settledMemo(): SettledMemo {
  let has = false;
  let promise: unknown;
  let value: unknown;
  return {
    get: (pending) => (has && pending === promise ? { value } : undefined),
    set: (pending, resolved) => {
      has = true;
      promise = pending;
      value = resolved;
    },
  };
}
