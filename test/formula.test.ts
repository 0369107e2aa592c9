// The formula language: evaluation, compile-time errors with columns, folding, and invariants (fast-check).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EvalContext } from '../src/core/model.js';
import { FormulaError, type FormulaScope } from '../src/core/formula-types.js';
import { MAX_DEPTH, MAX_FORMULA_LENGTH, compileFormula } from '../src/core/formula.js';

const scope: FormulaScope = {
  assumptions: new Set(['k', 'seoul_hawkishness', 'pyongyang_risk']),
  indicators: new Set(['oil_price', 'sanctions_level']),
  actors: new Set(['KOR', 'RUS', 'PRK', 'USA']),
  postures: new Map([
    ['KOR', new Set(['calm', 'alert'])],
    ['RUS', new Set(['neutral', 'hostile'])],
    ['USA', new Set<string>()],
  ]),
  decisions: new Map([['supply_arms', new Set(['yes', 'no'])]]),
  events: new Set(['summit', 'test_launch']),
};

interface Values {
  readonly assumptions?: Readonly<Record<string, number>>;
  readonly indicators?: Readonly<Record<string, number>>;
  readonly tension?: number;
  readonly goldstein?: number;
}

/**
 * A fake context with fixed values: KOR→RUS -40, RUS→KOR -30; KOR is `alert`; `supply_arms` chose `yes`;
 * `summit` happened. Assumptions and indicators come from separate tables (with different fallbacks), so a
 * name routed to the wrong accessor shows. `calls` records every access.
 */
function context(values: Values = {}): EvalContext & { calls: string[] } {
  const assumptions = { k: 2, seoul_hawkishness: 0.5, pyongyang_risk: 0, ...values.assumptions };
  const indicators = { oil_price: 80, sanctions_level: 3, ...values.indicators };
  const relations = new Map([
    ['KOR>RUS', -40],
    ['RUS>KOR', -30],
  ]);
  const calls: string[] = [];
  return {
    calls,
    rel: (a, b) => (calls.push(`rel ${a} ${b}`), relations.get(`${a}>${b}`) ?? 0),
    assumption: (id) => (calls.push(`assumption ${id}`), new Map(Object.entries(assumptions)).get(id) ?? 1000),
    indicator: (id) => (calls.push(`indicator ${id}`), new Map(Object.entries(indicators)).get(id) ?? 2000),
    tension: () => (calls.push('tension'), values.tension ?? 25),
    goldstein: () => (calls.push('goldstein'), values.goldstein ?? -7),
    posture: (a, s) => (calls.push(`posture ${a} ${s}`), a === 'KOR' && s === 'alert'),
    chosen: (d, o) => (calls.push(`chosen ${d} ${o}`), d === 'supply_arms' && o === 'yes'),
    happened: (e) => (calls.push(`happened ${e}`), e === 'summit'),
  };
}

const run = (src: string, ctx: EvalContext = context()): number => compileFormula(src, scope).evaluate(ctx);

/** The FormulaError `src` fails with, as plain data; fails the test if `src` compiles. */
function failure(src: string): { message: string; column: number; suggestion?: string } {
  try {
    compileFormula(src, scope);
  } catch (error) {
    if (!(error instanceof FormulaError)) throw error;
    const { message, column, suggestion } = error;
    return suggestion === undefined ? { message, column } : { message, column, suggestion };
  }
  throw new Error(`expected ${JSON.stringify(src)} not to compile`);
}

describe('arithmetic and precedence', () => {
  it.each([
    ['1 + 2', 3],
    ['2 + 3 * 4', 14],
    ['(2 + 3) * 4', 20],
    ['10 - 4 - 3', 3],
    ['2 * 3 % 4', 2],
    ['-7 % 3', -1],
    ['-2 * 3 + 4', -2],
    ['- -2', 2],
    ['+3', 3],
    ['1.5e2 / .5', 300],
    ['1 < 2 == 1', 1],
    ['2 > 3', 0],
    ['2 >= 2', 1],
    ['2 <= 1', 0],
    ['3 == 3', 1],
    ['3 != 3', 0],
    ['k * 10 + oil_price', 100],
  ])('%s = %d', (src, expected) => {
    expect(run(src)).toBe(expected);
  });
});

