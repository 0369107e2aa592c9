/**
 * Reading a scenario file as plain, safe YAML data. Refuses, with a position, anything that is not plain
 * data: files over 16 MB (before reading them), syntax errors, duplicate keys, tags other than the core
 * schema's own, keys that could reach an object prototype, non-scalar keys, and alias bombs.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { controlCharacter } from '../core/text.js';
import { formatPath, ScenarioError } from './errors.js';
import { firstError, type DataPath } from './source-map.js';
import { YamlSourceMap } from './yaml-source-map.js';
import { MAX_DEPTH, MAX_FILE_BYTES, tooBig } from './file-limits.js';

export { MAX_DEPTH, MAX_FILE_BYTES, tooBig } from './file-limits.js';

/** Alias expansions allowed when turning the document into data (billion-laughs guard). */
export const MAX_ALIAS_COUNT = 50;
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const CORE_TAGS: ReadonlySet<string> = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

export interface ParsedYaml {
  readonly map: YamlSourceMap;
  /** The document as plain data (objects, arrays, strings, numbers, booleans, null). */
  readonly data: unknown;
}

function fileError(file: string, problem: string, expected?: string, found?: string): ScenarioError {
  return new ScenarioError({ file, line: 1, column: 1, path: '', problem, expected, found });
}

function tooDeep(file: string, line: number, column: number, path: string): ScenarioError {
  return new ScenarioError({ file, line, column, path, problem: 'nested too deeply', expected: `at most ${MAX_DEPTH} levels of maps and lists` });
}


/** The UTF-8 length of `text` in bytes, without encoding it (no Buffer: this layer also runs in a browser). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * The bytes of a scenario file as text: UTF-8 only. A UTF-16 file (a byte-order mark, or NUL bytes between
 * ASCII letters) is named as such, and bytes that are not UTF-8 are refused at their line, never decoded into
 * replacement characters or echoed raw.
 */
export function decodeScenario(bytes: Uint8Array, file: string): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes.length > 3 && (bytes[1] === 0 || bytes[0] === 0) && bytes.subarray(0, 64).filter((b) => b === 0).length >= 8);
  if (utf16) throw fileError(file, 'the file is UTF-16', 'UTF-8 text: save it as UTF-8');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let ok = 0;
    // The first byte that is not UTF-8: decode growing prefixes (a binary search, at most 16 MB; this runs once, on failure).
    for (let lo = 0, hi = bytes.length; lo < hi; ) {
      const mid = (lo + hi + 1) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
        lo = mid;
        ok = mid;
      } catch {
        hi = mid - 1;
      }
    }
    const line = bytes.subarray(0, ok).filter((b) => b === 0x0a).length + 1;
    throw new ScenarioError({ file, line, column: 1, path: '', problem: `bytes that are not UTF-8 (at byte ${ok})`, expected: 'UTF-8 text: save the file as UTF-8' });
  }
}

