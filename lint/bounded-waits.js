// A test that waits for something to happen bounds only a hang, never a speed: `vi.waitFor`,
// `vi.waitUntil` and `expect.poll` give up after 1 s unless told otherwise, which is a claim about
// how fast a thread, a process or a timer starts — true on an idle laptop, false on a loaded 2-core
// CI machine (a flush thread took over 1 s to claim its first flush there). This rule makes every
// such wait name its bound, and refuses a literal bound under MIN_BOUND_MS.
// test/lint-rules.test.ts proves each case is caught.

/** The shortest literal bound a wait may give: ~10,000 times what these waits take on an idle machine. */
export const MIN_BOUND_MS = 10_000;

/** `vi.waitFor`, `vi.waitUntil` and `expect.poll`: the callee's name, or undefined for any other call. */
function waitName(callee) {
  if (callee.type !== 'MemberExpression' || callee.computed) return undefined;
  const { object, property } = callee;
  if (object.type !== 'Identifier' || property.type !== 'Identifier') return undefined;
  if (object.name === 'vi' && (property.name === 'waitFor' || property.name === 'waitUntil'))
    return `vi.${property.name}`;
  if (object.name === 'expect' && property.name === 'poll') return 'expect.poll';
  return undefined;
}

/** The `timeout` of an options object literal: its value node, `'spread'` if a spread may set it, or undefined. */
function timeoutOf(options) {
  let found;
  for (const p of options.properties) {
    if (p.type === 'SpreadElement') found = 'spread';
    else if (!p.computed && ((p.key.type === 'Identifier' && p.key.name === 'timeout') || p.key.value === 'timeout'))
      found = p.value;
  }
  return found;
}

const hint = 'Bound only a hang ({ timeout: 10_000 } or more, saying what it waits for), or await the event itself.';

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'vi.waitFor, vi.waitUntil and expect.poll name a bound of at least 10 s' },
    schema: [],
    messages: {
      noBound: "{{name}} without a timeout gives up after 1 s (vitest's default): a speed assumption. {{hint}}",
      shortBound: '{{name}} gives up after {{ms}} ms: a speed assumption. {{hint}}',
    },
  },
  create(context) {
    return {
      CallExpression(node) {
        const name = waitName(node.callee);
        if (!name) return;
        const options = node.arguments[1];
        let bound = options;
        if (options?.type === 'ObjectExpression') bound = timeoutOf(options);
        if (bound === undefined || (bound.type === 'Identifier' && bound.name === 'undefined')) {
          context.report({ node, messageId: 'noBound', data: { name, hint } });
          return;
        }
        if (
          bound !== 'spread' &&
          bound.type === 'Literal' &&
          typeof bound.value === 'number' &&
          bound.value < MIN_BOUND_MS
        )
          context.report({ node: bound, messageId: 'shortBound', data: { name, ms: String(bound.value), hint } });
      },
    };
  },
};

/** The plugin holding the rule, for eslint.config.js. */
export const boundedWaitsPlugin = { rules: { 'bounded-waits': rule } };
