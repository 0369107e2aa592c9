/**
 * Source positions for jsep nodes. jsep 1.x records no node ranges, so we re-scan the formula with a small
 * tokenizer that mirrors jsep's lexing and walk the tree in source order: every node type that jsep builds
 * lists its parts left to right, so the k-th token met in the walk is the k-th token of the source. Group
 * parentheses, commas, `?` and `:` leave no node behind and are skipped by both sides.
 *
 * If the two sides ever disagree (a token's text does not match), the remaining nodes fall back to index 0:
 * a column that is off is better than a crash while reporting another error.
 */
import type { Node } from './formula-ast.js';

interface Token {
  readonly start: number;
  readonly text: string;
}

/** jsep's default operators, longest first (greedy match, as jsep does). Word operators lex as words. */
const OPERATORS = [
  '>>>', '===', '!==', '||', '??', '&&', '==', '!=', '<=', '>=', '<<', '>>', '**',
  '|', '^', '&', '<', '>', '+', '-', '*', '/', '%', '!', '~',
];

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** As jsep: ASCII letters, `$`, `_` and any non-ASCII code unit start an identifier. */
const isIdentStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95 || c >= 128;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);

/** Splits `src` into the tokens that appear in jsep's tree: words, numbers, strings, operators, `[` and `.`. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  // After a word, a string or a closing bracket, `.` is member access; elsewhere `.5` is a number.
  let afterOperand = false;
  let i = 0;
  while (i < src.length) {
    const c = src.charCodeAt(i);
    const start = i;
    if (isIdentStart(c)) {
      while (i < src.length && isIdentPart(src.charCodeAt(i))) i++;
      tokens.push({ start, text: src.slice(start, i) });
      afterOperand = true;
    } else if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)) && !afterOperand)) {
      i = scanNumber(src, i);
      tokens.push({ start, text: src.slice(start, i) });
      afterOperand = false; // jsep reads no property after a number
    } else if (c === 34 || c === 39) {
      i++;
      while (i < src.length && src.charCodeAt(i) !== c) i += src.charCodeAt(i) === 92 ? 2 : 1;
      i = Math.min(i + 1, src.length);
      tokens.push({ start, text: src.slice(start, i) });
      afterOperand = true;
    } else if (c === 91 || c === 46) {
      tokens.push({ start, text: src[i] ?? '' });
      i++;
      afterOperand = false;
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (op !== undefined) {
        tokens.push({ start, text: op });
        i += op.length;
        afterOperand = false;
      } else {
        i++;
        if (c !== 32 && c !== 9 && c !== 10 && c !== 13) afterOperand = c === 41 || c === 93;
      }
    }
  }
  return tokens;
}

function scanNumber(src: string, from: number): number {
  let i = from;
  while (isDigit(src.charCodeAt(i))) i++;
  if (src[i] === '.') {
    i++;
    while (isDigit(src.charCodeAt(i))) i++;
  }
  if (src[i] === 'e' || src[i] === 'E') {
    i++;
    if (src[i] === '+' || src[i] === '-') i++;
    while (isDigit(src.charCodeAt(i))) i++;
  }
  return i;
}

/** 0-based source indexes of nodes. */
export interface Positions {
  /** The node's own token: a name, a literal, an operator, the `.` or `[` of a member access. */
  own(node: Node): number;
  /** The node's leftmost token. */
  first(node: Node): number;
}

export function locate(src: string, root: Node): Positions {
  const tokens = tokenize(src);
  const own = new Map<Node, number>();
  const first = new Map<Node, number>();
  let next = 0;
  let broken = false;

  const take = (text: string): number => {
    const token = tokens[next];
    if (broken || token === undefined || token.text !== text) {
      broken = true;
      return 0;
    }
    next++;
    return token.start;
  };

  const walk = (node: Node | null): void => {
    if (node === null) return;
    let at: number;
    let leftmost: number | undefined;
    switch (node.type) {
      case 'Identifier':
        at = take(node.name);
        break;
      case 'Literal':
        at = take(node.raw);
        break;
      case 'ThisExpression':
        at = take('this');
        break;
      case 'BinaryExpression':
        walk(node.left);
        at = take(node.operator);
        walk(node.right);
        leftmost = first.get(node.left);
        break;
      case 'UnaryExpression':
        at = take(node.operator);
        walk(node.argument);
        break;
      case 'CallExpression':
        walk(node.callee);
        node.arguments.forEach(walk);
        at = first.get(node.callee) ?? 0;
        break;
      case 'MemberExpression':
        walk(node.object);
        // `a.b`, `a?.b` (one `.`), `a[b]`, `a?.[b]` (a `.` then the `[`).
        if (node.optional === true && node.computed) take('.');
        at = take(node.computed ? '[' : '.');
        walk(node.property);
        leftmost = first.get(node.object);
        break;
      case 'ConditionalExpression':
        walk(node.test);
        walk(node.consequent);
        walk(node.alternate);
        at = first.get(node.test) ?? 0;
        break;
      case 'ArrayExpression':
        at = take('[');
        node.elements.forEach(walk);
        break;
      case 'Compound':
      case 'SequenceExpression': {
        const parts = node.type === 'Compound' ? node.body : node.expressions;
        parts.forEach(walk);
        at = parts[0] === undefined ? 0 : (first.get(parts[0]) ?? 0);
        break;
      }
      default:
        at = 0;
    }
    own.set(node, at);
    first.set(node, leftmost ?? at);
  };
  walk(root);

  return { own: (node) => own.get(node) ?? 0, first: (node) => first.get(node) ?? 0 };
}
