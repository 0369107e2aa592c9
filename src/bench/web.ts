/**
 * The web page (issue 16) for `npm run bench`, in headless Chromium (playwright-core, as the tests use it), from
 * the static folder `geosim web` writes (dist/web/), served by the same server:
 *   - first meaningful paint of the flagship: navigation to body.dataset.ready = "1" with the flagship's
 *     session opened from a share link (the page is listed, the link decoded, the session replayed, the
 *     timeline drawn), a fresh browser context each time (no cache);
 *   - live odds of 2,000 runs in Web Workers (the platform's startOdds), cold (the workers start and compile
 *     the scenario) and warm, beside the same 2,000 runs in this Node process on one core: the ratio says what
 *     the workers buy on this machine whatever its load;
 *   - one step's update: the → key to the next frame with the new step drawn.
 * Skipped with a note when /usr/bin/chromium is missing.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { BenchRow, BenchSuite } from './types.js';
import { median } from './types.js';
import { projectRoot } from './ui.js';
import { listen, siteServer, writeSite } from '../cli/web-serve.js';
import { loadScenarioFile } from '../scenario/load.js';
import { createSession } from '../machines/session-logic.js';
import { encodeShareLink } from '../web/platform/share.js';
import { Accumulator } from '../mc/accumulator.js';
import { runRange } from '../mc/ensemble.js';
import { resolveAssumptions } from '../core/run.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const GOAL_PAINT_MS = 1500;
export const GOAL_ODDS_MS = 2000;
export const GOAL_STEP_MS = 50;
const RUNS = 2000;

/** The platform module as a page loads it, beside the app (same origin: the CSP lets the page import it). */
async function writeProbe(root: string, out: string): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    stdin: { contents: "export * from './src/web/platform/index.ts';\nexport { resolveAssumptions } from './src/core/run.ts';\n", resolveDir: root, loader: 'ts' },
    outfile: join(out, 'probe.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    logLevel: 'error',
    define: { __GEOSIM_BUILD_ID__: '"bench"' },
  });
}

export const webSuite: BenchSuite = {
  name: 'web',
  async run(ctx) {
    if (!existsSync(CHROMIUM)) return [{ id: 'web.skipped', label: 'web page', value: 0, unit: 'ms', note: `skipped: ${CHROMIUM} is missing` }];
    const root = projectRoot();
    const dir = mkdtempSync(join(tmpdir(), 'geosim-bench-web-'));
    const out = join(dir, 'site');
    let server: Server | undefined;
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      writeSite(join(root, 'dist', 'web'), out);
      await writeProbe(root, out);
      server = siteServer(out);
      const url = `http://127.0.0.1:${await listen(server, 0)}/`;
      const flagship = loadScenarioFile(join(root, 'scenarios', 'pyongyang-2024.yaml'));
      const link = await encodeShareLink(createSession(flagship, { seed: 1 }));

      // First meaningful paint, fresh context (nothing cached) each time.
      const paints: number[] = [];
      for (let i = 0; i < ctx.reps; i++) {
        const c = await browser.newContext();
        const page = await c.newPage();
        // The moment the page sets data-ready, on the page's clock (milliseconds from the navigation's start).
        await page.addInitScript(() => {
          new MutationObserver((_, o) => {
            if (document.body?.dataset.ready !== '1') return;
            (window as unknown as { readyAt: number }).readyAt = performance.now();
            o.disconnect();
          }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
        });
        await page.goto(`${url}#${link}`);
        await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
        paints.push(await page.evaluate(() => (window as unknown as { readyAt: number }).readyAt));
        await c.close();
      }

      // Live odds and one step, in one page.
      const c = await browser.newContext();
      const page = await c.newPage();
      await page.goto(`${url}#${link}`);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
      const odds = (await page.evaluate(`(async () => {
        const p = await import('./probe.js');
        const l = await p.loadShipped('pyongyang-2024');
        const inputs = { seed: 1, assumptions: p.resolveAssumptions(l.scenario, l.scenario.defaultPreset, {}), choices: {} };
        const times = [];
        for (let i = 0; i < ${ctx.reps + 1}; i++) {
          const t0 = performance.now();
          await p.startOdds(l.scenario, { ...inputs, seed: i + 1 }, ${RUNS}).result;
          times.push(performance.now() - t0);
        }
        return { times, workers: p.oddsWorkers() };
      })()`)) as { times: number[]; workers: number };
      const inputs = { seed: 1, assumptions: resolveAssumptions(flagship, flagship.defaultPreset, {}), choices: {} };
      const node: number[] = [];
      for (let i = 0; i < Math.min(3, ctx.reps); i++) {
        const acc = new Accumulator(flagship);
        const t0 = performance.now();
        runRange(flagship, { ...inputs, seed: i + 1 }, 0, RUNS, acc);
        node.push(performance.now() - t0);
      }
      const steps = (await page.evaluate(`(async () => {
        const app = document.getElementById('app');
        const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
        const out = [];
        for (let i = 0; i < 12; i++) {
          await frame();
          const changed = new Promise((r) => { const o = new MutationObserver(() => { o.disconnect(); r(); }); o.observe(app, { subtree: true, childList: true, characterData: true, attributes: true }); });
          const t0 = performance.now();
          document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
          await changed;
          await frame();
          out.push(performance.now() - t0);
        }
        return out;
      })()`)) as number[];
      await c.close();

      const paint = median(paints);
      const cold = odds.times[0]!;
      const warm = median(odds.times.slice(1));
      const inNode = median(node);
      const step = median(steps.slice(2));
      const rows: BenchRow[] = [
        { id: 'web.paint', label: 'web: first meaningful paint of the flagship (from a link)', value: paint, unit: 'ms', samples: paints, goal: `≤ ${GOAL_PAINT_MS} ms`, ok: paint <= GOAL_PAINT_MS },
        { id: 'web.odds.cold', label: `web: live odds of ${RUNS} runs, workers starting (${odds.workers} workers)`, value: cold, unit: 'ms', note: 'start and compile included' },
        { id: 'web.odds.warm', label: `web: live odds of ${RUNS} runs, warm workers`, value: warm, unit: 'ms', samples: odds.times.slice(1), goal: `≤ ${GOAL_ODDS_MS} ms`, ok: warm <= GOAL_ODDS_MS },
        { id: 'web.odds.ratio', label: `web: warm odds vs the same runs in Node on one core`, value: warm / inNode, unit: '×', note: `Node ${inNode.toFixed(0)} ms; below 1 means the workers pay off` },
        { id: 'web.step', label: 'web: one step (→) to the next frame', value: step, unit: 'ms', samples: steps, goal: `≤ ${GOAL_STEP_MS} ms`, ok: step <= GOAL_STEP_MS },
      ];
      return rows;
    } finally {
      await browser.close();
      server?.closeAllConnections();
      server?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
