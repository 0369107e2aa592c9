/**
 * The JSON Schema of a scenario file for editors (docs/scenario.schema.json), generated from the zod schema.
 *
 * Draft-07, because that is what yaml-language-server (VS Code's YAML extension and most editors) and ajv's
 * default validator read; 2020-12 tuples (`prefixItems`) are unknown there, so every `between: [A, B]` failed.
 * Maps keyed by a pattern become `patternProperties` rather than `propertyNames`: YAML reads `1:` under
 * `paragraphs:` as a number, and a `propertyNames: { type: string }` check refused every numbered paragraph.
 * Each field gets its description and an example from schema-docs.ts, and `cameo` the complete list of codes.
 */
import { z } from 'zod';
import { CAMEO_EVENT, GOLDSTEIN } from '../core/cameo.js';
import { DEFINITION_DOCS, FIELD_DOCS } from './schema-docs.js';
import { scenarioSchema } from './schema.js';

type Json = Record<string, unknown>;

/** A map keyed by a pattern: `propertyNames` + `additionalProperties` → `patternProperties`. */
function patternMaps(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(patternMaps);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Json;
  const names = o.propertyNames as Json | undefined;
  if (names && typeof names.pattern === 'string' && o.additionalProperties && typeof o.additionalProperties === 'object') {
    o.patternProperties = { [names.pattern]: o.additionalProperties };
    o.additionalProperties = false;
    delete o.propertyNames;
  }
  for (const v of Object.values(o)) patternMaps(v);
}

/** `+8.0 Sign formal agreement` for each CAMEO code, in the order of the table. */
export function cameoEnum(): { codes: string[]; descriptions: string[] } {
  const codes = Object.keys(GOLDSTEIN).sort();
  const descriptions = codes.map((c) => {
    const w = GOLDSTEIN[c] ?? 0;
    return `Goldstein ${w > 0 ? '+' : ''}${w.toFixed(1)}: ${CAMEO_EVENT[c] ?? ''}`;
  });
  return { codes, descriptions };
}

function document(name: string, def: Json): void {
  const description = DEFINITION_DOCS[name];
  if (description !== undefined && def.description === undefined) def.description = description;
  const props = def.properties as Record<string, Json> | undefined;
  const docs = FIELD_DOCS[name] ?? {};
  for (const [key, prop] of Object.entries(props ?? {})) {
    const doc = docs[key];
    if (!doc) continue;
    let target = prop;
    if (typeof prop.$ref === 'string') {
      // Draft-07 ignores keywords beside $ref: wrap it so the description and example are read.
      target = { allOf: [{ $ref: prop.$ref }] };
      (props as Record<string, Json>)[key] = target;
    }
    target.description = doc.d;
    target.examples = [doc.e];
  }
}

/** The JSON Schema of a scenario file, for editors (docs/scenario.schema.json). */
export function scenarioJsonSchema(): Json {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', target: 'draft-07' }) as Json;
  patternMaps(schema);
  const defs = (schema.definitions ?? {}) as Record<string, Json>;
  const event = defs.event?.properties as Record<string, Json> | undefined;
  if (event?.cameo) {
    const { codes, descriptions } = cameoEnum();
    delete event.cameo.pattern;
    event.cameo.enum = codes;
    event.cameo.enumDescriptions = descriptions;
  }
  document('scenario', schema);
  for (const [name, def] of Object.entries(defs)) document(name, def);
  return schema;
}

/** `scenarioJsonSchema()` as the exact text committed in docs/scenario.schema.json. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
