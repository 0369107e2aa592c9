/**
 * Checks parsed data against the zod schema and turns zod's issues into positioned ScenarioErrors:
 * `expected …, found …`, unknown keys with the nearest valid key, invalid record keys at the key itself.
 */
import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { nearest, oneOf, type ScenarioError } from './errors.js';
import { firstError, type DataPath, type SourceMap } from './source-map.js';
import { scenarioSchema, type RawScenario } from './schema.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** Validates the shape of the data; throws the first problem (in file order) as a ScenarioError. */
export function validateShape(data: unknown, map: SourceMap): RawScenario {
  const res = scenarioSchema.safeParse(data);
  if (res.success) return res.data;
  const issues = res.error.issues;
  // A misspelt required key gives two issues (unknown `tittle`, missing `title`): keep the one that explains.
  const misspelt = new Set<string>();
  const errors: ScenarioError[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const err = issueToError(issue, map, data);
    if (err.suggestion !== undefined) misspelt.add(JSON.stringify([...path, err.suggestion]));
  }
  for (const issue of issues) {
    const isMissing = issue.code === 'invalid_type' && issue.input === undefined;
    if (isMissing && misspelt.has(JSON.stringify(issue.path))) continue;
    errors.push(issueToError(issue, map, data));
  }
  throw firstError(errors) as ScenarioError;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  object: 'a map',
  record: 'a map',
  array: 'a list',
  tuple: 'a list',
};

function keyOf(path: DataPath): string {
  return String(path[path.length - 1] ?? '');
}

function issueToError(issue: Issue, map: SourceMap, data: unknown): ScenarioError {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const custom = issue.message.startsWith('expected ') ? issue.message.slice('expected '.length) : undefined;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const allowed = allowedKeys(path);
      return map.error(
        [...path, key],
        { problem: `unknown key '${key}'`, expected: allowedList(key, allowed), suggestion: nearest(key, allowed) },
        { key: true },
      );
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      const expected = inner?.message.startsWith('expected ') ? inner.message.slice(9) : 'a valid key';
      return map.error(path, { problem: `invalid key '${keyOf(path)}'`, expected }, { key: true });
    }
    case 'invalid_type': {
      if (map.found(path) === undefined && issue.input === undefined) {
        return map.error(path, { problem: `missing required key '${keyOf(path)}'`, expected: custom ?? TYPE_NAMES[issue.expected] ?? issue.expected });
      }
      return map.error(path, { expected: custom ?? TYPE_NAMES[issue.expected] ?? issue.expected, found: map.found(path) ?? 'nothing' });
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v));
      const found = map.found(path) ?? 'nothing';
      const written = typeof issue.input === 'string' ? issue.input : undefined;
      return map.error(path, {
        expected: values.length === 1 ? `'${values[0]}'` : `one of ${values.map((v) => `'${v}'`).join(', ')}`,
        found,
        suggestion: written === undefined ? undefined : nearest(written, values),
      });
    }
    case 'too_big':
    case 'too_small': {
      let expected = custom;
      if (!expected) {
        const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
        const op = issue.code === 'too_big' ? (issue.inclusive ? '<=' : '<') : issue.inclusive ? '>=' : '>';
        expected = issue.origin === 'number' ? `a number ${op} ${String(bound)}` : `a length ${op} ${String(bound)}`;
      }
      const input = valueAt(data, path);
      if (Array.isArray(input)) return map.error(path, { expected, found: listFound(input) });
      const found = map.found(path) ?? 'nothing';
      return map.error(path, { expected, found: found === 'a list' ? 'an empty list' : found });
    }
    default:
      return map.error(path, { expected: custom ?? issue.message, found: map.found(path) ?? 'nothing' });
  }
}

/** The value at `path` in the parsed data (zod's size issues do not carry it). */
function valueAt(data: unknown, path: DataPath): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** How many entries a list has, and the first few: `2 (USA, KOR)`, `an empty list`. */
function listFound(items: readonly unknown[]): string {
  if (items.length === 0) return 'an empty list';
  const shown = items.slice(0, 5).map((x) => (typeof x === 'string' || typeof x === 'number' ? String(x) : '…'));
  return `${items.length} (${shown.join(', ')}${items.length > 5 ? ', …' : ''})`;
}

/** The keys allowed here: all of them when ten or fewer, else the five nearest to `key` and `…`. */
function allowedList(key: string, allowed: readonly string[]): string {
  if (allowed.length <= 10) return oneOf(allowed, 'keys allowed here');
  const near = [...allowed].sort((a, b) => distance(key, a) - distance(key, b) || allowed.indexOf(a) - allowed.indexOf(b)).slice(0, 5);
  return `one of the ${allowed.length} keys allowed here: ${near.join(', ')}, …`;
}

/** The keys the schema allows for the object at `path`. */
function allowedKeys(path: DataPath): string[] {
  let s: AnySchema | undefined = scenarioSchema;
  for (const seg of path) {
    s = unwrap(s);
    if (!s) return [];
    const def = s._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') s = (def.shape as Record<string, AnySchema>)[String(seg)];
    else if (def.type === 'array') s = def.element as AnySchema;
    else if (def.type === 'record') s = def.valueType as AnySchema;
    else return [];
  }
  s = unwrap(s);
  const def = s?._zod.def as unknown as Record<string, unknown> | undefined;
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

function unwrap(s: AnySchema | undefined): AnySchema | undefined {
  let cur = s;
  for (let i = 0; cur && i < 10; i++) {
    const def = cur._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') cur = def.innerType as AnySchema;
    else if (def.type === 'pipe') cur = def.in as AnySchema;
    else return cur;
  }
  return cur;
}
