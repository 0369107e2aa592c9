/**
 * Formulas as straight-line JavaScript for the honest floor (floor-gen.ts): every formula becomes one inline
 * expression over typed-array slots, ids resolved to indexes here and values that read only assumptions worked
 * out once into K. Only numbers and indexes reach the emitted text, never an id or a formula's own text.
 */
import jsep from 'jsep';
import type { ActorId, Formula } from '../core/model.js';
import type { Node } from '../core/formula-ast.js';
import { READS_ASSUMPTION, READS_GOLDSTEIN } from '../core/formula-deps.js';
import '../core/formula.js'; // registers the word operators (and, or, not) with jsep

export class FloorUnsupported extends Error {}

export const unsupported = (what: string): never => {
  throw new FloorUnsupported(`the floor does not implement ${what}`);
};

/** A finite JS number literal. */
export function num(v: number): string {
  if (!Number.isFinite(v)) return unsupported(`the non-finite number ${v}`);
  return Object.is(v, -0) ? '(-0)' : `(${String(v)})`;
}

/** How the names a formula reads become slots (floor-gen.ts keeps the tables). */
export interface FloorNames {
  readonly pair: (a: ActorId, b: ActorId) => number;
  readonly actor: (a: ActorId) => number;
  readonly assumption: (id: string) => number | undefined;
  readonly indicator: (id: string) => number;
  readonly posture: (a: ActorId, p: string) => number;
  /** The decision's slot and the option's index within it. */
  readonly chosen: (decision: string, option: string) => readonly [number, number];
  readonly event: (id: string) => number;
}

export class FormulaText {
  /** Statements that fill K once per ensemble (values that read only assumptions and a fixed weight). */
  readonly kept: string[] = [];

  constructor(private readonly names: FloorNames) {}

  expr(node: Node): string {
    const names = this.names;
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'boolean' ? (node.value ? '1' : '0') : num(node.value as number);
      case 'Identifier': {
        const name = node.name;
        if (name === 'tension') return 'T()';
        if (name === 'goldstein') return 'g';
        const a = names.assumption(name);
        return a !== undefined ? `A[${a}]` : `I[${names.indicator(name)}]`;
      }
      case 'UnaryExpression': {
        const a = this.expr(node.argument);
        if (node.operator === '-') return `(-${a})`;
        if (node.operator === '+') return a;
        return `(${a} ? 0 : 1)`; // ! and not
      }
      case 'BinaryExpression':
        return this.binary(node.operator, this.expr(node.left), this.expr(node.right));
      case 'ConditionalExpression':
        return `(${this.expr(node.test)} ? ${this.expr(node.consequent)} : ${this.expr(node.alternate)})`;
      case 'CallExpression':
        return this.call((node.callee as { name: string }).name, node.arguments);
      default:
        return unsupported(`the expression ${node.type}`);
    }
  }

  private binary(op: string, a: string, b: string): string {
    switch (op) {
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
        return `(${a} ${op} ${b})`;
      case '<':
      case '<=':
      case '>':
      case '>=':
        return `(${a} ${op} ${b} ? 1 : 0)`;
      case '==':
        return `(${a} === ${b} ? 1 : 0)`;
      case '!=':
        return `(${a} !== ${b} ? 1 : 0)`;
      case '&&':
      case 'and':
        return `(${a} ? (${b} ? 1 : 0) : 0)`;
      case '||':
      case 'or':
        return `(${a} ? 1 : ${b} ? 1 : 0)`;
    }
    return unsupported(`the operator ${op}`);
  }

  private call(name: string, args: readonly Node[]): string {
    const names = this.names;
    const id = (k: number) => (args[k] as { name: string }).name;
    switch (name) {
      case 'rel':
        return `S(${names.pair(id(0), id(1))})`;
      case 'posture':
        return `(PO[${names.actor(id(0))}] === ${names.posture(id(0), id(1))} ? 1 : 0)`;
      case 'chosen': {
        const [d, o] = names.chosen(id(0), id(1));
        return `(CH[${d}] === ${o} ? 1 : 0)`;
      }
      case 'happened':
        return `HAP[${names.event(id(0))}]`;
    }
    const a = args.map((x) => this.expr(x));
    switch (name) {
      case 'logistic':
        return `(1 / (1 + Math.exp(-${a[0]})))`;
      case 'abs':
      case 'sign':
      case 'exp':
      case 'sqrt':
        return `Math.${name}(${a[0]})`;
      case 'min':
      case 'max':
        return a.slice(1).reduce((acc, x) => `Math.${name}(${acc}, ${x})`, a[0]!);
      case 'clamp':
        return `Math.min(Math.max(${a[0]}, ${a[1]}), ${a[2]})`;
    }
    return unsupported(`the function ${name}`);
  }

  /** The formula's value (0 when not finite, as the engine's), where `g` is the Goldstein weight in scope. */
  value(f: Formula, g?: number): string {
    if (f.constant !== undefined) return num(f.constant);
    const body = `fin(${this.expr(jsep(f.src) as unknown as Node)})`;
    // Reads only assumptions (and the fixed weight g): once per ensemble, as the engine keeps it.
    if (g !== undefined && f.reads !== undefined && (f.reads & ~(READS_ASSUMPTION | READS_GOLDSTEIN)) === 0) {
      this.kept.push(`{ const g = ${num(g)}; K[${this.kept.length}] = ${body}; }`);
      return `K[${this.kept.length - 1}]`;
    }
    return body;
  }

  holds(f: Formula | undefined, g?: number): string {
    return f === undefined ? '1' : `(${this.value(f, g)} !== 0)`;
  }
}
