// Forecast-first mode in the terminal UI: the odds stay hidden at a decision until the student's probabilities
// add up to 100 %; the forecasts are kept, saved in the run file, resumed with it, and scored by the report.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { App } from '../src/ui/App.js';
import { makeTheme } from '../src/ui/theme.js';
import { playOptionsFromPath } from '../src/cli/play-files.js';
import { prepareUi } from '../src/ui/main.js';
import { exportRun } from '../src/cli/session-files.js';
import { createActor } from 'xstate';
import { sessionMachine } from '../src/machines/session.js';
import { readRunFile } from '../src/scenario/read-file.js';
import type { Forecasts } from '../src/ui/forecast.js';
import { KEY, mount, tick } from './helpers/ui.js';
import { classroom, classroomFile } from './fixtures/teach/fixture.js';
import { ensureBuilt, geosim } from './cli-helpers.js';

const s = classroom();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Mounts the classroom with a save that records what it was given. */
function classroomUi() {
  const saves: { path: string; forecasts: Forecasts }[] = [];
  const h = mount(s, { columns: 100, rows: 30, save: (path, d) => void saves.push({ path, forecasts: d.forecasts }) });
  return { h, saves };
}

/** Steps forward until the first decision (Cland's, 2024-04-01). */
async function toFirstDecision(h: ReturnType<typeof mount>): Promise<string> {
  let frame = h.frame();
  for (let i = 0; i < 5 && !/How does Cland answer the pact\?/.test(frame); i++) frame = await h.press(KEY.right);
  return frame;
}

describe('forecast-first mode', () => {
  it('hides the odds, the article’s prediction and the outcome until the forecast adds up to 100 %', async () => {
    const { h } = classroomUi();
    await h.press('f');
    const frame = await toFirstDecision(h);
    expect(frame).toContain('Forecast first · CCC · How does Cland answer the pact?');
    expect(frame).not.toMatch(/75%|25%|\[article\]|\[happened\]/);
    // The cursor does not move on while the forecast is due.
    const step = h.data().branches[0]!.cursor;
    expect(await h.press(KEY.right, 'l', ' ')).not.toMatch(/75%/);
    expect(h.data().branches[0]!.cursor).toBe(step);
    // 60 + 30 is not 100: refused, still hidden.
    await h.press('6', '0', KEY.down, '3', '0');
    let f = await h.press(KEY.enter);
    expect(f).toContain('Your probabilities add up to 90 %, not 100 %');
    expect(f).not.toMatch(/75%/);
    // Fix the first option with '=' (what is left of 100 %), then record: the odds appear.
    await h.press(KEY.up, KEY.backspace, KEY.backspace, '=');
    expect(h.frame()).toContain('Sum 100 %');
    f = await h.press(KEY.enter);
    expect(f).toContain('Forecast recorded (Arm Outland 70 %, Talk to Bland 30 %)');
    expect(f).toMatch(/Arm Outland\s+75%/);
    // The article's prediction and the outcome wait until the decision is made (issue #11), or the teacher reveals them.
    expect(f).not.toMatch(/\[article\]|\[happened\]/);
    expect(f).toContain('The prediction and what happened show once this decision is made');
    f = await h.press('v');
    expect(f).toContain('[happened]');
    f = await h.press('v');
    expect(f).not.toContain('[happened]');
    await h.press('r');
    f = await h.press(KEY.left);
    expect(f).toContain('[happened]');
    h.unmount();
  });

  it('asks at every decision, keeps the forecasts, and saves them in the run file', async () => {
    const { h, saves } = classroomUi();
    await h.press('f');
    await toFirstDecision(h);
    await h.press('7', '0', KEY.down, '=', KEY.enter);
    // Let the engine draw Cland's decision, then go on to the next decision.
    let frame = await h.press('r');
    for (let i = 0; i < 8 && !/Forecast first ·/.test(frame); i++) frame = await h.press(KEY.right);
    expect(frame).toMatch(/Forecast first · (AAA|DDD)/);
    await h.press('1', '0', '0', KEY.enter);
    // Quitting now asks first: the forecasts are not saved yet.
    expect(await h.press('q')).toContain('Unsaved work (1 branch).');
    await h.press('s');
    expect(saves.length).toBe(1);
    expect(saves[0]!.forecasts.c_choice).toEqual({ arm_out: 0.7, talk: 0.3 });
    expect(Object.keys(saves[0]!.forecasts).length).toBe(2);
    h.unmount();
  });

  it('can be turned off, and forecasts nothing while off', async () => {
    const { h } = classroomUi();
    await h.press('f', 'f');
    const frame = await toFirstDecision(h);
    expect(frame).toMatch(/Arm Outland\s+75%/);
    expect(frame).not.toContain('Forecast first ·');
    h.unmount();
  });
});

describe('forecasts in run files from the UI', () => {
  it('round-trip: saved by the UI, resumed with forecast-first on, scored by geosim report', async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'geosim-forecast-'));
    dirs.push(dir);
    const file = join(dir, 'run.json');
    // Run files name their scenario by a path inside their own folder (docs/cli.md): keep a copy beside it.
    const scenarioFile = join(dir, 'classroom.yaml');
    copyFileSync(classroomFile, scenarioFile);
    // A session that chose to arm Outland, with two forecasts.
    const forecasts = { c_choice: { arm_out: 0.4, talk: 0.6 }, d_stance: { side_a: 0.9, neutral: 0.1 } };
    const actor = createActor(sessionMachine, { input: { scenario: s, options: { seed: 1, roles: ['CCC'], choices: { c_choice: 'arm_out' }, forecasts } } }).start();
    exportRun(file, actor.getSnapshot().context.data, scenarioFile);
    actor.stop();
    const rf = readRunFile(file);
    expect(rf.forecasts).toEqual({ c_choice: { arm_out: 0.4, talk: 0.6 }, d_stance: { side_a: 0.9, neutral: 0.1 } });
    expect(geosim(['replay', file]).code).toBe(0);

    const report = geosim(['report', file]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('| How does Cland answer the pact? | 0.320 | 1.125 |');

    // Resuming: forecast-first is on, and a decision already forecast shows its odds at once.
    const prepared = prepareUi(playOptionsFromPath({ scenarioPath: scenarioFile, seed: 1, roles: [], load: file }));
    expect(prepared.options.forecasts).toEqual(rf.forecasts);
    const resumed = createActor(sessionMachine, { input: { scenario: s, options: { seed: 1, roles: [], forecasts: prepared.options.forecasts! } } }).start();
    const r = render(<App actor={resumed} columns={100} rows={30} theme={makeTheme(false)} savePath={file} save={() => {}} onQuit={() => {}} frameMs={0} />);
    let frame = r.lastFrame() ?? '';
    for (let i = 0; i < 5 && !/How does Cland answer the pact\?/.test(frame); i++) {
      r.stdin.write(KEY.right);
      await tick();
      frame = r.lastFrame() ?? '';
    }
    expect(frame).toMatch(/Arm Outland\s+75%/);
    expect(frame).not.toContain('Forecast first ·');
    r.unmount();
    resumed.stop();
  });
});
