/**
 * The schema of session files (sessionfile.ts) and their parser: every problem is one line (SessionFileError).
 * Apart from sessionfile.ts because it loads zod, which saving a session or starting the UI does not need.
 * Pure (no `node:` import).
 */
import { z } from 'zod';
import { controlCharacter } from '../core/text.js';
import { idKey, isoDay, parseJsonDocument } from './json-document.js';
import { SessionFileError } from './file-errors.js';
import { MAX_STEPS, SESSION_FORMAT } from './file-formats.js';

const key = idKey;
const date = isoDay;
const hex = z.string().regex(/^[0-9a-f]{8,128}$/, { error: 'expected a hex hash' });
/** Text a screen shows (branch labels and names): no control characters or bidirectional overrides. */
const printable = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => controlCharacter(s) === undefined, { error: 'expected printable text (no control characters)' });
const finite = z.number().refine(Number.isFinite, { error: 'expected a finite number' });
const probability = z.number().min(0).max(1);

const branchSchema = z.strictObject({
  id: z.number().int().min(0),
  label: printable(200),
  name: printable(80).optional(),
  parent: z.number().int().min(0).nullable(),
  forkStep: z.number().int().min(0).max(MAX_STEPS),
  seed: z.number().int().min(0).max(4294967295),
  preset: key,
  assumptions: z.record(key, finite),
  injects: z.array(z.strictObject({ event: key, date })).max(1000),
  roles: z.array(z.string().regex(/^[A-Z]{2,4}$/, { error: 'expected an actor id' })).max(100),
  choices: z.record(key, key),
  rolled: z.array(key).max(10_000),
  /** How many states the branch had computed (1 = only the start). */
  steps: z.number().int().min(1).max(MAX_STEPS + 1),
  cursor: z.number().int().min(0).max(MAX_STEPS),
  /** The engine's draws as far as the branch was played: not an input, only for checking (and for --rebase to say what moved). */
  drawn: z.record(key, key).optional(),
});

export const sessionFileSchema = z.strictObject({
  format: z.literal(SESSION_FORMAT, { error: `expected '${SESSION_FORMAT}'` }),
  scenario: z.strictObject({
    id: key,
    file: z.string().min(1).max(4096),
    text: hex,
    model: hex,
    parts: z.record(z.string().max(300), z.record(z.string().max(100), z.string().max(64))),
  }),
  current: z.number().int().min(0),
  forecastFirst: z.boolean(),
  forecasts: z.record(
    key,
    z.record(key, probability).refine((p) => Math.abs(Object.values(p).reduce((a, b) => a + b, 0) - 1) <= 1e-6, {
      error: 'forecast probabilities must sum to 1',
    }),
  ),
  branches: z.array(branchSchema).min(1).max(1000),
  saved: z.iso.datetime({ error: 'expected an ISO timestamp' }),
});

export type SessionFile = z.infer<typeof sessionFileSchema>;
export type SessionFileBranch = z.infer<typeof branchSchema>;

/** The tree's own consistency: ids in order, parents before children, cursors within the steps played. */
function checkTree(f: SessionFile, file: string): void {
  const at = (what: string) => new SessionFileError(`session file '${file}': ${what}`);
  f.branches.forEach((b, i) => {
    if (b.id !== i) throw at(`branches[${i}].id: expected ${i}, found ${b.id}`);
    if (b.parent !== null && b.parent >= i) throw at(`branches[${i}].parent: expected an earlier branch, found ${b.parent}`);
    if (b.cursor >= b.steps) throw at(`branches[${i}].cursor: ${b.cursor} is past the ${b.steps} steps played`);
    if (Object.keys(b.choices).some((d) => b.rolled.includes(d))) throw at(`branches[${i}]: a decision is both chosen and handed to the engine`);
  });
  if (f.current >= f.branches.length) throw at(`current: no branch #${f.current}`);
}

/** Parses and validates a session file's text; `file` is only for messages. */
export function parseSessionFile(text: string, file: string): SessionFile {
  const f = parseJsonDocument(text, file, { kind: 'session file', format: SESSION_FORMAT, schema: sessionFileSchema, ErrorClass: SessionFileError });
  checkTree(f, file);
  return f;
}

/** The JSON Schema of session files (docs/session.schema.json), generated from the zod schema above. */
export function sessionJsonSchemaText(): string {
  const schema = z.toJSONSchema(sessionFileSchema, { unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, $id: 'https://geosim.invalid/session.schema.json', title: 'geosim session file (geosim-session/1)' }, null, 2)}\n`;
}