/** Parses scenario text into plain data, or throws the first problem as a ScenarioError. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const bytes = utf8Length(text);
  if (bytes > MAX_FILE_BYTES) throw tooBig(file, bytes);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    version: '1.2',
    schema: 'core',
    merge: false,
    strict: true,
    prettyErrors: true,
  });
  const map = new YamlSourceMap(file, text, doc, lineCounter);

  const syntax = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  if (syntax.length > 0) {
    const errs = syntax.map((e) => {
      const { line, column } = map.position(e.pos[0]);
      if (e.code === 'MULTIPLE_DOCS') {
        return new ScenarioError({ file, line, column, path: '', problem: 'invalid YAML: more than one document', expected: 'a single document (no second ---)' });
      }
      if (/call stack/i.test(e.message)) return tooDeep(file, line, column, '');
      const msg = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return new ScenarioError({ file, line, column, path: '', problem: `invalid YAML: ${msg}` });
    });
    throw firstError(errs);
  }

  const problems: ScenarioError[] = [];
  let firstAlias: number | undefined;
  const walk = (node: Node | null | undefined, path: DataPath): void => {
    if (!node) return;
    if (path.length > MAX_DEPTH) {
      const { line, column } = map.position(node.range?.[0] ?? 0);
      problems.push(tooDeep(file, line, column, formatPath(path)));
      return;
    }
    if (isAlias(node)) {
      firstAlias ??= node.range?.[0];
      return;
    }
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) problems.push(tagError(map, node, path));
    if (isScalar(node) && typeof node.value === 'string') {
      const bad = controlCharacter(node.value);
      if (bad !== undefined) {
        const { line, column } = map.position(node.range?.[0] ?? 0);
        problems.push(new ScenarioError({ file, line, column, path: formatPath(path), problem: `control character ${bad} in text`, expected: 'printable text (tabs and line breaks are fine)' }));
      }
    }
    if (isMap(node)) {
      const seen = new Map<string, Node>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
          const { line, column } = map.position(key?.range?.[0] ?? node.range?.[0] ?? 0);
          problems.push(new ScenarioError({ file, line, column, path: formatPath(path), problem: 'unsupported key', expected: 'a plain text or number key', found: map.describe(key) }));
          continue;
        }
        const name = String(key.value);
        const { line, column } = map.position(key.range?.[0] ?? 0);
        const badKey = controlCharacter(name);
        if (badKey !== undefined) {
          problems.push(new ScenarioError({ file, line, column, path: formatPath(path), problem: `control character ${badKey} in a key`, expected: 'a printable key' }));
          continue;
        }
        const at = formatPath([...path, name]);
        if (FORBIDDEN_KEYS.has(name)) {
          problems.push(new ScenarioError({ file, line, column, path: at, problem: `forbidden key '${name}'`, expected: 'a key that is not __proto__, constructor or prototype' }));
        }
        const prev = seen.get(name);
        if (prev) {
          const first = map.position(prev.range?.[0] ?? 0);
          problems.push(new ScenarioError({ file, line, column, path: at, problem: `duplicate key '${name}'`, expected: `each key once in a map (first at line ${first.line})` }));
        } else seen.set(name, key);
        if (!FORBIDDEN_KEYS.has(name)) walk(pair.value as Node | null, [...path, name]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node | null, [...path, i]));
    }
  };
  walk(doc.contents as Node | null, []);
  const dup = doc.errors.find((e) => e.code === 'DUPLICATE_KEY');
  if (dup && !problems.some((p) => p.problem?.startsWith('duplicate key'))) {
    const { line, column } = map.position(dup.pos[0]);
    problems.push(new ScenarioError({ file, line, column, path: '', problem: 'duplicate key', expected: 'each key once in a map' }));
  }
  const first = firstError(problems);
  if (first) throw first;

  const contents = doc.contents as Node | null;
  if (!contents || (isScalar(contents) && (contents.value === null || contents.value === undefined))) {
    throw fileError(file, 'empty file', 'a map of scenario keys (format, id, title, …)');
  }
  if (!isMap(contents)) {
    const { line, column } = map.position(contents.range?.[0] ?? 0);
    throw new ScenarioError({ file, line, column, path: '', problem: 'not a scenario', expected: 'a map of scenario keys (format, id, title, …) at the top level', found: map.describe(contents) });
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    const { line, column } = map.position(firstAlias ?? 0);
    const undefinedAlias = /not found|unresolved/i.test(e.message) ? /(\*\S+)/.exec(map.text.slice(firstAlias ?? 0))?.[1] : undefined;
    if (undefinedAlias !== undefined || !/excessive|alias count/i.test(e.message)) {
      throw new ScenarioError({ file, line, column, path: '', problem: `undefined alias '${(undefinedAlias ?? '*').slice(0, 40)}'`, expected: 'an anchor (&name) defined before the alias, or plain data' });
    }
    throw new ScenarioError({ file, line, column, path: '', problem: 'too many alias expansions', expected: `plain data with at most ${MAX_ALIAS_COUNT} alias expansions`, found: 'an alias bomb' });
  }
  return { map, data };
}

function tagError(map: YamlSourceMap, node: Node, path: DataPath): ScenarioError {
  const start = node.range?.[0] ?? 0;
  let bang = map.text.lastIndexOf('!', start);
  while (bang > 0 && map.text[bang - 1] === '!') bang--;
  let offset = start;
  let written = String(node.tag);
  if (bang >= 0 && /^!\S*(\s+&\S+)?\s*$/.test(map.text.slice(bang, start))) {
    offset = bang;
    written = /^!\S*/.exec(map.text.slice(bang))?.[0] ?? written;
  }
  const { line, column } = map.position(offset);
  return new ScenarioError({ file: map.file, line, column, path: formatPath(path), problem: `tag '${written}' is not allowed`, expected: 'plain YAML data without tags' });
}
