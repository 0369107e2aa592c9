/**
 * The differential test of the web page (issue 16): for random seeds, presets, assumptions, injects and choices,
 * a session made in Node is shared by link, the link is opened by the page `geosim web` serves in headless
 * Chromium, and the page's "Download run summary (JSON)" gives `geosim run --format json`'s bytes exactly; its
 * "Download run file" is replayed by `geosim replay` to the same bytes, and its "Download session file" is read
 * by the CLI's session loader into the same inputs. Through the platform module in the page (a probe bundle
 * served beside the app): live odds in Web Workers equal `geosim mc --format json`, and a broken scenario gives
 * `geosim validate`'s message.
 *
 * Without /usr/bin/chromium the tests are skipped with a message, except under CI, where they fail.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { describeInChromium, launchChromium } from './helpers/chromium.js';
import { ensureBuilt, geosim, root } from './cli-helpers.js';
import { startWeb, type WebServer } from './helpers/web-server.js';
import { createSession, type SessionData } from '../src/machines/session-logic.js';
import { sessionFileOf } from '../src/machines/session-file.js';
import { loadSessionFile } from '../src/cli/runfile-support.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { formatDay } from '../src/core/date.js';
import { encodeShareLink } from '../src/web/platform/share.js';
import type { Scenario } from '../src/core/model.js';

const FLAGSHIP = join(root, 'scenarios', 'pyongyang-2024.yaml');

interface Case {
  readonly seed: number;
  readonly preset: string;
  readonly overrides: Record<string, number>;
  readonly injects: { event: string; date: number }[];
  readonly choices: Record<string, string>;
}

/** Random inputs of the flagship, within what `geosim run` accepts. */
function cases(sc: Scenario, n: number, seed: number): Case[] {
  const decisions = Object.values(sc.events).flatMap((e) => (e.decision ? [e.decision] : []));
  const last = Math.max(...sc.timeline.map((id) => sc.events[id]!.date ?? sc.start));
  const arb = fc.record({
    seed: fc.nat(100_000),
    preset: fc.constantFrom(...sc.presets.map((p) => p.id)),
    overrides: fc.subarray([...sc.assumptions], { maxLength: 2 }).chain((as) =>
      fc.tuple(...as.map((a) => fc.nat(Math.max(0, Math.round((a.max - a.min) / a.step))).map((k) => [a.id, Number(Math.min(a.max, a.min + a.step * k).toFixed(6))] as const))),
    ),
    injects: fc.subarray([...sc.injects], { maxLength: 1 }).chain((ids) => fc.tuple(...ids.map((event) => fc.integer({ min: sc.start, max: last }).map((date) => ({ event, date }))))),
    choices: fc.subarray(decisions, { maxLength: 2 }).chain((ds) => fc.tuple(...ds.map((d) => fc.constantFrom(...d.options.map((o) => [d.id, o.id] as const))))),
  });
  return fc.sample(arb, { numRuns: n, seed }).map((c) => ({ ...c, overrides: Object.fromEntries(c.overrides), choices: Object.fromEntries(c.choices) }));
}

function cliArgs(c: Case): string[] {
  return [
    '--seed', String(c.seed),
    '--preset', c.preset,
    ...Object.entries(c.overrides).flatMap(([k, v]) => ['--assume', `${k}=${v}`]),
    ...c.injects.flatMap((i) => ['--inject', `${i.event}@${formatDay(i.date)}`]),
    ...Object.entries(c.choices).flatMap(([d, o]) => ['--choose', `${d}=${o}`]),
  ];
}