describe('booleans and logic', () => {
  it.each([
    ['true', 1],
    ['false', 0],
    ['true + true', 2],
    ['k > 1 and oil_price < 100', 1],
    ['k > 1 && oil_price > 100', 0],
    ['k > 5 or oil_price == 80', 1],
    ['k > 5 || oil_price == 81', 0],
    ['not happened(test_launch)', 1],
    ['!happened(summit)', 0],
    ['not 0', 1],
    ['not(2)', 0],
    // Logical operators give 1 or 0, not the deciding operand.
    ['0.5 && 3', 1],
    ['0 or 2', 1],
    // `and` binds tighter than `or`: 1 or (0 and 0).
    ['1 or 0 and 0', 1],
    ['1 || 0 && 0', 1],
    ['(not 0) > 0', 1],
    ['k ? 10 : 20', 10],
    ['pyongyang_risk ? 10 : 20', 20],
    ['k > 5 ? 1 : k > 1 ? 2 : 3', 2],
  ])('%s = %d', (src, expected) => {
    expect(run(src)).toBe(expected);
  });

  it('short-circuits: the right side of a decided and/or/?: is not evaluated', () => {
    const ctx = context();
    expect(run('0 and rel(KOR, RUS) < 0', ctx)).toBe(0);
    expect(run('1 or rel(KOR, RUS) < 0', ctx)).toBe(1);
    expect(run('happened(summit) ? tension : goldstein', ctx)).toBe(25);
    expect(ctx.calls).toEqual(['happened summit', 'tension']);
  });

  it('word operators need word boundaries: names that start with and/or/not are names', () => {
    const words: FormulaScope = { ...scope, assumptions: new Set(['nothing', 'android', 'order']) };
    const f = compileFormula('nothing and android or order', words);
    // (nothing and android) or order, with nothing = 0: `android` is skipped.
    const ctx = context({ assumptions: { nothing: 0, android: 1, order: 1 } });
    expect(f.evaluate(ctx)).toBe(1);
    expect(ctx.calls).toEqual(['assumption nothing', 'assumption order']);
  });
});

describe('names and functions', () => {
  it('routes names to the right accessor', () => {
    const ctx = context({ tension: 30, goldstein: -4 });
    expect(run('k', ctx)).toBe(2);
    expect(run('oil_price', ctx)).toBe(80);
    expect(run('tension', ctx)).toBe(30);
    expect(run('goldstein', ctx)).toBe(-4);
    expect(ctx.calls).toEqual(['assumption k', 'indicator oil_price', 'tension', 'goldstein']);
  });

  it('passes id arguments as strings, in order', () => {
    const ctx = context();
    expect(run('rel(KOR, RUS)', ctx)).toBe(-40);
    expect(run('rel(RUS, KOR)', ctx)).toBe(-30);
    expect(run('posture(KOR, alert)', ctx)).toBe(1);
    expect(run('posture(KOR, calm)', ctx)).toBe(0);
    expect(run('chosen(supply_arms, yes)', ctx)).toBe(1);
    expect(run('chosen(supply_arms, no)', ctx)).toBe(0);
    expect(run('happened(summit)', ctx)).toBe(1);
    expect(run('happened(test_launch)', ctx)).toBe(0);
    expect(ctx.calls).toEqual([
      'rel KOR RUS', 'rel RUS KOR', 'posture KOR alert', 'posture KOR calm',
      'chosen supply_arms yes', 'chosen supply_arms no', 'happened summit', 'happened test_launch',
    ]);
  });

  it.each([
    ['logistic(0)', 0.5],
    ['logistic(2)', 1 / (1 + Math.exp(-2))],
    ['logistic(-1000)', 0],
    ['min(3, 1, 2)', 1],
    ['max(3, 1, 2)', 3],
    ['min(k, 5)', 2],
    ['max(k)', 2],
    ['max(1, 2, 3, 4, k * 3)', 6],
    ['clamp(150, -100, 100)', 100],
    ['clamp(-150, -100, 100)', -100],
    ['clamp(k, 0, 10)', 2],
    ['abs(-3)', 3],
    ['sign(-2)', -1],
    ['sign(0)', 0],
    ['exp(1)', Math.E],
    ['sqrt(16)', 4],
  ])('%s = %d', (src, expected) => {
    expect(run(src)).toBeCloseTo(expected, 12);
  });

  it('evaluates the typical formula', () => {
    expect(run('logistic((-rel(KOR, RUS) - 20) / 10) * k')).toBeCloseTo(2 / (1 + Math.exp(-2)), 12);
  });
});

