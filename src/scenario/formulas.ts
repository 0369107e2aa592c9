/**
 * Compiling the formulas of a scenario, with errors placed at the exact character of the YAML file: the
 * formula's column is mapped through the scalar's quoting, escapes and line folding.
 */
import { compileFormula } from '../core/formula.js';
import { FormulaError } from '../core/formula-types.js';
import type { Formula } from '../core/model.js';
import { formatPath, ScenarioError } from './errors.js';
import type { Ctx } from './context.js';
import type { DataPath, SourceMap } from './source-map.js';
import type { RawFormula } from './schema.js';

const PLACEHOLDER: Formula = Object.freeze({ src: '0', constant: 0, evaluate: () => 0 });

/** Compiles the formula at `path`; on error records it and returns a constant 0 so compilation can go on. */
export function formula(ctx: Ctx, src: RawFormula, path: DataPath): Formula {
  try {
    return compileFormula(src, ctx.scope);
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e;
    const { line, column } = formulaPosition(ctx.map, path, e.column);
    const problem = e.message.replace(/ \(did you mean '[^']*'\?\)$/, '');
    ctx.errors.push(
      new ScenarioError({ file: ctx.map.file, line, column, path: formatPath(path), problem: `formula: ${problem}`, suggestion: e.suggestion }),
    );
    return PLACEHOLDER;
  }
}

export function optionalFormula(ctx: Ctx, src: RawFormula | undefined, path: DataPath): Formula | undefined {
  return src === undefined ? undefined : formula(ctx, src, path);
}

/** File position of character `column` (1-based) of the formula written at `path`. */
export function formulaPosition(map: SourceMap, path: DataPath, column: number): { line: number; column: number } {
  return map.scalarAt(path, column - 1);
}
