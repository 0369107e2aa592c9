/** docs/scenario.schema.json is generated from the zod schema and must never drift from it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../src/scenario/schema.js';

const COMMITTED = fileURLToPath(new URL('../docs/scenario.schema.json', import.meta.url));

describe('docs/scenario.schema.json', () => {
  it('equals the schema generated from src/scenario/schema.ts (regenerate with `npm run schema`)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('describes the format: required keys, no unknown keys, id and actor patterns, shared definitions', () => {
    const s = scenarioJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { propertyNames?: { pattern: string }; pattern?: string }>;
      $defs: Record<string, unknown>;
    };
    expect(s.required).toEqual(
      expect.arrayContaining(['format', 'id', 'title', 'summary', 'start', 'sources', 'actors', 'bands', 'model', 'assumptions', 'presets', 'relations', 'timeline', 'predictions']),
    );
    expect(s.required).not.toContain('article');
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.actors?.propertyNames?.pattern).toBe('^[A-Z]{2,4}$');
    // Scenario ids may be kebab-case (they name files, never appear in formulas); every other id is snake_case.
    expect(s.properties.id?.pattern).toBe('^[a-z][a-z0-9_-]*$');
    expect(JSON.stringify(s.properties.sources)).toContain('"pattern":"^[a-z][a-z0-9_]*$"');
    expect(Object.keys(s.$defs).sort()).toEqual(['effect', 'event', 'formula', 'note', 'option', 'source', 'tie']);
  });
});
