/**
 * The AWS SDK resolves a client's middleware chain on every `send` (collects, sorts and links every
 * middleware of the client and the command) unless `cacheMiddleware` is on, and even then only for
 * a `send` without options: a `send(command, { abortSignal })` builds its chain afresh and also
 * drops the client's whole cache, so every request after it builds one too. A worker passes an
 * abort signal to every long poll (the signal its shutdown aborts), so half of its requests went
 * the slow way and took the others with them.
 *
 * {@link withHandlerCache} makes `send` keep one chain per command class and abort signal, built
 * by the command's own `resolveMiddleware` with the same options the SDK passes: exactly what the
 * SDK's `cacheMiddleware` does for a `send` without options, extended to options that hold only an
 * `abortSignal` (the chain the SDK builds for them differs from the cached one only by that signal,
 * which it hands to the HTTP handler and puts in the context). A `send` with a callback or with
 * other options, or on a client whose `cacheMiddleware` is off, goes to the SDK's own `send`.
 *
 * `extendChain` sees the stack each chain is resolved from (the client's middleware and the
 * command's, as the command's `resolveMiddleware` concatenates them) before it is resolved: where
 * swf-flow puts middleware that must replace one a command adds itself (`sdk-endpoint.ts`).
 */

/** A handler the SDK's `resolveMiddleware` returns. */
type Handler = (command: unknown) => Promise<{ output: unknown }>;

/** The parts of an SDK command used here. */
interface CommandLike {
  resolveMiddleware(stack: unknown, config: unknown, options: unknown): Handler;
}

/** The parts of an SDK client used here. */
export interface SendingClient {
  send(command: never, ...rest: never[]): Promise<unknown>;
  middlewareStack: unknown;
  config: { cacheMiddleware?: boolean };
}

/** A middleware stack, as far as {@link withHandlerCache} uses it. */
export interface StackLike {
  concat(from: unknown): StackLike;
}

/** Called with the stack a chain is resolved from and the command's class, before it is resolved. */
export type ExtendChain = (stack: StackLike, Command: object) => void;

/** The key of the chains built for a `send` without options. */
const NO_OPTIONS = {};

function signalOf(options: unknown): object | undefined {
  if (options === undefined) return NO_OPTIONS;
  if (typeof options !== 'object' || options === null) return undefined;
  let signal: unknown;
  for (const key in options) {
    if (key !== 'abortSignal') return undefined;
    signal = (options as { abortSignal?: unknown }).abortSignal;
  }
  return typeof signal === 'object' && signal !== null ? signal : undefined;
}

/**
 * Makes `client.send` reuse the middleware chain per command class and abort signal (see the
 * module's comment); returns the client.
 *
 * @param client - an SDK client; its `send` is replaced.
 * @param extendChain - called with the stack of each chain built here, before it is resolved.
 *
 * @example
 * ```ts
 * const swf = withHandlerCache(new SWFClient({ ...config, cacheMiddleware: true }));
 * await swf.send(new PollForDecisionTaskCommand(input), { abortSignal }); // the chain is built once
 * ```
 */
export function withHandlerCache<C extends SendingClient>(client: C, extendChain?: ExtendChain): C {
  const sdkSend = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const chains = new WeakMap<object, WeakMap<object, Handler>>();
  const send = (command: unknown, optionsOrCallback?: unknown, callback?: unknown): Promise<unknown> => {
    const signal =
      client.config.cacheMiddleware === true && callback === undefined ? signalOf(optionsOrCallback) : undefined;
    const Command = (command as { constructor?: unknown })?.constructor;
    if (signal === undefined || typeof Command !== 'function') return sdkSend(command, optionsOrCallback, callback);
    let byCommand = chains.get(signal);
    if (!byCommand) chains.set(signal, (byCommand = new WeakMap()));
    let handler = byCommand.get(Command);
    if (!handler) {
      const clientStack = client.middlewareStack as StackLike;
      // The command concatenates the client's stack with its own; the view extends what that gives.
      const stack = extendChain
        ? Object.create(clientStack, {
            concat: {
              value: (from: unknown) => {
                const chainStack = clientStack.concat(from);
                extendChain(chainStack, Command);
                return chainStack;
              },
            },
          })
        : clientStack;
      handler = (command as CommandLike).resolveMiddleware(stack, client.config, optionsOrCallback);
      byCommand.set(Command, handler);
    }
    return handler(command).then((result) => result.output);
  };
  client.send = send as C['send'];
  return client;
}
