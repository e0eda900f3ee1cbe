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

/**
 * Called with a chain's stack, the SDK's last handler (the request handler's `handle`) and the
 * context the command built, and the SDK's handler for them: a function that does the same per
 * request (the output, or the error) in its place, or `undefined` to keep the SDK's.
 */
export type FuseChain = (
  stack: StackLike,
  terminal: unknown,
  context: Record<string, unknown>,
  sdkHandler: Handler,
) => ((command: unknown) => Promise<unknown>) | undefined;

/** The key of the chains built for a `send` without options. */
const NO_OPTIONS = {};

/** The stack methods that change what a chain is built from. */
const CHANGES = ['add', 'addRelativeTo', 'use', 'remove', 'removeByTag'] as const;

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

const outputOf = (result: { output: unknown }) => result.output;

/**
 * Makes `client.send` reuse the middleware chain per command class and abort signal (see the
 * module's comment); returns the client. A change to the client's middleware stack (`add`,
 * `addRelativeTo`, `use`, `remove`, `removeByTag`) drops the chains built so far, so a middleware
 * added after the first request runs from the next one on.
 *
 * @param client - an SDK client; its `send` is replaced.
 * @param extendChain - called with the stack of each chain built here, before it is resolved.
 * @param fuse - offered each chain built here, to run in its place (`sdk-fused-chain.ts`).
 *
 * @example
 * ```ts
 * const swf = withHandlerCache(new SWFClient({ ...config, cacheMiddleware: true }));
 * await swf.send(new PollForDecisionTaskCommand(input), { abortSignal }); // the chain is built once
 * ```
 */
export function withHandlerCache<C extends SendingClient>(client: C, extendChain?: ExtendChain, fuse?: FuseChain): C {
  const sdkSend = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  type Send = (command: unknown) => Promise<unknown>;
  let chains = new WeakMap<object, WeakMap<object, Send>>();
  const clientStack = client.middlewareStack as StackLike & Record<string, unknown>;
  for (const name of CHANGES) {
    const change = clientStack[name];
    if (typeof change !== 'function') continue;
    clientStack[name] = function (this: unknown, ...args: unknown[]) {
      chains = new WeakMap();
      return (change as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  const send = (command: unknown, optionsOrCallback?: unknown, callback?: unknown): Promise<unknown> => {
    const signal =
      client.config.cacheMiddleware === true && callback === undefined ? signalOf(optionsOrCallback) : undefined;
    const Command = (command as { constructor?: unknown })?.constructor;
    if (signal === undefined || typeof Command !== 'function') return sdkSend(command, optionsOrCallback, callback);
    let byCommand = chains.get(signal);
    if (!byCommand) chains.set(signal, (byCommand = new WeakMap()));
    let chain = byCommand.get(Command);
    if (!chain) {
      let fused: Send | undefined;
      // The command concatenates the client's stack with its own; the view extends what that gives.
      const stack =
        extendChain || fuse
          ? Object.create(clientStack, {
              concat: {
                value: (from: unknown) => {
                  const chainStack = clientStack.concat(from) as StackLike & { resolve: Resolve };
                  extendChain?.(chainStack, Command);
                  if (fuse) {
                    const resolve = chainStack.resolve.bind(chainStack);
                    chainStack.resolve = (terminal, context) => {
                      const sdkHandler = resolve(terminal, context);
                      fused = fuse(chainStack, terminal, context, sdkHandler);
                      return sdkHandler;
                    };
                  }
                  return chainStack;
                },
              },
            })
          : clientStack;
      const handler = (command as CommandLike).resolveMiddleware(stack, client.config, optionsOrCallback);
      chain = fused ?? ((c: unknown) => handler(c).then(outputOf));
      byCommand.set(Command, chain);
    }
    return chain(command);
  };
  client.send = send as C['send'];
  return client;
}

type Resolve = (terminal: unknown, context: Record<string, unknown>) => Handler;
