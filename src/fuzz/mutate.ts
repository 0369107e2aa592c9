/**
 * Mutants of the shipped scenarios for the fuzzer (`npm run fuzz`). Mutant i of a campaign seeded S is a pure
 * function of (S, i) and the base files, so any failure can be regenerated from its number. Each mutant applies
 * one to three operators, either to the parsed data (then written back as YAML) or to the text itself.
 */
import seedrandom from 'seedrandom';
import { parse, stringify } from 'yaml';

export interface Base {
  readonly name: string;
  readonly text: string;
  readonly data: unknown;
}

export function makeBase(name: string, text: string): Base {
  return { name, text, data: parse(text, { version: '1.2', merge: false }) as unknown };
}

export interface Mutant {
  readonly index: number;
  readonly base: string;
  /** The operators applied, in order (for the report and the reproducer's name). */
  readonly ops: readonly string[];
  readonly text: string;
  /** The file's bytes: the text as UTF-8, except for the encoding operators. */
  readonly bytes: Buffer;
}

type Rng = () => number;
type Json = unknown;
type Container = Record<string, Json> | Json[];

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const isObj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isContainer = (v: Json): v is Container => typeof v === 'object' && v !== null;

/** Every (container, key) slot of the tree, so an operator can pick any value in it. */
function slots(root: Json): [Container, string | number][] {
  const out: [Container, string | number][] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push([v, i]);
        walk(x);
      });
    }
    else if (isObj(v)) {
      for (const k of Object.keys(v)) {
        out.push([v, k]);
        walk(v[k]);
      }
    }
  };
  walk(root);
  return out;
}

const get = (c: Container, k: string | number): Json => (c as Record<string, Json>)[k as string];
const set = (c: Container, k: string | number, v: Json): void => void ((c as Record<string, Json>)[k as string] = v);

const EXTREMES = [1e308, -1e308, 1e6, -1e6, 1000001, 0, -0, 1e-320, 2 ** 53, 2 ** 31, -(2 ** 31), 255, 256, 257, 65536, 0.1, -100, 100, 36500, 36501];
const DATES = ['0001-01-01', '9999-12-31', '2024-02-30', '2024-13-01', '1970-01-01', '2024-02-29', '2100-02-29', '2024-1-1', '20240101', '-2024-01-01'];
const STRINGS = [
  '',
  'x'.repeat(5000),
  '\u001b]0;pwned\u0007title',
  '\u001b[2J\u001b[Hclear',
  '<script>alert(1)</script>',
  'RU\u0405',
  'RUS\u200b',
  'a\u00a0b',
  '__proto__',
  'constructor',
  '(x) => 1',
  'x = 1',
  'rel(RUS, RUS)',
  '1/0',
  'exp(1000)',
  'a\u0000b',
  '\u202etxt.exe',
  '*nothing',
];
const TYPES: readonly Json[] = [null, true, 'text', 42, [], {}, [1, 2], { a: 1 }];

function randomFormula(r: Rng, depth = 0): string {
  if (depth > 3 || r() < 0.3) return pick(r, ['1', '0', '1e308', '-1e308', 'tension', '0.5', 'rel(RUS, PRK)', 'goldstein']);
  const a = randomFormula(r, depth + 1);
  const b = randomFormula(r, depth + 1);
  return pick(r, [`(${a}) * (${b})`, `(${a}) / (${b})`, `exp(${a})`, `logistic(${a})`, `max(${a}, ${b})`, `(${a}) > (${b})`, `sqrt(${a})`]);
}

