/**
 * The teacher's first ten minutes (issue 13), in a real terminal (tmux) on the bundled CLI: open, read the
 * orientation, pick a role, step to the decision, forecast, choose, see the consequences, ask why, save, quit,
 * reopen. Each step waits for what the screen must say (a generous ceiling, never a fixed sleep) and fails with
 * the screen it saw.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tmux } from '../src/bench/ui.js';
import { bin, ensureBuilt } from './cli-helpers.js';

const WAIT = 60_000;

describe.skipIf(!Tmux.available())("the teacher's first ten minutes", () => {
  const tmux = new Tmux('first-ten', `geosim-first-ten-${process.pid}`);
  const dir = mkdtempSync(join(tmpdir(), 'geosim-first-ten-'));

  beforeAll(() => {
    ensureBuilt();
    tmux.start(100, 30, dir);
  }, 180_000);
  afterAll(() => tmux.kill());

  const see = (what: RegExp | string) => tmux.waitFor((p) => (typeof what === 'string' ? p.includes(what) : what.test(p)), String(what), WAIT);

  it('walks from a cold start to a saved run and back', async () => {
    await see('$');
    tmux.keys(`node ${bin} play; echo "left-$((1000+1))=$?"`, 'Enter');
    // The cold start: what this is, whom you can play, the keys, what G would do for no one.
    let pane = await see('Keys: space next step · R pick whom you play · ? every key');
    expect(pane).toMatch(/^geosim │ Putin/);
    expect(pane).toMatch(/You can play: [^\n]*KOR South Korea/);
    expect(pane).toMatch(/You play no one: G plays to the end/);
    expect(pane).toMatch(/step 0 of \d+ · seed 1/);
    // Pick a role: Seoul.
    tmux.keys('R');
    pane = await see('Only actors with a decision to make are listed.');
    expect(pane).not.toMatch(/\] PRK/);
    tmux.keys('j', 'Space');
    pane = await see(/\[x\] KOR/);
    tmux.keys('Escape');
    await see(/you: KOR/);
    // Forecast first, then on to Seoul's decision.
    tmux.keys('f');
    await see(/forecast(-first)? on/);
    tmux.keys('G');
    pane = await see('Forecast first · KOR');
    expect(pane).not.toMatch(/\[article\]|\[happened\]/);
    tmux.keys('=', 'Enter');
    pane = await see('Forecast recorded');
    // Choose the first option and see what it did.
    tmux.keys('1');
    pane = await see('Applied:');
    expect(pane).not.toContain('Forecast first');
    // Ask why a relation is what it is.
    tmux.keys('w');
    pane = await see(/terms? sum to -?\d+\.\d → /);
    tmux.keys('Escape');
    // Save under the proposed name, quit, and come back to the same place.
    tmux.keys('s');
    pane = await see('pyongyang-2024-seed1.session.json');
    tmux.keys('Enter');
    pane = await see(/Saved pyongyang-2024-seed1\.session\.json/);
    tmux.keys('q');
    pane = await see('left-1001=0');
    expect(tmux.alternateOn()).toBe(false);
    tmux.keys('clear', 'Enter');
    tmux.keys(`node ${bin} play --load pyongyang-2024-seed1.session.json; echo "left-$((1000+2))=$?"`, 'Enter');
    pane = await see(/you: KOR/);
    expect(pane).toMatch(/forecast(-first)? on/);
    tmux.keys('q');
    await see('left-1002=0');
  }, 300_000);
});
