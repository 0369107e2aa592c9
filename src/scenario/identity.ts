/**
 * A scenario's identity in two parts:
 *   - the text hash (`scenario.hash`, sha256 of the file's bytes): any edit changes it, even a comment;
 *   - the model hash: sha256 over the canonical JSON of everything in the compiled model that can change a
 *     number (dates, effects, formulas as written, weights, assumptions, presets, postures, reactions…), with
 *     the words left out (titles, texts, labels, questions, explanations, sources, the article).
 * A saved run or session whose text hash differs but whose model hash matches loads with a one-line note; one
 * whose model hash differs is refused with a short list of what changed, from the per-part hashes it stored.
 *
 * Pure and browser-safe (no `node:` import): a later issue runs this layer in a browser, so the hash comes
 * from @noble/hashes rather than node:crypto.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Scenario } from '../core/model.js';

/** Keys that hold words, not numbers: they never reach the model hash. */
const WORDS: ReadonlySet<string> = new Set([
  'title',
  'summary',
  'text',
  'label',
  'explain',
  'question',
  'description',
  'sources',
  'article',
  'claim',
  'capital',
  'name',
  'hash',
  'url',
  'reliability',
  'interests',
  'constraints',
  'unit',
  'actual',
  'questions',
  'why',
  'since',
]);

/** Canonical JSON of the numeric content: object keys sorted, words and functions left out. */
export function canonical(value: unknown): string {
  if (value === undefined || typeof value === 'function') return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => !WORDS.has(k) && o[k] !== undefined && typeof o[k] !== 'function')
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

export function hashText(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** Part → field → short hash: what a saved file keeps so that a later refusal can say what changed. */
export type ModelParts = Readonly<Record<string, Readonly<Record<string, string>>>>;

function fields(value: unknown, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { value: hashText(canonical(value)).slice(0, 10) };
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (WORDS.has(k) || skip.includes(k) || typeof v === 'function' || v === undefined) continue;
    out[k] = hashText(canonical(v)).slice(0, 10);
  }
  return out;
}

/** The model's parts, each with a short hash per field. */
export function modelParts(s: Scenario): ModelParts {
  const parts: Record<string, Record<string, string>> = {};
  parts['scenario'] = fields({ start: s.start, defaultPreset: s.defaultPreset, timeline: s.timeline, injects: s.injects, actors: s.actors.map((a) => a.id), bands: s.bands });
  parts['model'] = fields(s.model);
  for (const a of s.assumptions) parts[`assumption ${a.id}`] = fields(a);
  for (const p of s.presets) parts[`preset ${p.id}`] = fields(p);
  for (const r of s.relations) parts[`relation ${r.from}→${r.to}`] = fields(r);
  for (const t of s.ties) parts[`tie ${t.id}`] = fields(t);
  for (const i of s.indicators) parts[`indicator ${i.id}`] = fields(i);
  for (const [actor, chart] of Object.entries(s.postures)) parts[`postures ${actor}`] = fields(chart);
  for (const [id, ev] of Object.entries(s.events)) {
    parts[`event ${id}`] = fields(ev, ['decision']);
    const dec = ev.decision;
    if (!dec) continue;
    parts[`decision ${dec.id}`] = fields(dec, ['options']);
    for (const o of dec.options) parts[`option ${dec.id}.${o.id}`] = fields(o);
  }
  for (const r of s.reactions) parts[`reaction ${r.id}`] = fields(r);
  for (const p of s.predictions) parts[`prediction ${p.id}`] = fields(p);
  return parts;
}

export interface Identity {
  readonly id: string;
  /** sha256 of the file's bytes. */
  readonly text: string;
  /** sha256 of the model's canonical parts. */
  readonly model: string;
  readonly parts: ModelParts;
}

const memo = new WeakMap<Scenario, Identity>();

export function identityOf(s: Scenario): Identity {
  let id = memo.get(s);
  if (!id) {
    const parts = modelParts(s);
    id = { id: s.id, text: s.hash, model: hashText(canonical(parts)), parts };
    memo.set(s, id);
  }
  return id;
}

/** What changed between stored parts and the scenario's, as short lines ("option a.b: weight changed"). */
export function modelChanges(before: ModelParts, after: ModelParts, max = 8): string[] {
  const out: string[] = [];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const name of names) {
    const a = before[name];
    const b = after[name];
    if (!a) out.push(`${name}: added`);
    else if (!b) out.push(`${name}: removed`);
    else {
      const changed = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
      if (changed.length) out.push(`${name}: ${changed.map((k) => (k === 'weight' ? 'weight formula' : k)).join(', ')} changed`);
    }
  }
  return out.length > max ? [...out.slice(0, max), `… and ${out.length - max} more`] : out;
}

/** How a saved file's scenario matches the loaded one: exactly, text only (with a note), or not (what changed). */
export type Match = { readonly kind: 'same' } | { readonly kind: 'text'; readonly note: string } | { readonly kind: 'model'; readonly changes: readonly string[] };

export function matchIdentity(saved: { text: string; model?: string | undefined; parts?: ModelParts | undefined }, s: Scenario): Match {
  const now = identityOf(s);
  if (saved.text === now.text) return { kind: 'same' };
  if (saved.model !== undefined && saved.model === now.model) {
    return { kind: 'text', note: `note: scenario '${s.id}' was edited since this was saved (text only: comments, titles, descriptions or sources); the numbers are the same` };
  }
  const changes = saved.parts ? modelChanges(saved.parts, now.parts) : ['the model (this file predates model hashes, so what changed is unknown)'];
  return { kind: 'model', changes: changes.length ? changes : ['the model'] };
}
