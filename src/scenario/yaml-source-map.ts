/**
 * The YAML reader's source map (parse.ts makes it): positions and descriptions from the parsed document.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Scalar } from 'yaml';
import { SourceMap, type DataPath, type Found, type Position } from './source-map.js';

const MAX_FOUND = 40;

export class YamlSourceMap extends SourceMap {
  constructor(
    file: string,
    text: string,
    readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {
    super(file, text);
  }

  override position(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  override find(path: DataPath): Found {
    let node: Node | undefined = (this.doc.contents ?? undefined) as Node | undefined;
    let key: Node | undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (node && isAlias(node)) node = (node.resolve(this.doc) ?? undefined) as Node | undefined;
      let next: Node | undefined;
      let nextKey: Node | undefined;
      let hit = false;
      if (node && isMap(node)) {
        for (const pair of node.items) {
          if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(seg)) {
            nextKey = pair.key;
            next = (pair.value ?? undefined) as Node | undefined;
            hit = true;
            break;
          }
        }
      } else if (node && isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item !== undefined) {
          next = (item ?? undefined) as Node | undefined;
          hit = true;
        }
      }
      if (!hit) return { node, key: undefined, complete: false };
      key = nextKey;
      // A key with no value (`title:`) has no value node worth pointing at: point at the key.
      node = next ?? nextKey;
    }
    return { node, key, complete: true };
  }

  /** Line and column of the value at `path` (of its key with `key: true`); the nearest parent when missing. */
  override at(path: DataPath, opts: { key?: boolean } = {}): Position {
    const f = this.find(path);
    const target = opts.key && f.key ? f.key : f.node;
    return this.position(target?.range?.[0] ?? 0);
  }

  /** A short description of the value written at `path`, e.g. `'abc'`, `1e300`, `a list`; undefined if absent. */
  override found(path: DataPath): string | undefined {
    const f = this.find(path);
    if (!f.complete) return undefined;
    return this.describe(f.node);
  }

  override describe(node: Node | undefined | null): string {
    if (!node) return 'nothing';
    if (isAlias(node)) return this.describe(node.resolve(this.doc) as Node | undefined);
    if (isMap(node)) return 'a map';
    if (isSeq(node)) return 'a list';
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || v === undefined) return 'nothing';
      if (typeof v === 'string') {
        const s = v.length > MAX_FOUND ? `${v.slice(0, MAX_FOUND)}…` : v;
        return `'${s}'`;
      }
      const raw = node.range ? this.text.slice(node.range[0], node.range[1]).trim() : String(v);
      return raw.length > MAX_FOUND ? `${raw.slice(0, MAX_FOUND)}…` : raw;
    }
    return 'a value';
  }

  override scalarAt(path: DataPath, index: number): Position {
    const node = this.find(path).node;
    if (!node || !isScalar(node) || !node.range) return this.at(path);
    return this.position(valueOffset(this.text, node, index));
  }
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
