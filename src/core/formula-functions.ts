/**
 * The functions a formula may call. The table is a Map, so a name such as `constructor` or `toString` is
 * simply absent. Id arguments (actors, postures, decisions, options, events) are bare identifiers, resolved
 * to strings at compile time; they are never evaluated as names.
 */
import type { Node } from './formula-ast.js';
import { interned, pairSlot } from './keys.js';
import { type Compiled, type Env, type Fn, didYouMean, folded, plural, suggest } from './formula-env.js';

type Call = Extract<Node, { type: 'CallExpression' }>;

interface NumericFunction {
  readonly min: number;
  readonly max: number;
  /** How the arity is stated in errors, e.g. `takes 3 arguments (x, lo, hi)`. */
  readonly takes: string;
  readonly make: (args: readonly Fn[]) => Fn;
}

const one = (f: (x: number) => number): NumericFunction => ({
  min: 1,
  max: 1,
  takes: 'takes 1 argument',
  make: ([a = zero]) => (c) => f(a(c)),
});
const zero: Fn = () => 0;

function extremum(pick: (a: number, b: number) => number): NumericFunction {
  return {
    min: 1,
    max: Infinity,
    takes: 'takes at least 1 argument',
    make: (fs) => {
      const [a = zero, b = zero] = fs;
      if (fs.length === 1) return a;
      if (fs.length === 2) return (c) => pick(a(c), b(c));
      return (c) => {
        let m = a(c);
        for (let i = 1; i < fs.length; i++) m = pick(m, (fs[i] ?? zero)(c));
        return m;
      };
    },
  };
}

const NUMERIC: ReadonlyMap<string, NumericFunction> = new Map([
  ['logistic', one((x) => 1 / (1 + Math.exp(-x)))],
  ['abs', one(Math.abs)],
  ['sign', one(Math.sign)],
  ['exp', one(Math.exp)],
  ['sqrt', one(Math.sqrt)],
  ['min', extremum(Math.min)],
  ['max', extremum(Math.max)],
  [
    'clamp',
    {
      min: 3,
      max: 3,
      takes: 'takes 3 arguments (x, lo, hi)',
      make: ([x = zero, lo = zero, hi = zero]) => (c) => Math.min(Math.max(x(c), lo(c)), hi(c)),
    },
  ],
]);

/** Functions whose arguments are ids, with how their arity is stated in errors. */
const ID_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['rel', 'takes 2 actor ids'],
  ['posture', 'takes an actor id and a posture state'],
  ['chosen', 'takes a decision id and an option id'],
  ['happened', 'takes 1 event id'],
]);

/** Every function name, for suggestions and for "is a function" errors. */
export const FUNCTION_NAMES: readonly string[] = [...ID_FUNCTIONS.keys(), ...NUMERIC.keys()];

/** How to call a function, for `'rel' is a function` errors. */
export const USAGE: ReadonlyMap<string, string> = new Map([
  ['rel', 'rel(A, B)'],
  ['posture', 'posture(A, state) or posture(A.chart, state)'],
  ['chosen', 'chosen(decision, option)'],
  ['happened', 'happened(event)'],
  ['clamp', 'clamp(x, lo, hi)'],
  ['min', 'min(a, b, …)'],
  ['max', 'max(a, b, …)'],
  ...['logistic', 'abs', 'sign', 'exp', 'sqrt'].map((f): [string, string] => [f, `${f}(x)`]),
]);