describe('non-finite results', () => {
  it.each(['k / pyongyang_risk', 'pyongyang_risk / pyongyang_risk', 'sqrt(-k)', 'exp(1000 * k)', 'k % 0'])(
    '%s evaluates to 0 rather than NaN or Infinity',
    (src) => {
      expect(compileFormula(src, scope).constant).toBeUndefined();
      expect(run(src)).toBe(0);
    },
  );

  it('folds a constant non-finite result to 0', () => {
    expect(compileFormula('1 / 0', scope).constant).toBe(0);
    expect(compileFormula('sqrt(-1)', scope).evaluate(context())).toBe(0);
  });

  it('returns 0 when the context itself gives NaN or Infinity', () => {
    expect(run('k + 1', context({ assumptions: { k: Number.NaN } }))).toBe(0);
    expect(run('oil_price', context({ indicators: { oil_price: Infinity } }))).toBe(0);
  });

  it('treats NaN as false inside conditions', () => {
    expect(run('sqrt(-1) ? 5 : 7')).toBe(7);
    expect(run('sqrt(-k) > 0 or 1')).toBe(1);
  });
});

describe('constants', () => {
  it('keeps numbers and booleans as constant formulas with their text', () => {
    expect(compileFormula(2.5, scope)).toMatchObject({ src: '2.5', constant: 2.5 });
    expect(compileFormula(-3, scope).evaluate(context())).toBe(-3);
    expect(compileFormula(true, scope)).toMatchObject({ src: 'true', constant: 1 });
    expect(compileFormula(false, scope)).toMatchObject({ src: 'false', constant: 0 });
  });

  it('folds expressions without names, and keeps the source text', () => {
    const f = compileFormula('2 * (3 + 1) > 7 ? 10 : 20', scope);
    expect(f).toMatchObject({ src: '2 * (3 + 1) > 7 ? 10 : 20', constant: 10 });
    expect(compileFormula('max(1, 2) + logistic(0)', scope).constant).toBe(2.5);
    expect(compileFormula('k * 2', scope).constant).toBeUndefined();
    expect(compileFormula('1 ? k : 0', scope).constant).toBeUndefined();
  });

  it('rejects a non-finite number given as a number', () => {
    expect(() => compileFormula(Infinity, scope)).toThrow(FormulaError);
    expect(() => compileFormula(Number.NaN, scope)).toThrow('formula must be a finite number, found NaN');
  });
});

