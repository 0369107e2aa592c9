/// <reference lib="dom" />
/**
 * STUB written by the page's helper (branch `web`) behind the signatures of /work/coord/web-contract.md, so the
 * page can be built and tested before the platform (branch `webplat`) lands. The real module replaces this
 * file on merge: keep nothing here that the page relies on beyond the contract.
 */
import type { Scenario } from '../../core/model.js';
import type { RunInputs } from '../../core/run.js';
import type { McResult } from '../../mc/result.js';
import { Accumulator } from '../../mc/accumulator.js';
import { runRange } from '../../mc/ensemble.js';
import { buildResult } from '../../mc/result.js';
import { compileText } from '../../scenario/text.js';
import { parseSessionFile, serializeSessionFile, formatOf } from '../../scenario/sessionfile.js';
import { makeRunFile, serializeRunFile } from '../../scenario/runfile.js';
import { branchOf, inputsFor, type SessionData } from '../../machines/session-logic.js';
import { drawsToEnd, sessionFileOf, sessionFromFile } from '../../machines/session-file.js';
import { runFast } from '../../machines/engine.js';
import { summarize } from '../../core/summary.js';

export interface Loaded {
  readonly scenario: Scenario;
  readonly text: string;
  readonly file: string;
}

export type Lookup = (id: string) => Promise<Loaded | null>;

type Result<T> = { ok: true } & T;
type Refusal = { ok: false; message: string };

const oneLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/\s*[\r\n]+\s*/g, ' ');

interface IndexEntry {
  readonly id: string;
  readonly title: string;
  readonly file: string;
}

let index: Promise<IndexEntry[]> | undefined;
function shippedIndex(): Promise<IndexEntry[]> {
  index ??= fetch('scenarios/index.json').then((r) => r.json() as Promise<IndexEntry[]>);
  return index;
}

export async function listShipped(): Promise<readonly { id: string; title: string }[]> {
  return (await shippedIndex()).map(({ id, title }) => ({ id, title }));
}

export async function loadShipped(id: string): Promise<Loaded> {
  const e = (await shippedIndex()).find((x) => x.id === id);
  if (!e) throw new Error(`no shipped scenario '${id}'`);
  const text = await (await fetch(`scenarios/${e.file}`)).text();
  return { scenario: compileText(text, e.file), text, file: e.file };
}

export function validateDropped(fileName: string, text: string): Result<{ loaded: Loaded }> | Refusal {
  try {
    return { ok: true, loaded: { scenario: compileText(text, fileName), text, file: fileName } };
  } catch (err) {
    return { ok: false, message: oneLine(err) };
  }
}

const fileOf = (s: SessionData) => `${s.scenario.id}.yaml`;

export function sessionFileText(session: SessionData): string {
  return serializeSessionFile(sessionFileOf(session, fileOf(session), new Date()));
}

export function runFileText(session: SessionData): string {
  const b = branchOf(session);
  return serializeRunFile(
    makeRunFile({
      scenario: session.scenario,
      file: fileOf(session),
      seed: session.seed,
      preset: session.preset,
      assumptions: session.overrides,
      choices: b.choices,
      until: undefined,
      injects: session.injects,
      roles: session.roles,
      ...(Object.keys(session.forecasts).length ? { forecasts: session.forecasts } : {}),
      engine: drawsToEnd(session),
      saved: new Date().toISOString(),
    }),
  );
}

export function runSummaryJson(session: SessionData): string {
  const inputs = inputsFor(session, branchOf(session).choices);
  return `${JSON.stringify(summarize(session.scenario, runFast(session.scenario, inputs), session.preset), null, 2)}\n`;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function b64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unb64url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export async function encodeShareLink(session: SessionData): Promise<string> {
  const doc = JSON.stringify(sessionFileOf(session, fileOf(session), new Date(0)));
  return `s1.${b64url(await pipe(new TextEncoder().encode(doc), new CompressionStream('deflate-raw')))}`;
}

export async function decodeShareLink(fragment: string, lookup: Lookup): Promise<Result<{ session: SessionData; loaded: Loaded }> | Refusal> {
  try {
    if (!fragment.startsWith('s1.')) return { ok: false, message: 'this link holds no geosim session' };
    const text = new TextDecoder().decode(await pipe(unb64url(fragment.slice(3)), new DecompressionStream('deflate-raw')));
    return await sessionOf(text, 'the link', lookup);
  } catch (err) {
    return { ok: false, message: `the link is damaged: ${oneLine(err)}` };
  }
}

async function sessionOf(text: string, name: string, lookup: Lookup): Promise<Result<{ session: SessionData; loaded: Loaded }> | Refusal> {
  try {
    const f = parseSessionFile(text, name);
    const loaded = await lookup(f.scenario.id);
    if (!loaded) return { ok: false, message: `${name} is for scenario '${f.scenario.id}', which this page does not have` };
    return { ok: true, session: sessionFromFile(loaded.scenario, f, name).data, loaded };
  } catch (err) {
    return { ok: false, message: oneLine(err) };
  }
}

export async function openFile(text: string, name: string, lookup: Lookup): Promise<Result<{ session: SessionData; loaded: Loaded }> | Refusal> {
  if (formatOf(text) === 'geosim-run/1') return { ok: false, message: `'${name}': run files open in the platform build (stub)` };
  return sessionOf(text, name, lookup);
}

/** Monte Carlo in this thread, in chunks (the real platform uses Web Workers). */
export function startOdds(scenario: Scenario, inputs: RunInputs, runs: number, onProgress: (done: number, total: number) => void): { result: Promise<McResult>; cancel(): void } {
  let cancelled = false;
  const acc = new Accumulator(scenario);
  const result = new Promise<McResult>((resolve, reject) => {
    let done = 0;
    const chunk = () => {
      if (cancelled) return reject(new Error('cancelled'));
      const n = Math.min(100, runs - done);
      runRange(scenario, inputs, done, done + n, acc);
      done += n;
      onProgress(done, runs);
      if (done < runs) setTimeout(chunk, 0);
      else resolve(buildResult(scenario, inputs, acc.data));
    };
    setTimeout(chunk, 0);
  });
  return { result, cancel: () => void (cancelled = true) };
}
