/**
 * What run files (`geosim-run/1`) and session files (`geosim-session/1`) share as JSON documents: keys that
 * could reach an object's prototype are refused, the text must be a JSON object with the expected `format`, and
 * the first problem zod finds becomes one line naming where it is. Pure (no `node:` import).
 */
import { z } from 'zod';
import { parseDay } from '../core/date.js';
import { FORBIDDEN_KEYS, notJsonWhy } from './json-text.js';

export { FORBIDDEN_KEYS, notJsonWhy } from './json-text.js';

/** An id used as a key (decision, option, assumption). */
export const idKey = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'expected an id' })
  .refine((k) => !FORBIDDEN_KEYS.has(k), { error: 'forbidden key' });

/** A real calendar day written YYYY-MM-DD. */
export const isoDay = z.string().refine((s) => parseDay(s) !== undefined, { error: 'expected a real date YYYY-MM-DD' });

/** One kind of document: its name in messages ("run file"), its `format`, its schema, its error class. */
export interface JsonDocument<T> {
  readonly kind: string;
  readonly format: string;
  readonly schema: z.ZodType<T>;
  readonly ErrorClass: new (message: string) => Error;
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** Parses and validates a document's text; `file` is only for messages. Every refusal is one line. */
export function parseJsonDocument<T>(text: string, file: string, doc: JsonDocument<T>): T {
  const fail = (message: string) => new doc.ErrorClass(message);
  let data: unknown;
  let forbidden: string | undefined;
  try {
    data = JSON.parse(text, (k: string, v: unknown) => {
      if (FORBIDDEN_KEYS.has(k)) forbidden ??= k;
      return v;
    });
  } catch {
    throw fail(`${doc.kind} '${file}' ${notJsonWhy(text, doc.kind)}`);
  }
  if (forbidden !== undefined) throw fail(`${doc.kind} '${file}': forbidden key '${forbidden}'`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw fail(`'${file}' is not a geosim ${doc.kind}: expected a JSON object`);
  }
  const fmt = (data as Record<string, unknown>).format;
  if (fmt !== doc.format) {
    throw fail(`'${file}' is not a geosim ${doc.kind}: format is ${JSON.stringify(fmt) ?? 'missing'}, expected '${doc.format}'`);
  }
  const r = doc.schema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const where = issuePath(issue.path);
    const what = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `'${k}'`).join(', ')}` : issue.message;
    throw fail(`${doc.kind} '${file}': ${where ? `${where}: ` : ''}${what}`);
  }
  return r.data;
}
