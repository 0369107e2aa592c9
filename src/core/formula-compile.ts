/**
 * Compiles a jsep tree into closures over the EvalContext. Only whitelisted node types and operators compile;
 * everything else is a FormulaError at the offending token. Names are looked up in the scope's Sets and in
 * fixed Maps, never as properties of an object, so `constructor`, `__proto__` and friends are unknown names.
 */
import { FormulaError, type FormulaScope } from './formula-types.js';
import { type Node, WORD_OPERATORS } from './formula-ast.js';
import { type Compiled, type Env, type Fn, constant, didYouMean, folded, suggest } from './formula-env.js';
import { FUNCTION_NAMES, USAGE, compileCall } from './formula-functions.js';
import { type Positions, locate } from './formula-positions.js';
import { interned } from './keys.js';

/** Deepest nesting of sub-expressions a formula may have. */
export const MAX_DEPTH = 100;

type Binary = (a: Fn, b: Fn) => Fn;
const and: Binary = (a, b) => (c) => (a(c) ? (b(c) ? 1 : 0) : 0);
const or: Binary = (a, b) => (c) => (a(c) ? 1 : b(c) ? 1 : 0);

const BINARY: ReadonlyMap<string, Binary> = new Map<string, Binary>([
  ['+', (a, b) => (c) => a(c) + b(c)],
  ['-', (a, b) => (c) => a(c) - b(c)],
  ['*', (a, b) => (c) => a(c) * b(c)],
  ['/', (a, b) => (c) => a(c) / b(c)],
  ['%', (a, b) => (c) => a(c) % b(c)],
  ['<', (a, b) => (c) => (a(c) < b(c) ? 1 : 0)],
  ['<=', (a, b) => (c) => (a(c) <= b(c) ? 1 : 0)],
  ['>', (a, b) => (c) => (a(c) > b(c) ? 1 : 0)],
  ['>=', (a, b) => (c) => (a(c) >= b(c) ? 1 : 0)],
  ['==', (a, b) => (c) => (a(c) === b(c) ? 1 : 0)],
  ['!=', (a, b) => (c) => (a(c) !== b(c) ? 1 : 0)],
  ['&&', and],
  ['and', and],
  ['||', or],
  ['or', or],
]);
const LOGICAL: ReadonlySet<string> = new Set(['&&', 'and', '||', 'or']);

/** Hints for operators JavaScript has and formulas do not. */
const INSTEAD: ReadonlyMap<string, string> = new Map([
  ['===', "'=='"],
  ['!==', "'!='"],
  ['&', "'&&' or 'and'"],
  ['|', "'||' or 'or'"],
]);

type Unary = (a: Fn) => Fn;
const not: Unary = (a) => (c) => (a(c) ? 0 : 1);
const UNARY: ReadonlyMap<string, Unary> = new Map<string, Unary>([
  ['-', (a) => (c) => -a(c)],
  ['+', (a) => a],
  ['!', not],
  ['not', not],
]);

export function compileTree(root: Node, src: string, scope: FormulaScope): Compiled {
  let positions: Positions | undefined;
  const pos = (): Positions => (positions ??= locate(src, root));
  let depth = 0;
  const failAt = (message: string, index: number, suggestion?: string): never => {
    throw new FormulaError(message, index + 1, suggestion);
  };
  const env: Env = {
    scope,
    src,
    pos,
    failAt,
    fail: (message, node, suggestion, at = 'own') =>
      failAt(message, at === 'own' ? pos().own(node) : pos().first(node), suggestion),
    compile: (node) => {
      if (++depth > MAX_DEPTH) env.fail(`formula is nested too deeply (more than ${MAX_DEPTH} levels)`, node, undefined, 'first');
      try {
        return compileNode(node, env);
      } finally {
        depth--;
      }
    },
  };
  return env.compile(root);
}

