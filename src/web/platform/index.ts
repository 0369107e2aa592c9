/**
 * The web page's platform services (issue 16), the only module src/web/app imports for them: the shipped
 * scenarios, a dropped scenario checked as `geosim validate` checks it, share links, session and run files
 * interchangeable with the CLI's, and live odds in Web Workers. See /work/coord/web-contract.md.
 *
 * Browser-safe: nothing here imports a `node:` module (the build bundles it for the browser platform).
 */
import type { Scenario } from '../../core/model.js';
import { compileBytes } from '../../scenario/text.js';

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
}

let index: Promise<readonly IndexEntry[]> | undefined;

async function fetchText(path: string): Promise<string> {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`could not load ${path} (${r.status})`);
  return r.text();
}

function shippedIndex(): Promise<readonly IndexEntry[]> {
  index ??= fetchText('scenarios/index.json').then((t) => JSON.parse(t) as IndexEntry[]);
  return index;
}

/** The scenarios shipped with the page (scenarios/index.json of the folder), in the CLI's list order. */
export async function listShipped(): Promise<readonly ShippedEntry[]> {
  return (await shippedIndex()).map(({ id, title }) => ({ id, title }));
}

/** A shipped scenario by id, compiled from its file's exact bytes (so its hash is the CLI's). */
export async function loadShipped(id: string): Promise<Loaded> {
  const entry = (await shippedIndex()).find((e) => e.id === id);
  if (!entry) throw new Error(`no shipped scenario '${id}'`);
  const text = await fetchText(`scenarios/${entry.file}`);
  return { scenario: compileBytes(new TextEncoder().encode(text), entry.file), text, file: entry.file };
}
