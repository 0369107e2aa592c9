/**
 * The schema of run files (runfile.ts) and their parser: every problem is one line (RunFileError). Apart from
 * runfile.ts because it loads zod, which saving a run or starting the UI does not need. Pure (no `node:` import).
 */
import { z } from 'zod';
import { RunFileError } from './file-errors.js';
import { idKey, isoDay, parseJsonDocument } from './json-document.js';
import { RUN_FORMAT } from './file-formats.js';

const key = idKey;
const date = isoDay;
const probability = z.number().min(0).max(1);

export const runFileSchema = z.strictObject({
  format: z.literal(RUN_FORMAT, { error: `expected '${RUN_FORMAT}'` }),
  scenario: z.strictObject({
    id: key,
    hash: z.string().regex(/^[0-9a-f]{8,128}$/, { error: 'expected a hex content hash' }),
    /** The model hash (identity.ts): a text-only edit of the scenario keeps it. Absent in older run files. */
    model: z.string().regex(/^[0-9a-f]{8,128}$/, { error: 'expected a hex model hash' }).optional(),
    file: z.string().min(1).max(4096),
  }),
  seed: z.number().int().min(0).max(4294967295),
  preset: key,
  assumptions: z.record(key, z.number().refine(Number.isFinite, { error: 'expected a finite number' })),
  choices: z.record(key, key),
  until: date.nullable(),
  injects: z.array(z.strictObject({ event: key, date })).max(1000),
  roles: z.array(z.string().regex(/^[A-Z]{2,4}$/, { error: 'expected an actor id' })).max(100),
  forecasts: z
    .record(
      key,
      z.record(key, probability).refine((p) => Math.abs(Object.values(p).reduce((a, b) => a + b, 0) - 1) <= 1e-6, {
        error: 'forecast probabilities must sum to 1',
      }),
    )
    .optional(),
  engine: z.record(key, key),
  saved: z.iso.datetime({ error: 'expected an ISO timestamp' }),
});

export type RunFile = z.infer<typeof runFileSchema>;

/** Parses and validates a run file's text; `file` is only for messages. */
export function parseRunFile(text: string, file: string): RunFile {
  return parseJsonDocument(text, file, { kind: 'run file', format: RUN_FORMAT, schema: runFileSchema, ErrorClass: RunFileError });
}
