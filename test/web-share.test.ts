/**
 * Share links of the web page (src/web/platform/share.ts), in Node (which has the same CompressionStream):
 * random sessions, driven by every session event, are encoded into a link and decoded again into the same
 * session inputs (the same session file, byte for byte) and the same states; a tampered, oversized, foreign or
 * outdated link is refused in one line, with the session files' rules.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createActor } from 'xstate';
import { sessionMachine } from '../src/machines/session.js';
import { createSession, toEnd, type SessionData } from '../src/machines/session-logic.js';
import { sessionFileOf } from '../src/machines/session-file.js';
import { compileText } from '../src/scenario/text.js';
import { decodeShareLink, encodeShareLink, LINK_TAG } from '../src/web/platform/share.js';
import type { Loaded } from '../src/web/platform/scenarios.js';
import type { Scenario } from '../src/core/model.js';
import { flagship, small, fixture } from './helpers/scenarios.js';
import { steps, type Step } from './helpers/session-steps.js';

const EPOCH = new Date(0);
const loadedOf = (scenario: Scenario): Loaded => ({ scenario, text: '', file: `${scenario.id}.yaml` });
const fileText = (d: SessionData) => JSON.stringify(sessionFileOf(d, 'x.yaml', EPOCH));

function play(sc: Scenario, seed: number, roles: string[], script: Step[]): SessionData {
  const actor = createActor(sessionMachine, { input: { scenario: sc, options: { seed, roles } } }).start();
  for (const s of script) {
    const e = s(actor.getSnapshot().context.data);
    if (e !== 'SAVE' && e !== 'LOAD') actor.send(e);
  }
  const d = actor.getSnapshot().context.data;
  actor.stop();
  return d;
}

async function roundTrip(sc: Scenario, d: SessionData): Promise<void> {
  const link = await encodeShareLink(d, EPOCH);
  expect(link.startsWith(LINK_TAG)).toBe(true);
  expect(link).toMatch(/^[A-Za-z0-9._-]+$/); // safe in a URL fragment as is
  const back = await decodeShareLink(`#${link}`, () => loadedOf(sc));
  if (!back.ok) throw new Error(back.message);
  // The same inputs (every branch, names, forecasts, cursors, current) …
  expect(fileText(back.session)).toBe(fileText(d));
  // … which rebuild the same states.
  back.session.branches.forEach((b, i) => expect(JSON.stringify(b.states.at(-1))).toBe(JSON.stringify(d.branches[i]!.states.at(-1))));
}

/** A link's payload with one character changed (to another base64url character). */
function tamper(link: string, at: number): string {
  const body = link.slice(LINK_TAG.length);
  const i = LINK_TAG.length + (at % body.length);
  const c = link[i] === 'A' ? 'B' : 'A';
  return link.slice(0, i) + c + link.slice(i + 1);
}

