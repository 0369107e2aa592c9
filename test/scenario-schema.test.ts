/**
 * docs/scenario.schema.json is generated from the zod schema and must never drift from it; editors read it
 * through a draft-07 validator (yaml-language-server), so ajv's draft-07 validator checks every shipped file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { GOLDSTEIN } from '../src/core/cameo.js';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../src/scenario/json-schema.js';

const COMMITTED = fileURLToPath(new URL('../docs/scenario.schema.json', import.meta.url));
const SCENARIOS = fileURLToPath(new URL('../scenarios/', import.meta.url));
const AUTHORED = fileURLToPath(new URL('./fixtures/author/', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../docs/examples/', import.meta.url));
// The shipped scenarios, and the authored cases (a test fixture, the worked example of docs/scenario-format.md) that use every format extension (groups, fading indicators,
// recurring predictions, named posture charts): an editor must show no false error on any of them.
const shipped = [
  ...readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).map((f) => join(SCENARIOS, f)),
  ...readdirSync(AUTHORED).filter((f) => f.endsWith('.yaml')).map((f) => join(AUTHORED, f)),
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).map((f) => join(EXAMPLES, f)),
];

type Json = Record<string, unknown>;

let compiled: ReturnType<Ajv['compile']> | undefined;
function draft07() {
  if (compiled) return compiled;
  const ajv = new Ajv({ strict: true, allErrors: true });
  // yaml-language-server's own keyword: the hover text of each CAMEO code.
  ajv.addVocabulary(['enumDescriptions']);
  compiled = ajv.compile(JSON.parse(readFileSync(COMMITTED, 'utf8')) as Json);
  return compiled;
}

describe('docs/scenario.schema.json', () => {
  it('equals the schema generated from src/scenario/schema.ts (regenerate with `npm run schema`)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('describes the format: draft-07, required keys, no unknown keys, id and actor patterns, shared definitions', () => {
    const s = scenarioJsonSchema() as {
      $schema: string;
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { patternProperties?: Record<string, unknown>; pattern?: string }>;
      definitions: Record<string, unknown>;
    };
    expect(s.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(s.required).toEqual(
      expect.arrayContaining(['format', 'id', 'title', 'summary', 'start', 'sources', 'actors', 'bands', 'model', 'assumptions', 'presets', 'relations', 'timeline', 'predictions']),
    );
    expect(s.required).not.toContain('article');
    expect(s.additionalProperties).toBe(false);
    expect(Object.keys(s.properties.actors?.patternProperties ?? {})).toEqual(['^[A-Z]{2,4}$']);
    // Scenario ids may be kebab-case (they name files, never appear in formulas); every other id is snake_case.
    expect(s.properties.id?.pattern).toBe('^[a-z][a-z0-9_-]*$');
    expect(Object.keys(s.properties.sources?.patternProperties ?? {})).toEqual(['^[a-z][a-z0-9_]*$']);
    expect(Object.keys(s.definitions)).toEqual(expect.arrayContaining(['effect', 'event', 'formula', 'note', 'option', 'source', 'tie']));
    expect(JSON.stringify(s)).not.toContain('prefixItems');
    expect(JSON.stringify(s)).not.toContain('propertyNames');
  });

  it('gives every field a description and an example, and lists every CAMEO code', () => {
    const s = scenarioJsonSchema() as Json & { definitions: Record<string, Json> };
    const missing: string[] = [];
    for (const [name, def] of [['scenario', s] as const, ...Object.entries(s.definitions)]) {
      if (typeof def.description !== 'string') missing.push(`${name} (description)`);
      for (const [key, prop] of Object.entries((def.properties ?? {}) as Record<string, Json>)) {
        if (typeof prop.description !== 'string' || prop.description.length < 3) missing.push(`${name}.${key} (description)`);
        if (!Array.isArray(prop.examples) || prop.examples.length === 0) missing.push(`${name}.${key} (example)`);
      }
    }
    expect(missing).toEqual([]);
    const cameo = (s.definitions.event?.properties as Record<string, Json>).cameo as { enum: string[]; enumDescriptions: string[] };
    expect(cameo.enum).toEqual(Object.keys(GOLDSTEIN).sort());
    expect(cameo.enumDescriptions[cameo.enum.indexOf('057')]).toBe('Goldstein +8.0: Sign formal agreement');
    const reliability = ((s.definitions.source_entry?.properties as Record<string, Json>).reliability as { enum: string[] }).enum;
    expect(reliability).toEqual(expect.arrayContaining(['C', 'W']));
  });

  it.each(shipped.map((f) => [f.replace(/^.*[\\/]/, ''), f]))('a draft-07 validator (ajv) accepts %s with no error', (_name, file) => {
    const validate = draft07();
    const ok = validate(parse(readFileSync(file, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('and refuses what the loader refuses: a one-actor pair, an unknown key, an unknown CAMEO code', () => {
    const validate = draft07();
    const flagship = parse(readFileSync(join(SCENARIOS, 'pyongyang-2024.yaml'), 'utf8')) as Json & { relations: Json[]; timeline: Json[] };
    const bad = (change: (d: typeof flagship) => void) => {
      const d = structuredClone(flagship);
      change(d);
      return validate(d);
    };
    expect(bad(() => undefined)).toBe(true);
    expect(bad((d) => void ((d.relations[0] as Json).between = ['USA']))).toBe(false);
    expect(bad((d) => void (d.leader = 'x'))).toBe(false);
    expect(bad((d) => void ((d.timeline[0] as Json).cameo = '0577'))).toBe(false);
    // The extensions: a one-actor group, a bad chart key, a recurrence without a count.
    expect(bad((d) => void ((d.timeline[0] as Json).actor = ['RUS']))).toBe(false);
    expect(bad((d) => void ((d.timeline[0] as Json).actor = ['RUS', 'PRK']))).toBe(true);
    expect(bad((d) => void (d.postures = { 'KOR.Public': {} }))).toBe(false);
    expect(bad((d) => void (((d.predictions as Json[])[0] as Json).recurs = { tag: 'x', every: 'year' }))).toBe(false);
  });

  it.each(shipped.map((f) => [f.replace(/^.*[\\/]/, ''), f]))('%s starts with a yaml-language-server line that finds the schema', (_name, file) => {
    const first = readFileSync(file, 'utf8').split('\n')[0] ?? '';
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m, first).not.toBeNull();
    expect(resolve(dirname(file), m?.[1] ?? '')).toBe(COMMITTED);
  });
});
