/**
 * The formula language (docs/scenario-format.md, "Formulas"): parse with jsep, compile to closures.
 *
 * Safety: nothing is evaluated as JavaScript (no eval, no Function); the compiler accepts only whitelisted
 * node types, operators, names and functions, and looks names up in Sets and Maps, never as object properties.
 * Robustness: formulas longer than MAX_FORMULA_LENGTH or nested deeper than MAX_DEPTH are rejected, and an
 * evaluation whose result is not finite (0/0, sqrt(-1), overflow) returns 0, so a run never sees NaN.
 *
 * Semantics worth knowing: booleans are 1 and 0; `&&`/`and`, `||`/`or`, `!`/`not` return 1 or 0 and
 * short-circuit (0 and NaN are false); `%` is JavaScript's remainder (sign of the left side); `not` binds as
 * tightly as `-`, so `not a > b` is rejected as ambiguous (write `not (a > b)` or `(not a) > b`).
 */
import jsep from 'jsep';
import type { EvalContext, Formula } from './model.js';
import { FormulaError, type FormulaScope } from './formula-types.js';
import type { Node } from './formula-ast.js';
import { compileTree } from './formula-compile.js';
import { formulaReads } from './formula-deps.js';

export { MAX_DEPTH } from './formula-compile.js';

/** Longest formula source accepted, in characters. */
export const MAX_FORMULA_LENGTH = 2000;

// jsep's configuration is global to the process. We only add operators; whatever else jsep (or a plugin
// registered elsewhere) parses, the compiler's whitelist rejects. Adding is idempotent.
jsep.addBinaryOp('or', 1);
jsep.addBinaryOp('and', 2);
jsep.addUnaryOp('not');

/**
 * Compiles a formula. Numbers and booleans (as YAML gives them) become constant formulas; strings are parsed.
 * @throws FormulaError with a one-line message and a 1-based column in `src`.
 */
export function compileFormula(src: string | number | boolean, scope: FormulaScope): Formula {
  if (typeof src === 'number') {
    if (!Number.isFinite(src)) throw new FormulaError(`formula must be a finite number, found ${src}`, 1);
    return constantFormula(String(src), src);
  }
  if (typeof src === 'boolean') return constantFormula(String(src), src ? 1 : 0);
  if (typeof src !== 'string') throw new FormulaError('formula must be a number, true, false or an expression', 1);
  if (src.length > MAX_FORMULA_LENGTH) {
    throw new FormulaError(
      `formula is too long (${src.length} characters; at most ${MAX_FORMULA_LENGTH})`,
      MAX_FORMULA_LENGTH + 1,
    );
  }
  try {
    const root = parse(src);
    const compiled = compileTree(root, src, scope);
    if (compiled.constant !== undefined) return constantFormula(src, compiled.constant);
    const fn = compiled.fn;
    return Object.freeze({
      src,
      reads: formulaReads(root, scope),
      evaluate: (ctx: EvalContext): number => {
        const value = fn(ctx);
        return Number.isFinite(value) ? value : 0;
      },
    });
  } catch (error) {
    if (error instanceof RangeError) throw new FormulaError('formula is nested too deeply', 1);
    throw error;
  }
}

function constantFormula(src: string, value: number): Formula {
  const constant = Number.isFinite(value) ? value : 0;
  return Object.freeze({ src, constant, reads: 0, evaluate: () => constant });
}

function parse(src: string): Node {
  try {
    return jsep(src) as unknown as Node;
  } catch (error) {
    if (error instanceof RangeError) throw error;
    const index = (error as { index?: unknown }).index;
    const description = (error as { description?: unknown }).description;
    if (typeof index !== 'number' || typeof description !== 'string') throw error;
    throw new FormulaError(syntaxMessage(description, src[index], src[index + 1]), index + 1);
  }
}

/** Rewords jsep's parse errors: one line, lower case, our vocabulary. */
function syntaxMessage(description: string, at: string | undefined, after: string | undefined): string {
  if (at === '`') return 'template literals are not allowed';
  if (at === '=' && after === '>') return 'functions (=>) are not allowed: a formula is one expression over names';
  if (at === '=' && /^Unexpected/.test(description)) return "assignment is not allowed (use == to compare)";
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/^Unexpected "(.)"$/s, (m) => `unexpected '${m[1]}'`],
    [/^Unexpected token (.)$/s, (m) => `unexpected '${m[1]}'`],
    [/^Unexpected period$/, () => "unexpected '.'"],
    [/^Unexpected (.)$/s, (m) => `unexpected '${m[1]}'`],
    [/^Expected expression after (.+)$/s, (m) => `expected expression after '${m[1]}'`],
    [/^(missing unaryOp argument|Expected expression)$/, () => 'expected expression'],
    [/^Expected comma$/, () => "expected ','"],
    [/^Expected (.)$/s, (m) => `expected '${m[1]}'`],
    [/^Unclosed (.)$/s, (m) => `unclosed '${m[1]}'`],
    [/^Unclosed quote/, () => 'unclosed quote (and strings are not allowed)'],
    [/^Variable names cannot start with a number \((.*)\)$/s, (m) => `names cannot start with a digit ('${m[1]}')`],
    [/^Expected exponent \((.*)\)$/s, (m) => `expected an exponent ('${m[1]}')`],
  ];
  for (const [pattern, reword] of rules) {
    const match = description.match(pattern);
    if (match) return `syntax error: ${reword(match)}`.replace(/\s+/g, ' ');
  }
  const text = description.replace(/\s+/g, ' ');
  return `syntax error: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
