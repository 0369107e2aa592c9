/**
 * The prevalidated fast path (src/scenario/prevalidated.ts): the same Scenario as the full path, and every
 * entry that is stale, from another build, edited, holding a prototype key or wrongly shaped is ignored, so the
 * file loads the full way (with the full path's messages).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../src/core/model.js';
import { ScenarioError } from '../src/scenario/errors.js';
import { findScenario, listScenarios, loadScenarioFile } from '../src/scenario/load.js';
import { parseYaml } from '../src/scenario/parse.js';
import {
  PREVALIDATED_FORMAT,
  bundledStore,
  entryName,
  entryText,
  loadPrevalidated,
  readPrevalidated,
  type PrevalidatedStore,
} from '../src/scenario/prevalidated.js';
import { prevalidateFile } from '../src/scenario/prevalidate.js';
import { quickFind, quickLoad } from '../src/scenario/quick-load.js';
import type { RawScenario } from '../src/scenario/schema.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const SCENARIOS = join(root, 'scenarios');
const shipped = readdirSync(SCENARIOS).filter((f) => /\.ya?ml$/.test(f)).sort();
const FLAGSHIP = join(SCENARIOS, 'pyongyang-2024.yaml');
const BAD = fileURLToPath(new URL('./fixtures/bad/', import.meta.url));
const BUILD = 'test-build';

const tmp = mkdtempSync(join(tmpdir(), 'geosim-fast-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let stores = 0;

/** A fresh store directory holding entries written by `prevalidateFile`, as the build writes them. */
function storeWith(files: readonly string[], build = BUILD): PrevalidatedStore {
  const dir = join(tmp, `store-${stores++}`);
  mkdirSync(dir);
  for (const f of files) {
    const text = prevalidateFile(f, build);
    if (text === undefined) throw new Error(`${f} was not prevalidated`);
    writeFileSync(join(dir, entryName(f)), text);
  }
  return { dir, build };
}

const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const hashOf = (file: string) => sha256(readFileSync(file));

/** A Scenario as text: formula closures replaced by their source. */
function canonical(s: Scenario): string {
  return JSON.stringify(s, (_k, v: unknown) =>
    v && typeof v === 'object' && typeof (v as { evaluate?: unknown }).evaluate === 'function' ? { formula: (v as { src: string }).src } : v,
  );
}

/** An entry with an arbitrary data text but a correct digest, as only a deliberate forger could write. */
function forged(build: string, hash: string, body: string): string {
  return `{"format":${JSON.stringify(PREVALIDATED_FORMAT)},"build":${JSON.stringify(build)},"hash":${JSON.stringify(hash)},"digest":"${sha256(body)}","data":${body}}\n`;
}