/** Operators on the data tree. Each returns false when it found nothing to act on. */
const TREE_OPS: Record<string, (r: Rng, root: Record<string, Json>) => boolean> = {
  delete(r, root) {
    const s = slots(root);
    if (!s.length) return false;
    const [c, k] = pick(r, s);
    if (Array.isArray(c)) c.splice(k as number, 1);
    else delete c[k as string];
    return true;
  },
  duplicate(r, root) {
    const arrays = slots(root).map(([c, k]) => get(c, k)).filter((v): v is Json[] => Array.isArray(v) && v.length > 0);
    if (!arrays.length) return false;
    const a = pick(r, arrays);
    const i = Math.floor(r() * a.length);
    a.splice(i, 0, structuredClone(a[i]));
    return true;
  },
  swap(r, root) {
    const s = slots(root);
    if (s.length < 2) return false;
    const [c1, k1] = pick(r, s);
    const [c2, k2] = pick(r, s);
    const v1 = get(c1, k1);
    const v2 = get(c2, k2);
    if (isContainer(v1) && isContainer(v2)) return false; // could nest a value in itself
    set(c1, k1, structuredClone(v2));
    set(c2, k2, structuredClone(v1));
    return true;
  },
  number(r, root) {
    const s = slots(root).filter(([c, k]) => typeof get(c, k) === 'number');
    if (!s.length) return false;
    const [c, k] = pick(r, s);
    set(c, k, pick(r, EXTREMES));
    return true;
  },
  date(r, root) {
    const s = slots(root).filter(([c, k]) => typeof get(c, k) === 'string' && /^\d{4}-\d\d-\d\d$/.test(get(c, k) as string));
    if (!s.length) return false;
    const [c, k] = pick(r, s);
    set(c, k, pick(r, DATES));
    return true;
  },
  id(r, root) {
    const s = slots(root).filter(([c, k]) => (k === 'id' || k === 'actor' || k === 'target' || k === 'event' || k === 'emit') && typeof get(c, k) === 'string');
    if (!s.length) return false;
    const [c, k] = pick(r, s);
    const v = get(c, k) as string;
    set(c, k, pick(r, [`${v}x`, v.slice(1), v.toUpperCase(), `${v}\u200b`, v.replace(/S/, '\u0405'), '__proto__', 'RUS', 'tension', v.repeat(40)]));
    return true;
  },
  type(r, root) {
    const s = slots(root);
    if (!s.length) return false;
    const [c, k] = pick(r, s);
    set(c, k, structuredClone(pick(r, TYPES)));
    return true;
  },
  string(r, root) {
    const s = slots(root).filter(([c, k]) => typeof get(c, k) === 'string');
    if (!s.length) return false;
    const [c, k] = pick(r, s);
    set(c, k, pick(r, STRINGS));
    return true;
  },
  formula(r, root) {
    const s = slots(root).filter(([, k]) => ['weight', 'when', 'holds', 'available', 'value'].includes(String(k)));
    if (!s.length) return false;
    const [c, k] = pick(r, s);
    set(c, k, randomFormula(r));
    return true;
  },
  among(r, root) {
    // Groups (`among:`): too many members, a repeated one, an unknown one, a single one, or none.
    const groups = slots(root).filter(([, k]) => k === 'among');
    if (!groups.length) return false;
    const [c, k] = pick(r, groups);
    const g = get(c, k);
    const ids = Array.isArray(g) ? (g as Json[]) : [];
    const actors = isObj(root.actors) ? Object.keys(root.actors) : ['USA'];
    set(c, k, pick(r, [[...ids, ...ids], [...ids, ids[0] ?? 'USA'], [...ids, 'ZZZ'], ids.slice(0, 1), [], Array.from({ length: 13 }, (_, i) => actors[i % actors.length]), 'USA']));
    return true;
  },
  growEvents(r, root) {
    const tl = root.timeline;
    if (!Array.isArray(tl) || !tl.length) return false;
    const n = pick(r, [10, 100, 400]);
    for (let i = 0; i < n; i++) {
      const ev = structuredClone(pick(r, tl)) as Record<string, Json>;
      if (!isObj(ev)) continue;
      ev.id = `grown_${i}`;
      delete ev.decision;
      tl.push(ev);
    }
    return true;
  },
  growActors(r, root) {
    const actors = root.actors;
    if (!isObj(actors)) return false;
    const n = pick(r, [10, 44, 60, 101]);
    const rels = Array.isArray(root.relations) ? root.relations : (root.relations = []);
    const src = (rels[0] as Record<string, Json> | undefined)?.source ?? '¶1';
    for (let i = 0; i < n; i++) {
      const id = `Q${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;
      actors[id] = { name: `Actor ${id}`, capital: 'Capital' };
      if (i % 3 === 0) (rels as Json[]).push({ from: id, to: Object.keys(actors)[0], value: Math.round(r() * 100 - 50), why: 'grown', source: src });
    }
    return true;
  },
  growBands(r, root) {
    const n = pick(r, [255, 256, 257, 300, 1001]);
    root.bands = Array.from({ length: n }, (_, i) => ({ id: `b${i}`, label: `B${i}`, from: i === 0 ? -100 : -100 + (200 * i) / n, symbol: '.', color: 'gray' }));
    return true;
  },
  growFollowups(r, root) {
    // A binary tree of follow-ups: each schedules two more (the explosion `cascade_cap` alone did not stop).
    const depth = pick(r, [4, 10, 16, 18]);
    const src = '¶1';
    const f: Json[] = [];
    for (let d = 0; d < depth; d++) {
      f.push({ id: `boom_${d}`, title: `Boom ${d}`, text: 'grown', source: src, ...(d + 1 < depth ? {} : {}) });
    }
    const reactions = Array.isArray(root.reactions) ? root.reactions : (root.reactions = []);
    for (let d = 0; d + 1 < depth; d++) {
      (reactions as Json[]).push({ id: `boom_a_${d}`, on: { event: `boom_${d}` }, emit: `boom_${d + 1}`, after: 0 });
      (reactions as Json[]).push({ id: `boom_b_${d}`, on: { event: `boom_${d}` }, emit: `boom_${d + 1}`, after: 1 });
    }
    const tl = root.timeline;
    // An earlier operator may have left anything in the timeline (null, a number): start from an event only.
    const start = Array.isArray(tl) && tl.length ? pick(r, tl) : undefined;
    if (start !== undefined && isObj(start) && start.id !== undefined) (reactions as Json[]).push({ id: 'boom_start', on: { event: start.id }, emit: 'boom_0' });
    root.followups = [...(Array.isArray(root.followups) ? root.followups : []), ...f];
    if (isObj(root.model)) root.model.cascade_cap = pick(r, [16, 20, 1000]);
    return true;
  },
};

/** Operators on the text (what the data tree cannot express). */
const TEXT_OPS: Record<string, (r: Rng, text: string) => string> = {
  truncate: (r, t) => t.slice(0, Math.floor(r() * t.length)),
  bytes(r, t) {
    const chars = [...t];
    const n = 1 + Math.floor(r() * 4);
    for (let i = 0; i < n; i++) {
      const at = Math.floor(r() * chars.length);
      chars.splice(at, pick(r, [0, 1]), pick(r, ['\u0000', '\u001b', '\u0007', '\u00ff', '\ufffd', '\t', '\r', '"', "'", ':', '-', '&a', '*a', '!!js/function', '{', '[', '\u0405', '\u200b', '\u00a0']));
    }
    return chars.join('');
  },
  duplicateKey(r, t) {
    const lines = t.split('\n');
    const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[a-z_]+:\s*\S/.test(l));
    if (!keyed.length) return t;
    const [line, i] = pick(r, keyed);
    lines.splice(i + 1, 0, line);
    return lines.join('\n');
  },
  alias: (r, t) => t.replace(/^(\s*title:) (.*)$/m, pick(r, ['$1 *nothing', '$1 &a $2', '$1 !!binary aGk='])),
};

const TREE_NAMES = Object.keys(TREE_OPS);
const TEXT_NAMES = Object.keys(TEXT_OPS);

/** Mutant `index` of the campaign seeded `seed`. */
export function mutant(bases: readonly Base[], seed: number, index: number): Mutant {
  const r = seedrandom.alea(`${seed}:${index}`);
  // The small template five times in eight (it loads five times faster than the real scenarios, and every
  // operator finds what it needs in it), the extensions' fixture (small too) and the two real scenarios an
  // eighth each.
  const k = index % 8;
  const base = (k < 5 ? bases[0] : bases[k === 5 ? 3 : k === 6 ? 1 : 2]) ?? (bases[0] as Base);
  const ops: string[] = [];
  const data = structuredClone(base.data) as Record<string, Json>;
  const n = 1 + Math.floor(r() * 3);
  let textOp: string | undefined;
  if (r() < 0.03) {
    // Encodings: UTF-16 (with or without a byte-order mark) and bytes that are not UTF-8.
    const kind = pick(r, ['utf16bom', 'utf16', 'latin1']);
    const text = base.text.slice(0, 3000);
    const bytes = kind === 'latin1' ? Buffer.from(text.replace(/e/, 'é'), 'latin1') : Buffer.from(`${kind === 'utf16bom' ? '\ufeff' : ''}${text}`, 'utf16le');
    return { index, base: base.name, ops: [kind], text: bytes.toString('latin1'), bytes };
  }
  for (let i = 0; i < n; i++) {
    if (r() < 0.2) {
      textOp = pick(r, TEXT_NAMES);
      break;
    }
    const name = pick(r, TREE_NAMES);
    // An operator that trips over what earlier ones left (a bug of the fuzzer, not of geosim) counts as not
    // applied, so the campaign goes on; the same seed and index still make the same mutant.
    let applied = false;
    try {
      applied = isObj(data) && TREE_OPS[name]!(r, data);
    } catch {
      applied = false;
    }
    if (applied) ops.push(name);
  }
  let text = ops.length ? stringify(data, { aliasDuplicateObjects: false, lineWidth: 0 }) : base.text;
  if (textOp) {
    text = TEXT_OPS[textOp]!(r, text);
    ops.push(textOp);
  }
  return { index, base: base.name, ops, text, bytes: Buffer.from(text, 'utf8') };
}