describe('compile-time errors', () => {
  it.each([
    ['seoul_hawk + 1', "unknown name 'seoul_hawk' (did you mean 'seoul_hawkishness'?)", 1, 'seoul_hawkishness'],
    ['1 + seoul_hawkishnes', "unknown name 'seoul_hawkishnes' (did you mean 'seoul_hawkishness'?)", 5, 'seoul_hawkishness'],
    // The column is the occurrence the walk reached, not the first substring match.
    ['oil_price + oil', "unknown name 'oil' (did you mean 'oil_price'?)", 13, 'oil_price'],
    ['k + tensoin', "unknown name 'tensoin' (did you mean 'tension'?)", 5, 'tension'],
    ['k + zebra', "unknown name 'zebra'", 5, undefined],
    ['x', "unknown name 'x'", 1, undefined],
    ['KOR', "unknown name 'KOR'", 1, undefined],
    ['rel', "'rel' is a function, write rel(A, B)", 1, undefined],
    ['k(1)', "'k' is a value, not a function", 1, undefined],
    ['2 + lgistic(1)', "unknown function 'lgistic' (did you mean 'logistic'?)", 5, 'logistic'],
    ['rel(KOR, RUS, PRK)', 'rel takes 2 actor ids, found 3 arguments', 1, undefined],
    ['1 + rel(KOR)', 'rel takes 2 actor ids, found 1 argument', 5, undefined],
    ['2 * rel(KOR, RUSS)', "unknown actor 'RUSS' (did you mean 'RUS'?)", 14, 'RUS'],
    ['rel(KOR, KOR)', 'rel needs two different actors, found KOR twice', 10, undefined],
    ['rel(1, KOR)', 'rel: argument 1 must be an id, as in rel(A, B)', 5, undefined],
    ['rel(KOR RUS)', "syntax error: expected ','", 9, undefined],
    ['posture(KOR)', 'posture takes an actor id and a posture state, found 1 argument', 1, undefined],
    ['posture(KOR, clam)', "unknown posture 'clam' of KOR (did you mean 'calm'?)", 14, 'calm'],
    ['posture(USA, calm)', 'USA has no postures', 9, undefined],
    ['chosen(supply_arms)', 'chosen takes a decision id and an option id, found 1 argument', 1, undefined],
    ['chosen(supply_arm, yes)', "unknown decision 'supply_arm' (did you mean 'supply_arms'?)", 8, 'supply_arms'],
    ['chosen(supply_arms, maybe)', "unknown option 'maybe' of decision 'supply_arms'", 21, undefined],
    ['happened(summit, test_launch)', 'happened takes 1 event id, found 2 arguments', 1, undefined],
    ['happened(sumit)', "unknown event 'sumit' (did you mean 'summit'?)", 10, 'summit'],
    ['min()', 'min takes at least 1 argument, found 0 arguments', 1, undefined],
    ['k + clamp(1, 2)', 'clamp takes 3 arguments (x, lo, hi), found 2 arguments', 5, undefined],
    ['abs(1, 2)', 'abs takes 1 argument, found 2 arguments', 1, undefined],
    ['max(1, 2 3)', "syntax error: expected ','", 10, undefined],
    ['k +', "syntax error: expected expression after '+'", 4, undefined],
    ['(k + 1', "syntax error: unclosed '('", 7, undefined],
    ['', 'syntax error: expected expression', 1, undefined],
    ['k k', 'syntax error: expected an operator', 3, undefined],
    ['k and', "syntax error: expected expression after 'and'", 3, undefined],
    ['not', "syntax error: expected expression after 'not'", 1, undefined],
    ['k ? 1', "syntax error: expected ':'", 6, undefined],
    ['k = 1', 'assignment is not allowed (use == to compare)', 3, undefined],
    ['k ** 2', "operator '**' is not allowed", 3, undefined],
    ['k === 1', "operator '===' is not allowed (use '==')", 3, undefined],
    ['k & 1', "operator '&' is not allowed (use '&&' or 'and')", 3, undefined],
    ['~k', "operator '~' is not allowed", 1, undefined],
    ['k.x', 'member access is not allowed', 2, undefined],
    ['"k"', 'strings are not allowed', 1, undefined],
    ['1 + null', "'null' is not allowed", 5, undefined],
    ['k + 1e999', "number '1e999' is too large", 5, undefined],
    ['k + not k > 1', "ambiguous 'not' before '>': write 'not (x > y)' or '(not x) > y'", 5, undefined],
    ['(k + not k) > 1 ? not k > 1 : 0', "ambiguous 'not' before '>': write 'not (x > y)' or '(not x) > y'", 19, undefined],
    ['!k == 1', "ambiguous '!' before '==': write '!(x == y)' or '(!x) == y'", 1, undefined],
    ['k; k', "syntax error: unexpected ';'", 2, undefined],
  ])('%j: %s at column %d', (src, message, column, suggestion) => {
    const expected = suggestion === undefined ? { message, column } : { message, column, suggestion };
    expect(failure(src)).toEqual(expected);
  });

  it('gives one-line messages even when the source spans lines', () => {
    const { message, column } = failure('k +\n  "a\nb"');
    expect(message).toBe('strings are not allowed');
    expect(column).toBe(7); // 1-based index into the source text, newlines included
    expect(failure('"a\nb').message).not.toContain('\n');
  });

  it('rejects an ambiguous name that is both an assumption and an indicator', () => {
    const both: FormulaScope = { ...scope, indicators: new Set(['k']) };
    expect(() => compileFormula('k', both)).toThrow("name 'k' is both an assumption and an indicator");
  });

  it('limits length and depth', () => {
    expect(compileFormula(`k + ${'0'.repeat(MAX_FORMULA_LENGTH - 4)}`, scope).evaluate(context())).toBe(2);
    expect(failure('1'.repeat(MAX_FORMULA_LENGTH + 1))).toEqual({
      message: `formula is too long (${MAX_FORMULA_LENGTH + 1} characters; at most ${MAX_FORMULA_LENGTH})`,
      column: MAX_FORMULA_LENGTH + 1,
    });
    // Group parentheses add no depth; operators do.
    expect(compileFormula(`${'('.repeat(900)}k${')'.repeat(900)}`, scope).evaluate(context())).toBe(2);
    expect(failure(`${'-'.repeat(MAX_DEPTH)}k`).message).toBe(`formula is nested too deeply (more than ${MAX_DEPTH} levels)`);
    expect(() => compileFormula(`${'-'.repeat(MAX_DEPTH - 1)}k`, scope)).not.toThrow();
  });

  // Slow by nature (it compiles at every frame on the way back up): a generous ceiling, for busy machines.
  it('turns a stack overflow while parsing into a FormulaError', { timeout: 300_000 }, () => {
    // Recurse until the stack is nearly exhausted, then compile a deep (but short enough) formula on the way
    // back up: near the bottom jsep overflows, and that must surface as a FormulaError.
    const deep = `${'('.repeat(990)}1${')'.repeat(990)}`;
    const seen = new Set<string>();
    let done = false;
    const dive = (): void => {
      try {
        dive();
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
      }
      if (done) return;
      try {
        compileFormula(deep, scope);
        done = true;
      } catch (error) {
        seen.add(error instanceof FormulaError ? error.message : 'other');
      }
    };
    dive();
    expect(done).toBe(true);
    expect(seen).toContain('formula is nested too deeply');
  });
});