describeInChromium('the web page against the CLI', () => {
  let browser: Browser;
  let server: WebServer;
  let dir = '';
  let sc: Scenario;

  beforeAll(async () => {
    ensureBuilt();
    sc = loadScenarioFile(FLAGSHIP);
    dir = mkdtempSync(join(tmpdir(), 'geosim-webdiff-'));
    server = await startWeb(join(dir, 'site'));
    // The probe: the platform module as the page has it, served beside the app (same origin, so the CSP allows it).
    const { build } = await import('esbuild');
    await build({
      absWorkingDir: root,
      stdin: { contents: "export * from './src/web/platform/index.ts';\nexport { formatJson } from './src/mc/format.ts';\nexport { resolveAssumptions } from './src/core/run.ts';\n", resolveDir: root, loader: 'ts' },
      outfile: join(server.out, 'probe.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      logLevel: 'error',
      define: { __GEOSIM_BUILD_ID__: '"probe"' },
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function openPage(fragment = ''): Promise<{ page: Page; errors: string[] }> {
    const ctx = await browser.newContext({ acceptDownloads: true });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !/^(data|blob|about):/.test(r.url())) errors.push(`request: ${r.url()}`);
    });
    await page.goto(`${server.url}${fragment ? `#${fragment}` : ''}`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
    return { page, errors };
  }

  async function downloaded(page: Page, button: string): Promise<string> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    return path;
  }

  it('the run summary, run file and session file of a shared session are the CLI\'s', async () => {
    for (const c of cases(sc, 5, 2026)) {
      const d: SessionData = createSession(sc, { seed: c.seed, preset: c.preset, overrides: c.overrides, injects: c.injects, choices: c.choices });
      const { page, errors } = await openPage(await encodeShareLink(d));
      await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Share & files', exact: true }).click();
      const cli = geosim(['run', 'pyongyang-2024', ...cliArgs(c), '--format', 'json']);
      expect(cli.code, cli.stderr).toBe(0);
      const summary = readFileSync(await downloaded(page, 'Download run summary (JSON)'), 'utf8');
      expect(summary, JSON.stringify(c)).toBe(cli.stdout);
      const runFile = await downloaded(page, 'Download run file');
      const replay = geosim(['replay', runFile, '--format', 'json']);
      expect(replay.code, replay.stderr).toBe(0);
      expect(replay.stdout).toBe(cli.stdout);
      const sessionFile = await downloaded(page, 'Download session file');
      const loaded = loadSessionFile(sessionFile).session.data;
      const inputs = (x: SessionData) => JSON.stringify({ ...sessionFileOf(x, 'x.yaml', new Date(0)), branches: sessionFileOf(x, 'x.yaml', new Date(0)).branches.map((b) => ({ ...b, steps: 0, cursor: 0, drawn: {} })) });
      expect(inputs(loaded)).toBe(inputs(d));
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }, 600_000);

  it('live odds in Web Workers are geosim mc\'s, and a broken scenario gets geosim validate\'s message', async () => {
    const { page, errors } = await openPage();
    const seed = 11;
    const odds = (await page.evaluate(`(async () => {
      const p = await import('./probe.js');
      const l = await p.loadShipped('pyongyang-2024');
      const v = p.validateDropped('broken.yaml', 'id: x\\ntitle: [unclosed\\n');
      const job = p.startOdds(l.scenario, { seed: ${seed}, assumptions: p.resolveAssumptions(l.scenario, l.scenario.defaultPreset, {}), choices: {} }, 400, undefined, 2);
      return { odds: p.formatJson(await job.result), broken: v.ok ? 'accepted' : v.message };
    })()`)) as { odds: string; broken: string };
    const mc = geosim(['mc', 'pyongyang-2024', '--runs', '400', '--seed', String(seed), '--format', 'json']);
    expect(mc.code, mc.stderr).toBe(0);
    expect(odds.odds).toBe(mc.stdout);
    writeFileSync(join(dir, 'broken.yaml'), 'id: x\ntitle: [unclosed\n');
    const v = geosim(['validate', join(dir, 'broken.yaml')]);
    expect(v.code).toBe(2);
    expect(`geosim: ${odds.broken.replace(/^broken\.yaml/, join(dir, 'broken.yaml'))}\n`).toBe(v.stderr);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