function errorOf(f: () => unknown): ScenarioError {
  try {
    f();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

/** The flagship's validated data, as the build stores it. */
function flagshipData(): RawScenario {
  const text = prevalidateFile(FLAGSHIP, BUILD) as string;
  return (JSON.parse(text) as { data: RawScenario }).data;
}

describe('fast path and full path', () => {
  const store = storeWith(shipped.map((f) => join(SCENARIOS, f)));

  it.each(shipped)('%s: the same Scenario either way, and the fast path is really taken', (f) => {
    const file = join(SCENARIOS, f);
    const full = loadScenarioFile(file, { prevalidated: null });
    const fast = loadPrevalidated(store, file, hashOf(file));
    expect(fast).toBeDefined();
    expect(canonical(fast as Scenario)).toBe(canonical(full));
    expect(canonical(loadScenarioFile(file, { prevalidated: store }))).toBe(canonical(full));
    expect((fast as Scenario).hash).toBe(hashOf(file));
    // The formulas are live closures in both, giving the same numbers.
    const ctx = { rel: () => -30, assumption: () => 1.5, indicator: () => 2, tension: () => 40, posture: () => true, chosen: () => false, happened: () => true, goldstein: () => 3 };
    const fastOdds = (fast as Scenario).predictions.map((p) => p.holds.constant ?? p.holds.evaluate(ctx));
    expect(fastOdds).toEqual(full.predictions.map((p) => p.holds.constant ?? p.holds.evaluate(ctx)));
  });

  it.each(shipped)('%s: the quick road (quick-load.ts, what geosim play takes) finds and loads the same', (f) => {
    const file = join(SCENARIOS, f);
    const id = f.replace(/\.ya?ml$/, '');
    const cwd = process.cwd();
    try {
      process.chdir(root); // ./scenarios is the first directory of the search path
      expect(quickFind(id)).toBe(findScenario(id));
      expect(quickFind(id.replace(/-/g, '_'))).toBe(findScenario(id.replace(/-/g, '_')));
    } finally {
      process.chdir(cwd);
    }
    expect(quickFind(file)).toBe(file);
    const quick = quickLoad(file, { prevalidated: store });
    expect(quick).toBeDefined();
    expect(canonical(quick as Scenario)).toBe(canonical(loadScenarioFile(file, { prevalidated: null })));
  });

  it('the quick road gives way to the full one for what it cannot tell alone', () => {
    const cwd = process.cwd();
    try {
      process.chdir(root);
      // An id written only inside a file: the full lookup reads the files; a missing file or id: its error.
      expect(quickFind('no-such-scenario')).toBeUndefined();
      expect(quickFind('scenarios/missing.yaml')).toBeUndefined();
    } finally {
      process.chdir(cwd);
    }
    // No entry, another build's entries, no store at all, an unreadable file: undefined, never an error.
    expect(quickLoad(FLAGSHIP, { prevalidated: storeWith([]) })).toBeUndefined();
    expect(quickLoad(FLAGSHIP, { prevalidated: { ...store, build: 'another-build' } })).toBeUndefined();
    expect(quickLoad(FLAGSHIP, { prevalidated: null })).toBeUndefined();
    expect(quickLoad(join(tmp, 'missing.yaml'), { prevalidated: store })).toBeUndefined();
  });

  it('loadScenarioFile uses the entry: data changed in a (consistent) entry shows in the result', () => {
    const dir = join(tmp, 'marked');
    mkdirSync(dir);
    writeFileSync(join(dir, entryName(FLAGSHIP)), entryText(BUILD, hashOf(FLAGSHIP), { ...flagshipData(), title: 'From the entry' }));
    expect(loadScenarioFile(FLAGSHIP, { prevalidated: { dir, build: BUILD } }).title).toBe('From the entry');
    expect(loadScenarioFile(FLAGSHIP, { prevalidated: null }).title).not.toBe('From the entry');
    // list reads id and title from the entry too.
    const listed = listScenarios(SCENARIOS, { prevalidated: { dir, build: BUILD } }).find((s) => s.id === 'pyongyang-2024');
    expect(listed?.title).toBe('From the entry');
  });

  it('from the sources (no build id) there is no default store, so the full path runs', () => {
    expect(bundledStore()).toBeUndefined();
    expect(canonical(loadScenarioFile(FLAGSHIP))).toBe(canonical(loadScenarioFile(FLAGSHIP, { prevalidated: null })));
    expect(listScenarios(SCENARIOS)).toEqual(listScenarios(SCENARIOS, { prevalidated: null }));
  });
});

describe('entries that are not used', () => {
  const store = storeWith([FLAGSHIP]);
  const full = canonical(loadScenarioFile(FLAGSHIP, { prevalidated: null }));
  const entry = join(store.dir, entryName(FLAGSHIP));
  const good = readFileSync(entry, 'utf8');

  /**
   * Loads the flagship with `text` as its entry: the entry must be refused (already when read, with `read`)
   * and the full path give the result.
   */
  function refused(text: string, { read = false } = {}): void {
    writeFileSync(entry, text);
    if (read) expect(readPrevalidated(store, FLAGSHIP, hashOf(FLAGSHIP))).toBeUndefined();
    expect(loadPrevalidated(store, FLAGSHIP, hashOf(FLAGSHIP))).toBeUndefined();
    expect(canonical(loadScenarioFile(FLAGSHIP, { prevalidated: store }))).toBe(full);
    writeFileSync(entry, good);
  }

  it('stale: the YAML changed since the build (hash mismatch)', () => {
    const copy = join(tmp, 'pyongyang-2024.yaml');
    writeFileSync(copy, readFileSync(FLAGSHIP, 'utf8').replace(/^title: .*$/m, 'title: Edited after the build'));
    const s = storeWith([FLAGSHIP]);
    expect(readPrevalidated(s, copy, hashOf(copy))).toBeUndefined();
    expect(loadScenarioFile(copy, { prevalidated: s }).title).toBe('Edited after the build');
  });

  it('the same bytes under another path use the entry (it is keyed by the hash of the bytes)', () => {
    const dir = join(tmp, 'elsewhere');
    mkdirSync(dir);
    copyFileSync(FLAGSHIP, join(dir, 'pyongyang-2024.yaml'));
    expect(loadPrevalidated(store, join(dir, 'pyongyang-2024.yaml'), hashOf(FLAGSHIP))).toBeDefined();
  });

  it('written by another build (another schema)', () => {
    expect(readPrevalidated({ dir: store.dir, build: 'other-build' }, FLAGSHIP, hashOf(FLAGSHIP))).toBeUndefined();
    expect(readPrevalidated(store, FLAGSHIP, hashOf(FLAGSHIP))).toBeDefined();
  });

  it('missing entry, missing directory', () => {
    expect(readPrevalidated({ dir: join(tmp, 'nowhere'), build: BUILD }, FLAGSHIP, hashOf(FLAGSHIP))).toBeUndefined();
    expect(canonical(loadScenarioFile(FLAGSHIP, { prevalidated: { dir: join(tmp, 'nowhere'), build: BUILD } }))).toBe(full);
  });

  it('edited data (digest no longer matches), truncated, not JSON', () => {
    expect(good).toContain('"title":"Putin');
    refused(good.replace('"title":"Putin', '"title":"Edited'), { read: true });
    refused(good.slice(0, good.length - 200), { read: true });
    refused(good.slice(0, -2) + ' }\n', { read: true });
    refused(forged(BUILD, hashOf(FLAGSHIP), '{"a":}'), { read: true });
  });

  it('a __proto__, constructor or prototype key anywhere is refused, and nothing is polluted', () => {
    const body = JSON.stringify(flagshipData());
    for (const key of ['__proto__', '\\u005f_proto__', 'constructor', 'prototype']) {
      const evil = body.replace('"actors":{', `"actors":{"${key}":{"polluted":true},`);
      expect(evil).not.toBe(body);
      refused(forged(BUILD, hashOf(FLAGSHIP), evil), { read: true });
      refused(forged(BUILD, hashOf(FLAGSHIP), `{"${key}":{"polluted":true},${body.slice(1)}`), { read: true });
      refused(forged(BUILD, hashOf(FLAGSHIP), body.replace('"predictions":[{', `"predictions":[{"${key}":1,`)), { read: true });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('wrong shapes: not a map, wrong types, broken references, too deep', () => {
    const data = flagshipData();
    const hash = hashOf(FLAGSHIP);
    refused(forged(BUILD, hash, '[]'), { read: true });
    refused(forged(BUILD, hash, '"a string"'), { read: true });
    refused(forged(BUILD, hash, 'null'), { read: true });
    refused(forged(BUILD, hash, '{}'));
    refused(forged(BUILD, hash, JSON.stringify({ ...data, timeline: 'not a list' })));
    refused(forged(BUILD, hash, JSON.stringify({ ...data, actors: 7 })));
    refused(forged(BUILD, hash, JSON.stringify({ ...data, predictions: [{ id: 'x' }] })));
    // Well-typed but semantically wrong: the compile wants a position for its message, which stops the fast path.
    refused(forged(BUILD, hash, JSON.stringify({ ...data, default_preset: 'no_such_preset' })));
    const tl = data.timeline.map((e, i) => (i === 0 ? { ...e, actor: 'XXX' } : e));
    refused(forged(BUILD, hash, JSON.stringify({ ...data, timeline: tl })));
    refused(forged(BUILD, hash, JSON.stringify({ ...data, questions: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) as unknown })), { read: true });
  });

  it('a wrong envelope: other format, hash or digest fields out of place', () => {
    refused(good.replace(PREVALIDATED_FORMAT, 'geosim-prevalidated/0'), { read: true });
    refused(good.replace('"digest":"', '"digest":"0'), { read: true });
    refused(good.replace('","data":', '","dat":'), { read: true });
    refused(JSON.stringify(JSON.parse(good), null, 1), { read: true });
  });
});

describe('files with errors', () => {
  const bad = readdirSync(BAD).filter((f) => f.endsWith('.yaml')).sort();

  it.each(bad)('%s: never prevalidated, and the same message as the full path', (f) => {
    const file = join(BAD, f);
    const err = errorOf(() => loadScenarioFile(file, { prevalidated: null }));
    expect(errorOf(() => prevalidateFile(file, BUILD)).format()).toBe(err.format());
  });

  it('an entry forged for a bad file is not trusted past the compile: the positioned error still comes', () => {
    // A broken reference: the YAML and schema are fine, the compile is not.
    const file = join(BAD, 'unknown-prediction.yaml');
    const expected = errorOf(() => loadScenarioFile(file, { prevalidated: null })).format();
    const dir = join(tmp, 'forged-bad');
    mkdirSync(dir);
    const text = readFileSync(file, 'utf8');
    // Only the YAML reader and schema ran on this data, as if a build had stopped before the compile.
    const data = parseYaml(text, file).data;
    writeFileSync(join(dir, entryName(file)), forged(BUILD, hashOf(file), JSON.stringify(data)));
    expect(errorOf(() => loadScenarioFile(file, { prevalidated: { dir, build: BUILD } })).format()).toBe(expected);
    expect(expected).toMatch(/unknown-prediction\.yaml:\d+:\d+: /);
  });
});

describe('the build', () => {
  it('prevalidates every good scenario beside the bundle, skips a broken one without failing, and the bundle uses the entries', () => {
    const out = join(tmp, 'dist');
    const src = join(tmp, 'build-scenarios');
    mkdirSync(src);
    copyFileSync(join(SCENARIOS, 'template.yaml'), join(src, 'template.yaml'));
    copyFileSync(FLAGSHIP, join(src, 'pyongyang-2024.yaml'));
    copyFileSync(join(BAD, 'unknown-prediction.yaml'), join(src, 'broken.yaml'));
    mkdirSync(join(out, 'scenarios'), { recursive: true });
    writeFileSync(join(out, 'scenarios', 'gone.json'), '{}');
    const env: NodeJS.ProcessEnv = { ...process.env, GEOSIM_BUILD_OUTDIR: out, GEOSIM_BUILD_SCENARIOS: src };
    delete env.GEOSIM_BUILD_QUIET;
    const built = spawnSync(process.execPath, [join(root, 'src', 'build', 'bundle.mjs')], { cwd: root, encoding: 'utf8', env });
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).toMatch(/not prevalidated, does not load: .*broken\.yaml:\d+:\d+: .*unknown prediction/);
    expect(readdirSync(join(out, 'scenarios')).sort()).toEqual(['pyongyang-2024.json', 'template.json']);
    const entry = JSON.parse(readFileSync(join(out, 'scenarios', 'pyongyang-2024.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(entry)).toEqual(['format', 'build', 'hash', 'digest', 'data']);
    expect(entry.hash).toBe(hashOf(FLAGSHIP));
    expect(entry.build).toMatch(/^[0-9a-f]{32}$/);

    // The built CLI gives the same run either way…
    const run = (extra: Record<string, string>, format = 'text') =>
      spawnSync(process.execPath, [join(out, 'geosim.js'), 'run', 'pyongyang-2024', '--format', format], { cwd: root, encoding: 'utf8', env: { ...process.env, ...extra } });
    for (const format of ['text', 'json']) {
      const fast = run({}, format);
      expect(fast.status, fast.stderr).toBe(0);
      expect(fast.stdout).toBe(run({ GEOSIM_PREVALIDATED: '0' }, format).stdout);
    }
    // …and really reads the entry beside it: a consistent entry with another title shows in the run.
    const data = (entry.data as Record<string, unknown>);
    writeFileSync(join(out, 'scenarios', 'pyongyang-2024.json'), entryText(entry.build as string, entry.hash as string, { ...data, title: 'Read from the entry' } as RawScenario));
    expect(run({}).stdout).toContain('Read from the entry');
    expect(run({ GEOSIM_PREVALIDATED: '0' }).stdout).not.toContain('Read from the entry');
  }, 300_000); // it runs a whole build: slow on a busy machine, so a generous ceiling (speed is not what it checks)
});