describe('invariants', () => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0));

  it('a + b evaluates to a + b for any finite numbers (0 when the sum overflows)', () => {
    fc.assert(
      fc.property(finite, finite, (a, b) => {
        const sum = a + b;
        expect(run(`${a} + ${b}`)).toBe(Number.isFinite(sum) ? sum : 0);
      }),
    );
  });

  it('clamp stays within its bounds', () => {
    const f = compileFormula('clamp(k, oil_price, sanctions_level)', scope);
    fc.assert(
      fc.property(finite, finite, finite, (x, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const v = f.evaluate(context({ assumptions: { k: x }, indicators: { oil_price: lo, sanctions_level: hi } }));
        expect(v >= lo && v <= hi).toBe(true);
      }),
    );
  });

  // A small grammar of well-formed formulas. Every operator application is parenthesised, so `not` is never
  // ambiguous; leaves are numbers, names and calls.
  const value = fc.oneof(finite, fc.constantFrom(0, 1, -1, 1e308, -1e308, 5e-324), fc.constant(Number.NaN));
  const { formula } = fc.letrec<{ formula: string }>((tie) => ({
    formula: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.oneof(
        finite.map((x) => `(${x})`),
        fc.constantFrom('k', 'oil_price', 'tension', 'goldstein', 'true', 'false'),
        fc.constantFrom('rel(KOR, RUS)', 'posture(KOR, alert)', 'chosen(supply_arms, no)', 'happened(summit)'),
      ),
      fc
        .tuple(tie('formula'), fc.constantFrom(...'+ - * / % < <= > >= == != && || and or'.split(' ')), tie('formula'))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(fc.constantFrom('-', '+', '!', 'not '), tie('formula')).map(([op, a]) => `(${op}${a})`),
      fc.tuple(tie('formula'), tie('formula'), tie('formula')).map(([a, b, c]) => `(${a} ? ${b} : ${c})`),
      fc
        .tuple(fc.constantFrom('logistic', 'abs', 'sign', 'exp', 'sqrt'), tie('formula'))
        .map(([f, a]) => `${f}(${a})`),
      fc
        .tuple(fc.constantFrom('min', 'max'), fc.array(tie('formula'), { minLength: 1, maxLength: 4 }))
        .map(([f, args]) => `${f}(${args.join(', ')})`),
      fc.tuple(tie('formula'), tie('formula'), tie('formula')).map(([a, b, c]) => `clamp(${a}, ${b}, ${c})`),
    ),
  }));
  const bounded = formula.filter((src) => src.length <= MAX_FORMULA_LENGTH);
  const contexts = fc
    .record({ k: value, oil: value, tension: value, goldstein: value })
    .map((v) => context({ assumptions: { k: v.k }, indicators: { oil_price: v.oil }, tension: v.tension, goldstein: v.goldstein }));

  it('never returns NaN or Infinity for well-formed formulas, whatever the context gives', () => {
    fc.assert(
      fc.property(bounded, contexts, (src, ctx) => {
        const v = compileFormula(src, scope).evaluate(ctx);
        expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('folding constants does not change the value', () => {
    // The same formula with `k` as a name (not folded) and with k's value written in (folded).
    fc.assert(
      fc.property(bounded, finite, (src, x) => {
        const named = compileFormula(src, scope).evaluate(context({ assumptions: { k: x } }));
        const literal = src.replace(/\bk\b/g, `(${x})`);
        fc.pre(literal.length <= MAX_FORMULA_LENGTH);
        const folded = compileFormula(literal, scope);
        expect(folded.evaluate(context({ assumptions: { k: x } }))).toBe(named);
      }),
      { numRuns: 300 },
    );
  });

  it('reports the column of an unknown name wherever it sits', () => {
    fc.assert(
      fc.property(bounded, fc.nat(), (src, n) => {
        // Replace the n-th `k` (if any) with an unknown name; the column must point at it, not at another `k`.
        const hits = [...src.matchAll(/\bk\b/g)];
        fc.pre(hits.length > 0);
        const at = hits[n % hits.length]?.index ?? 0;
        const broken = `${src.slice(0, at)}zq_unknown${src.slice(at + 1)}`;
        fc.pre(broken.length <= MAX_FORMULA_LENGTH);
        expect(failure(broken)).toEqual({ message: "unknown name 'zq_unknown'", column: at + 1 });
      }),
      { numRuns: 300 },
    );
  });

  it('reports the column of the first unknown name when there are several', () => {
    fc.assert(
      fc.property(bounded, (src) => {
        const hits = [...src.matchAll(/\bk\b/g)];
        fc.pre(hits.length > 1);
        const broken = src.replace(/\bk\b/g, 'zq');
        expect(failure(broken).column).toBe((hits[0]?.index ?? -1) + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('evaluates a typical formula (its speed is measured by npm run bench, never asserted here)', () => {
    const f = compileFormula('logistic((-rel(KOR, RUS) - 20) / 10) * k', scope);
    const ctx: EvalContext = {
      rel: () => -40,
      assumption: () => 2,
      indicator: () => 0,
      tension: () => 0,
      goldstein: () => 0,
      posture: () => false,
      chosen: () => false,
      happened: () => false,
    };
    expect(f.evaluate(ctx)).toBeCloseTo(2 / (1 + Math.exp(-2)), 12);
  });
});