describe('share links', () => {
  it('round-trip random sessions of the small scenario', async () => {
    const sc = small();
    await fc.assert(
      fc.asyncProperty(fc.nat(1000), fc.subarray(sc.actors.map((a) => a.id)), steps(sc), async (seed, roles, script) => roundTrip(sc, play(sc, seed, roles, script))),
      { numRuns: 40 },
    );
  }, 120_000);

  it('round-trip random sessions of the flagship', async () => {
    const sc = flagship();
    await fc.assert(
      fc.asyncProperty(fc.nat(1000), fc.subarray(['KOR', 'JPN']), steps(sc), async (seed, roles, script) => roundTrip(sc, play(sc, seed, roles, script.slice(0, 15)))),
      { numRuns: 6 },
    );
  }, 120_000);

  it('refuse any tampered payload in one line, or decode it into a session whose inputs rebuild it', async () => {
    const sc = flagship();
    const d = toEnd(createSession(sc, { seed: 5 }));
    const link = await encodeShareLink(d, EPOCH);
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (at) => {
        const r = await decodeShareLink(tamper(link, at), () => loadedOf(sc));
        // A changed byte almost always breaks the compressed stream or the JSON; should it still decode to a
        // valid session file, the rules of session files (draws, steps) hold for it as for any file.
        if (!r.ok) expect(r.message).toMatch(/^(the shared link is damaged|session file 'shared link'|'shared link' is not a geosim session file)/);
        if (!r.ok) expect(r.message).not.toMatch(/\n/);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('refuse a link whose recorded draws were edited, with the session file message', async () => {
    const sc = flagship();
    const d = toEnd(createSession(sc, { seed: 5 }));
    const doc = sessionFileOf(d, 'x.yaml', EPOCH);
    const [decision, option] = Object.entries(doc.branches[0]!.drawn ?? {})[0]!;
    const other = Object.values(sc.events).find((e) => e.decision?.id === decision)!.decision!.options.find((o) => o.id !== option)!.id;
    doc.branches[0]!.drawn = { ...doc.branches[0]!.drawn, [decision]: other };
    const edited = await linkOf(JSON.stringify(doc));
    const r = await decodeShareLink(edited, () => loadedOf(sc));
    expect(r).toEqual({ ok: false, message: `session file 'shared link' does not match its scenario: branch #0 draws '${option}' at decision '${decision}', the file says '${other}'` });
  });

  it('refuse a link to a changed scenario, and open one to a text-only edit with a note', async () => {
    const text = readFileSync(fixture('core/small.yaml'), 'utf8');
    const sc = compileText(text, 'small.yaml');
    const link = await encodeShareLink(toEnd(createSession(sc, { seed: 3 })), EPOCH);
    const retitled = compileText(text.replace(/^title: .*$/m, 'title: Another title'), 'small.yaml');
    expect(retitled.hash).not.toBe(sc.hash);
    const ok = await decodeShareLink(link, () => loadedOf(retitled));
    expect(ok.ok && ok.note).toMatch(/text/);
    const remodelled = compileText(text.replace(/tension_initial: 30/, 'tension_initial: 31'), 'small.yaml');
    const refused = await decodeShareLink(link, () => loadedOf(remodelled));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toBe("session file 'shared link' was saved from another version of scenario 'core_small' (model: tensionInitial changed)");
    const missing = await decodeShareLink(link, () => undefined);
    expect(missing).toEqual({ ok: false, message: "the shared link is for scenario 'core_small', which this page does not have; open that scenario file first" });
  });

  it('refuse what is not a link, garbage, and a payload that inflates past the session file limit', async () => {
    const sc = small();
    const lookup = () => loadedOf(sc);
    expect(await decodeShareLink('#section-2', lookup)).toMatchObject({ ok: false, message: expect.stringMatching(/^not a geosim share link/) });
    expect(await decodeShareLink(`${LINK_TAG}a*b`, lookup)).toMatchObject({ ok: false, message: expect.stringMatching(/damaged \(characters/) });
    expect(await decodeShareLink(`${LINK_TAG}AAAA`, lookup)).toMatchObject({ ok: false, message: expect.stringMatching(/damaged/) });
    expect(await decodeShareLink(`${LINK_TAG}${'A'.repeat(600_000)}`, lookup)).toMatchObject({ ok: false, message: expect.stringMatching(/too long/) });
    // 5 MB of spaces compress to a few kB: refused while inflating, not after.
    const bomb = await linkOf(' '.repeat(5 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(20_000);
    expect(await decodeShareLink(bomb, lookup)).toMatchObject({ ok: false, message: expect.stringMatching(/too large to be a session/) });
    expect(await decodeShareLink(await linkOf('{"format":"geosim-run/1"}'), lookup)).toMatchObject({ ok: false, message: expect.stringMatching(/is not a geosim session file/) });
  });
});

/** A link made by hand from any text (what a tamperer could make). */
async function linkOf(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return LINK_TAG + Buffer.from(bytes).toString('base64url');
}