function compileNode(node: Node, env: Env): Compiled {
  switch (node.type) {
    case 'Literal':
      return compileLiteral(node, env);
    case 'Identifier':
      return compileName(node, env);
    case 'BinaryExpression': {
      const op = BINARY.get(node.operator);
      if (op === undefined) {
        const instead = INSTEAD.get(node.operator);
        env.fail(`operator '${node.operator}' is not allowed${instead === undefined ? '' : ` (use ${instead})`}`, node);
      }
      const left = env.compile(node.left);
      if (!LOGICAL.has(node.operator)) checkNotPrecedence(node, env);
      const right = env.compile(node.right);
      return folded(op(left.fn, right.fn), [left, right]);
    }
    case 'UnaryExpression': {
      const op = UNARY.get(node.operator);
      if (op === undefined) env.fail(`operator '${node.operator}' is not allowed`, node);
      const argument = env.compile(node.argument);
      return folded(op(argument.fn), [argument]);
    }
    case 'ConditionalExpression': {
      const test = env.compile(node.test);
      const yes = env.compile(node.consequent);
      const no = env.compile(node.alternate);
      if (test.constant !== undefined) return test.constant ? yes : no;
      const [t, y, n] = [test.fn, yes.fn, no.fn];
      return { fn: (c) => (t(c) ? y(c) : n(c)) };
    }
    case 'CallExpression':
      return compileCall(node, env);
    case 'MemberExpression':
      return env.fail('member access is not allowed', node);
    case 'ThisExpression':
      return env.fail("'this' is not allowed", node);
    case 'ArrayExpression':
      return env.fail('array literals are not allowed', node);
    case 'Compound':
    case 'SequenceExpression':
      return compileSequence(node.type === 'Compound' ? node.body : node.expressions, node, env);
    default:
      return env.fail('this kind of expression is not allowed', node, undefined, 'first');
  }
}

function compileLiteral(node: Extract<Node, { type: 'Literal' }>, env: Env): Compiled {
  const { value } = node;
  if (typeof value === 'boolean') return constant(value ? 1 : 0);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) env.fail(`number '${node.raw}' is too large`, node);
    return constant(value);
  }
  if (typeof value === 'string') env.fail('strings are not allowed', node);
  if (value === null) env.fail("'null' is not allowed", node);
  return env.fail(`'${node.raw}' is not allowed`, node);
}

function compileName(node: Extract<Node, { type: 'Identifier' }>, env: Env): Compiled {
  const { name } = node;
  const { assumptions, indicators } = env.scope;
  if (name === 'tension') return { fn: (c) => c.tension() };
  if (name === 'goldstein') return { fn: (c) => c.goldstein() };
  const isAssumption = assumptions.has(name);
  const isIndicator = indicators.has(name);
  if (isAssumption && isIndicator) env.fail(`name '${name}' is both an assumption and an indicator`, node);
  // Interned: the name is looked up as a key of the state's records at every evaluation (state.ts interned).
  const key = interned(name);
  if (isAssumption) return { fn: (c) => c.assumption(key) };
  if (isIndicator) return { fn: (c) => c.indicator(key) };
  if (WORD_OPERATORS.has(name)) env.fail(`syntax error: expected expression after '${name}'`, node);
  const usage = USAGE.get(name);
  if (usage !== undefined) env.fail(`'${name}' is a function, write ${usage}`, node);
  const candidates = [...assumptions, ...indicators, 'tension', 'goldstein', 'true', 'false'];
  const suggestion = suggest(name, candidates) ?? suggest(name, FUNCTION_NAMES);
  return env.fail(`unknown name '${name}'${didYouMean(suggestion)}`, node, suggestion);
}

/** `a b`, `a, b`, `(a, b)`: jsep accepts several expressions; a formula is exactly one. */
function compileSequence(parts: readonly Node[], node: Node, env: Env): Compiled {
  const [only, second] = parts;
  if (only === undefined) return env.fail('syntax error: expected expression', node);
  if (second === undefined) return env.compile(only);
  if (second.type === 'Identifier' && WORD_OPERATORS.has(second.name)) {
    env.fail(`syntax error: expected expression after '${second.name}'`, second);
  }
  // Walk back from the second expression over spaces and its own opening parentheses to what separates them.
  let i = env.pos().first(second) - 1;
  while (i >= 0 && /[\s(]/.test(env.src[i] ?? '')) i--;
  const separator = env.src[i];
  if (separator === ',' || separator === ';') env.failAt(`syntax error: unexpected '${separator}'`, i);
  return env.fail('syntax error: expected an operator', second, undefined, 'first');
}

/**
 * `not a > b` parses as `(not a) > b`, as in JavaScript, which is rarely what an author means. Unless the
 * negation is closed by a parenthesis before the operator, reject it and show both readings.
 */
function checkNotPrecedence(node: Extract<Node, { type: 'BinaryExpression' }>, env: Env): void {
  // The negation right before the operator: `not a > b`, but also `k + not a > b`.
  let left = node.left;
  while (left.type === 'BinaryExpression') left = left.right;
  if (left.type !== 'UnaryExpression' || (left.operator !== 'not' && left.operator !== '!')) return;
  const { own } = env.pos();
  let open = 0;
  for (let i = own(left); i < own(node); i++) {
    if (env.src[i] === '(') open++;
    else if (env.src[i] === ')' && --open < 0) return; // `(not a) > b`
  }
  const n = left.operator === 'not' ? 'not ' : '!';
  const op = node.operator;
  env.fail(`ambiguous '${left.operator}' before '${op}': write '${n}(x ${op} y)' or '(${n}x) ${op} y'`, left);
}
