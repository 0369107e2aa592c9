/**
 * Compiling the formulas of a scenario, with errors placed at the exact character of the YAML file: the
 * formula's column is mapped through the scalar's quoting, escapes and line folding.
 */
import { isScalar, type Scalar } from 'yaml';
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
  const node = map.find(path).node;
  if (!node || !isScalar(node) || !node.range) return map.at(path);
  return map.position(valueOffset(map.text, node, column - 1));
}

/** Offset in `text` of character `index` of the scalar's value. */
function valueOffset(text: string, node: Scalar, index: number): number {
  const [start, end] = node.range as [number, number, number];
  let i = start;
  const type = node.type;
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') i++;
  else if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const nl = text.indexOf('\n', start);
    if (nl < 0 || nl >= end) return start;
    i = nl + 1;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  }
  for (let k = 0; k < index && i < end; k++) {
    const c = text[i];
    if (c === '\n' || c === '\r' || ((c === ' ' || c === '\t') && /^[ \t]*\r?\n/.test(text.slice(i, i + 200)))) {
      // A line break and the indentation around it fold into one character of the value.
      while (i < end && /[ \t\r\n]/.test(text[i] as string)) i++;
    } else if (type === 'QUOTE_DOUBLE' && c === '\\') {
      const n = text[i + 1];
      i += n === 'x' ? 4 : n === 'u' ? 6 : n === 'U' ? 10 : 2;
    } else if (type === 'QUOTE_SINGLE' && c === "'" && text[i + 1] === "'") i += 2;
    else i++;
  }
  return Math.min(i, Math.max(start, end - 1));
}
