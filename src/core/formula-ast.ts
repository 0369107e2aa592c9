/**
 * The subset of jsep's syntax tree the formula compiler looks at. jsep's own typings are loose (every node is
 * an open record), so the compiler narrows through these shapes. Anything jsep (or a jsep plugin registered
 * elsewhere in the process) emits beyond them is rejected by the compiler's whitelist.
 */
export type Node =
  | { readonly type: 'Literal'; readonly value: unknown; readonly raw: string }
  | { readonly type: 'Identifier'; readonly name: string }
  | { readonly type: 'ThisExpression' }
  | { readonly type: 'BinaryExpression'; readonly operator: string; readonly left: Node; readonly right: Node }
  | { readonly type: 'UnaryExpression'; readonly operator: string; readonly argument: Node }
  | { readonly type: 'CallExpression'; readonly callee: Node; readonly arguments: readonly Node[] }
  | {
      readonly type: 'MemberExpression';
      readonly computed: boolean;
      readonly optional?: boolean;
      readonly object: Node;
      readonly property: Node;
    }
  | { readonly type: 'ConditionalExpression'; readonly test: Node; readonly consequent: Node; readonly alternate: Node }
  | { readonly type: 'ArrayExpression'; readonly elements: readonly (Node | null)[] }
  | { readonly type: 'Compound'; readonly body: readonly Node[] }
  | { readonly type: 'SequenceExpression'; readonly expressions: readonly Node[] };

/** Word operators added to jsep: `and`, `or` (binary) and `not` (unary). */
export const WORD_OPERATORS: ReadonlySet<string> = new Set(['and', 'or', 'not']);
