/**
 * What a compiled formula reads, found from its syntax tree: a bit mask over the EvalContext's readers. The
 * Monte Carlo path uses it to keep a condition's value while nothing it reads can have changed (step.ts).
 * Over-approximate by design: a branch folded away still counts.
 */
import type { Node } from './formula-ast.js';
import type { FormulaScope } from './formula-types.js';

export const READS_REL = 1;
export const READS_ASSUMPTION = 2;
export const READS_INDICATOR = 4;
export const READS_TENSION = 8;
export const READS_POSTURE = 16;
export const READS_CHOSEN = 32;
export const READS_HAPPENED = 64;
export const READS_GOLDSTEIN = 128;
/** What an unknown formula (no `reads` given) may read. */
export const READS_ANYTHING = 255;

const CALLS: ReadonlyMap<string, number> = new Map([
  ['rel', READS_REL],
  ['posture', READS_POSTURE],
  ['chosen', READS_CHOSEN],
  ['happened', READS_HAPPENED],
]);

/** The readers a formula (that compiled) calls. */
export function formulaReads(root: Node, scope: FormulaScope): number {
  let mask = 0;
  const visit = (n: Node): void => {
    switch (n.type) {
      case 'Identifier':
        if (n.name === 'tension') mask |= READS_TENSION;
        else if (n.name === 'goldstein') mask |= READS_GOLDSTEIN;
        else if (scope.assumptions.has(n.name)) mask |= READS_ASSUMPTION;
        else if (scope.indicators.has(n.name)) mask |= READS_INDICATOR;
        return;
      case 'CallExpression': {
        const name = n.callee.type === 'Identifier' ? n.callee.name : '';
        const reads = CALLS.get(name);
        if (reads !== undefined) mask |= reads; // its arguments are ids, not values
        else n.arguments.forEach(visit);
        return;
      }
      case 'BinaryExpression':
        visit(n.left);
        visit(n.right);
        return;
      case 'UnaryExpression':
        visit(n.argument);
        return;
      case 'ConditionalExpression':
        visit(n.test);
        visit(n.consequent);
        visit(n.alternate);
        return;
      case 'Compound':
        n.body.forEach(visit);
        return;
      case 'SequenceExpression':
        n.expressions.forEach(visit);
        return;
      case 'Literal':
        return;
      default:
        mask |= READS_ANYTHING; // not compilable; never reached for a formula that compiled
    }
  };
  visit(root);
  return mask;
}
