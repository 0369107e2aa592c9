/**
 * Share links: the session's inputs in the URL fragment, so a teacher pastes one link and every student opens
 * the identical run (never the results: they are replayed). The payload is the session file's document
 * (geosim-session/1, exactly what `sessionFileText` saves, unindented), deflate-raw compressed with the
 * browser's own CompressionStream, in base64url, after a version tag:
 *
 *   https://host/page/#s1.<base64url of deflate-raw(session file JSON)>
 *
 * Opening one applies the session files' rules and messages (scenario/sessionfile.ts, machines/session-file.ts):
 * a changed scenario, an unknown name, or inputs that do not rebuild what was saved are refused in one line.
 * A tampered payload is refused too: the fragment and the inflated text are bounded (the inflated text by the
 * session files' own size limit, checked while inflating, so a small "zip bomb" stops early).
 */
import type { SessionData } from '../../machines/session-logic.js';
import { sessionFileOf, sessionFromFile } from '../../machines/session-file.js';
import { MAX_SESSION_FILE_BYTES } from '../../scenario/sessionfile.js';
import { parseSessionFile } from '../../scenario/sessionfile-schema.js';
import { oneLine } from './messages.js';
import { fileOf, findLoaded, type Loaded } from './scenarios.js';

export const LINK_TAG = 's1.';
/** Longer fragments are not links this page made (a big classroom tree compresses to a few kB). */
export const MAX_LINK_CHARS = 512 * 1024;
/** What a link is called in messages (where a session file would be named). */
const NAME = 'shared link';

function toBase64url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | 'too large'> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  void writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return 'too large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The fragment (without '#') that reopens `session` exactly: its session file's document, compressed. */
export async function encodeShareLink(session: SessionData, now: Date = new Date()): Promise<string> {
  const text = JSON.stringify(sessionFileOf(session, fileOf(session.scenario), now));
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'), Infinity);
  return LINK_TAG + toBase64url(packed as Uint8Array);
}

/** Whether a fragment (with or without '#') looks like a share link, before decoding it. */
export function isShareLink(fragment: string): boolean {
  return fragment.replace(/^#/, '').startsWith(LINK_TAG);
}

export type Decoded =
  | { readonly ok: true; readonly session: SessionData; readonly loaded: Loaded; readonly note: string | null }
  | { readonly ok: false; readonly message: string };

/**
 * The session a fragment holds, rebuilt against the scenario with its id (`lookup`; by default one loaded in
 * this page, else the shipped one), or the one-line reason it is refused.
 */
export async function decodeShareLink(fragment: string, lookup: (id: string) => Promise<Loaded | undefined> | Loaded | undefined = findLoaded): Promise<Decoded> {
  const f = fragment.replace(/^#/, '');
  const damaged = (why: string): Decoded => ({ ok: false, message: `the ${NAME} is damaged (${why}); ask for the link again` });
  if (!f.startsWith(LINK_TAG)) return { ok: false, message: `not a geosim share link (it should start with #${LINK_TAG})` };
  if (f.length > MAX_LINK_CHARS) return { ok: false, message: `the ${NAME} is too long to be one (${f.length} characters)` };
  const packed = fromBase64url(f.slice(LINK_TAG.length));
  if (!packed) return damaged('characters that base64url does not use');
  let inflated: Uint8Array | 'too large';
  try {
    inflated = await pipe(packed, new DecompressionStream('deflate-raw'), MAX_SESSION_FILE_BYTES);
  } catch {
    return damaged('it does not decompress');
  }
  if (inflated === 'too large') return { ok: false, message: `the ${NAME} is too large to be a session (over ${MAX_SESSION_FILE_BYTES} bytes once decompressed)` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return damaged('it is not text');
  }
  try {
    const file = parseSessionFile(text, NAME);
    const loaded = await lookup(file.scenario.id);
    if (!loaded) return { ok: false, message: `the ${NAME} is for scenario '${file.scenario.id}', which this page does not have; open that scenario file first` };
    const s = sessionFromFile(loaded.scenario, file, NAME);
    return { ok: true, session: s.data, loaded, note: s.note };
  } catch (err) {
    return { ok: false, message: oneLine(err) };
  }
}