export function compileCall(node: Call, env: Env): Compiled {
  const callee = node.callee;
  if (callee.type === 'MemberExpression') env.fail('member access is not allowed', callee);
  if (callee.type !== 'Identifier') env.fail('only the listed functions can be called', node, undefined, 'first');
  const name = callee.name;
  checkCommas(node, env);
  const numeric = NUMERIC.get(name);
  if (numeric !== undefined) {
    const n = node.arguments.length;
    if (n < numeric.min || n > numeric.max) env.fail(`${name} ${numeric.takes}, found ${plural(n, 'argument')}`, callee);
    const args = node.arguments.map((a) => env.compile(a));
    return folded(numeric.make(args.map((a) => a.fn)), args);
  }
  const takes = ID_FUNCTIONS.get(name);
  if (takes === undefined) {
    const { assumptions, indicators } = env.scope;
    if (assumptions.has(name) || indicators.has(name) || name === 'tension' || name === 'goldstein') {
      env.fail(`'${name}' is a value, not a function`, callee);
    }
    const suggestion = suggest(name, FUNCTION_NAMES);
    env.fail(`unknown function '${name}'${didYouMean(suggestion)}`, callee, suggestion);
  }
  const arity = name === 'happened' ? 1 : 2;
  if (node.arguments.length !== arity) {
    env.fail(`${name} ${takes}, found ${plural(node.arguments.length, 'argument')}`, callee);
  }
  const ids = node.arguments.map((arg, i) => {
    // `posture(JPN.government, takaichi)`: a named posture chart of an actor (several per actor are allowed).
    if (name === 'posture' && i === 0 && arg.type === 'MemberExpression' && !arg.computed && arg.object.type === 'Identifier' && arg.property.type === 'Identifier') {
      return { id: arg.object.name, chart: arg.property.name, node: arg };
    }
    if (arg.type !== 'Identifier') env.fail(`${name}: argument ${i + 1} must be an id, as in ${USAGE.get(name)}`, arg, undefined, 'first');
    return { id: arg.name, node: arg };
  });
  return { fn: idCall(name, ids, env) };
}

/** jsep also accepts arguments separated by spaces only, as in `rel(KOR RUS)`; formulas need commas. */
function checkCommas(node: Call, env: Env): void {
  for (const arg of node.arguments.slice(1)) {
    let i = env.pos().first(arg) - 1;
    while (i >= 0 && /[\s(]/.test(env.src[i] ?? '')) i--;
    if (env.src[i] !== ',') env.fail("syntax error: expected ','", arg, undefined, 'first');
  }
}

type IdArg = { readonly id: string; readonly chart?: string; readonly node: Node };

function idCall(name: string, args: readonly IdArg[], env: Env): Fn {
  const { scope } = env;
  const known = (what: string, arg: IdArg | undefined, valid: ReadonlySet<string> | undefined, of = ''): string => {
    if (arg === undefined) throw new Error('unreachable: arity is checked');
    if (valid?.has(arg.id) !== true) {
      const suggestion = valid === undefined ? undefined : suggest(arg.id, valid);
      env.fail(`unknown ${what} '${arg.id}'${of}${didYouMean(suggestion)}`, arg.node, suggestion);
    }
    return arg.id;
  };
  const [first, second] = args;
  switch (name) {
    case 'rel': {
      const a = known('actor', first, scope.actors);
      const b = known('actor', second, scope.actors);
      if (a === b && second !== undefined) env.fail(`rel needs two different actors, found ${a} twice`, second.node);
      // The pair's interned ids: contexts look the pair up by them (keys.ts).
      const slot = pairSlot(a, b);
      const { from, to } = slot;
      return (c) => (c.relOf !== undefined ? c.relOf(slot) : c.rel(from, to));
    }
    case 'posture': {
      const who = known('actor', first, scope.actors);
      const chart = first?.chart;
      // The chart's key: the actor's own chart (`JPN`), or a named one (`JPN.government`).
      const actor = interned(chart === undefined ? who : `${who}.${chart}`);
      const states = scope.postures.get(actor);
      if (chart !== undefined && states === undefined) {
        const charts = [...scope.postures.keys()].filter((k) => k.startsWith(`${who}.`)).map((k) => k.slice(who.length + 1));
        const suggestion = suggest(chart, charts);
        env.fail(
          `${who} has no posture chart '${chart}'${charts.length ? ` (charts: ${charts.join(', ')})` : ''}${didYouMean(suggestion && `${who}.${suggestion}`)}`,
          (first as IdArg).node,
          suggestion && `${who}.${suggestion}`,
        );
      }
      if (states === undefined || states.size === 0) {
        const named = [...scope.postures.keys()].filter((k) => k.startsWith(`${who}.`));
        env.fail(`${actor} has no postures${named.length ? ` of its own (its charts: ${named.join(', ')})` : ''}`, (first as IdArg).node);
      }
      const state = interned(known('posture', second, states, ` of ${actor}`));
      return (c) => (c.posture(actor, state) ? 1 : 0);
    }
    case 'chosen': {
      const decision = interned(known('decision', first, new Set(scope.decisions.keys())));
      const option = interned(known('option', second, scope.decisions.get(decision), ` of decision '${decision}'`));
      return (c) => (c.chosen(decision, option) ? 1 : 0);
    }
    default: {
      const event = interned(known('event', first, scope.events));
      return (c) => (c.happened(event) ? 1 : 0);
    }
  }
}
