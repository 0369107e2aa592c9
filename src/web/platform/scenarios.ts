/**
 * The scenarios a page can play: the ones shipped in the folder (scenarios/index.json and the files themselves,
 * byte for byte, so hashes equal the CLI's), and files the user drops, checked exactly as `geosim validate`
 * checks them (src/scenario/text.ts, the same function). Every scenario loaded is remembered by id, so a share
 * link or a saved file can find it again.
 */
import type { Scenario } from '../../core/model.js';
import { ScenarioError } from '../../scenario/errors.js';
import { checkBytes, sha256Hex } from '../../scenario/text.js';
import { compileValidated, entryData } from '../../scenario/compile-validated.js';

/** A scenario ready to play: the compiled scenario, its file's text (exactly), and the file's name. */
export interface Loaded {
  readonly scenario: Scenario;
  readonly text: string;
  readonly file: string;
}

export interface ShippedEntry {
  readonly id: string;
  readonly title: string;
}

interface IndexEntry extends ShippedEntry {
  readonly file: string;
  /** The build's prevalidated entry of the file (src/build/web.mjs), if any. */
  readonly prevalidated?: string;
}

// Defined by the build (esbuild `define`), as for the CLI: entries of another build are not used.
declare const __GEOSIM_BUILD_ID__: string | undefined;

/** A dropped file larger than this is refused before parsing (the loader's own limits apply after). */
export const MAX_DROPPED_BYTES = 4 * 1024 * 1024;

let index: Promise<readonly IndexEntry[]> | undefined;
const loadedById = new Map<string, Loaded>();
const loadedOf = new WeakMap<Scenario, Loaded>();

async function fetchText(path: string): Promise<string> {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`could not load ${path} (HTTP ${r.status})`);
  return r.text();
}

function shippedIndex(): Promise<readonly IndexEntry[]> {
  index ??= fetchText('scenarios/index.json').then(
    (t) => JSON.parse(t) as IndexEntry[],
    (e: unknown) => {
      index = undefined; // try again next time
      throw e;
    },
  );
  return index;
}

function remember(l: Loaded): Loaded {
  loadedById.set(l.scenario.id, l);
  loadedOf.set(l.scenario, l);
  return l;
}

/** How a saved file names the scenario: the file's own name (the CLI looks beside the saved file, then by id). */
export function fileOf(scenario: Scenario): string {
  return loadedOf.get(scenario)?.file ?? `${scenario.id}.yaml`;
}

/** The scenarios shipped with the page, in the order of `geosim list`. */
export async function listShipped(): Promise<readonly ShippedEntry[]> {
  return (await shippedIndex()).map(({ id, title }) => ({ id, title }));
}

/** A shipped scenario by id, compiled from its file's exact bytes (so its hash is the CLI's). */
export async function loadShipped(id: string): Promise<Loaded> {
  const entry = (await shippedIndex()).find((e) => e.id === id);
  if (!entry) throw new Error(`no shipped scenario '${id}'`);
  const [r, pre] = await Promise.all([fetch(`scenarios/${entry.file}`), entry.prevalidated ? fetch(`scenarios/${entry.prevalidated}`).then((x) => (x.ok ? x.text() : undefined), () => undefined) : undefined]);
  if (!r.ok) throw new Error(`could not load scenarios/${entry.file} (HTTP ${r.status})`);
  const bytes = new Uint8Array(await r.arrayBuffer());
  const scenario = (pre !== undefined && fastPath(pre, bytes, entry.file)) || checkBytes(bytes, entry.file).scenario;
  return remember({ scenario, text: new TextDecoder().decode(bytes), file: entry.file });
}

/**
 * The CLI's fast path (scenario/prevalidated.ts), in the page: the build's entry for exactly these bytes,
 * compiled without the YAML reader; anything unexpected (another build, other bytes, a compile that wants a
 * position) falls back to the full check, so the scenario and any message are the same either way.
 */
function fastPath(entryText: string, bytes: Uint8Array, file: string): Scenario | undefined {
  const build = typeof __GEOSIM_BUILD_ID__ === 'string' ? __GEOSIM_BUILD_ID__ : undefined;
  if (!build) return undefined;
  const hash = sha256Hex(bytes);
  const raw = entryData(entryText, build, hash, sha256Hex);
  if (!raw) return undefined;
  try {
    return compileValidated(raw, file, hash);
  } catch {
    return undefined;
  }
}

export type Validated = { readonly ok: true; readonly loaded: Loaded; readonly warnings: readonly string[] } | { readonly ok: false; readonly message: string };

/**
 * A dropped or picked scenario file, checked as `geosim validate` checks it: on failure `message` is the line
 * validate prints after `geosim: ` (`file:line:col: path: problem …`); on success `warnings` are its warning
 * lines (`warning: file:line:col: …`). Text passed as a string is hashed as its UTF-8 bytes, like a file.
 */
export function validateDropped(fileName: string, content: string | Uint8Array): Validated {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const file = fileName.split(/[\\/]/).pop() || 'scenario.yaml';
  if (bytes.length > MAX_DROPPED_BYTES) return { ok: false, message: `${file}: too large to be a scenario (${bytes.length} bytes; the limit is ${MAX_DROPPED_BYTES})` };
  try {
    const checked = checkBytes(bytes, file);
    const warnings = [...checked.loaderWarnings(), ...checked.warnings()].sort((a, b) => a.line - b.line || a.column - b.column).map((w) => `warning: ${w.format()}`);
    const loaded = remember({ scenario: checked.scenario, text: new TextDecoder().decode(bytes), file });
    return { ok: true, loaded, warnings };
  } catch (err) {
    if (err instanceof ScenarioError) return { ok: false, message: err.format() };
    return { ok: false, message: `${file}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}

/** A scenario for a saved file or link: one loaded in this page with this id, else the shipped one. */
export async function findLoaded(id: string): Promise<Loaded | undefined> {
  const known = loadedById.get(id);
  if (known) return known;
  if ((await shippedIndex().catch(() => [])).some((e) => e.id === id)) return loadShipped(id);
  return undefined;
}
