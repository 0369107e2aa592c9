/**
 * The web page in headless Chromium (issue 16): the teacher's walk from opening the flagship to printing the
 * debrief, with the share link opened in a fresh browser context showing the identical state; a bad scenario
 * dropped in shows the validator's message (the CLI's); a tampered link is refused; axe-core finds no serious
 * or critical violation on any main screen; no screen overflows sideways at 1280×720 or 360×740.
 *
 * The page is served by `geosim web` (the built CLI) from a temporary folder.
 * With GEOSIM_SCREENSHOTS=<dir> the walk saves PNGs of the main screens there (outside the repository).
 * Without /usr/bin/chromium the tests are skipped with a message, except under CI, where they fail.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describeInChromium, launchChromium } from './helpers/chromium.js';
import { ensureBuilt, geosim, root } from './cli-helpers.js';
import { startWeb, type WebServer } from './helpers/web-server.js';


const SHOTS = process.env.GEOSIM_SCREENSHOTS;
const SCREENS = ['Orientation', 'Timeline', 'Relations', 'Decision', 'Branches', 'Assumptions', 'Predictions', 'Debrief', 'Share & files'] as const;

/** Everything that went wrong in a page: script errors, console errors, requests leaving 127.0.0.1. */
function watch(page: Page, base: string): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${String(e)}`));
  page.on('console', (m) => {
    // A failed load is reported below with its URL (the browser's own favicon request is no problem of the page).
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()}: ${r.url()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !/^(data|blob|about):/.test(r.url())) problems.push(`request: ${r.url()}`);
  });
  return problems;
}

async function open(ctx: BrowserContext, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await ctx.newPage();
  const problems = watch(page, url.replace(/#.*$/, ''));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]');
  return { page, problems };
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

const AXE = () => readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
type Violation = { id: string; impact: string; where: string[] };

/** axe-core's violations on the page as it is now (WCAG 2.1 A and AA, and best practice). */
async function axeOn(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE());
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(n: Node, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

const serious = (v: readonly Violation[]) => v.filter((x) => x.impact === 'serious' || x.impact === 'critical');

/** What the identical state means: the cursor line, the branch tree, the matrix, the decision screen. */
async function stateOf(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  out.where = await page.locator('.where').innerText();
  await nav(page, 'Branches');
  out.branches = await page.locator('.tree').innerText();
  await nav(page, 'Relations');
  out.matrix = await page.locator('table.heatmap').innerText();
  await nav(page, 'Timeline');
  out.timeline = await page.locator('nav.timeline').innerText();
  await nav(page, 'Assumptions');
  out.assumptions = await page.locator('.sliders').innerText();
  out.injects = await page.locator('.inject-list').innerText();
  return out;
}

/** A share link of the flagship after a few steps (for the tests that need one when the walk did not make it). */
async function someLink(browser: Browser, url: string): Promise<string> {
  const ctx = await browser.newContext();
  const { page } = await open(ctx, url);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('button', { name: 'Next →' }).click();
  await nav(page, 'Share & files');
  await page.getByRole('button', { name: 'Make the share link' }).click();
  const link = await page.getByLabel('Share link').inputValue();
  await ctx.close();
  return link;
}

describeInChromium('the web page', () => {
  let browser: Browser;
  let server: WebServer;
  let link = '';

  beforeAll(async () => {
    // The product itself: `geosim web` writes the folder and serves it on 127.0.0.1.
    ensureBuilt();
    server = await startWeb(mkdtempSync(join(tmpdir(), 'web-walk-site-')));
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("walks the teacher's class: role, forecast, choice, why, branch, compare, assumption, link, print", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const { page, problems } = await open(ctx, server.url);
    await shot(page, '00-open');
    expect(serious(await axeOn(page)), 'the opening screen').toEqual([]);
    await expect(page.getByLabel('A scenario shipped with geosim').inputValue()).resolves.toBe('pyongyang-2024');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.locator('#screen-title', { hasText: 'Putin in Pyongyang' }).waitFor();

    // Orientation: play South Korea, forecast first.
    await page.getByLabel(/\(KOR\)/).check();
    await page.getByLabel(/Forecast first/).check();
    await expect(page.getByLabel(/\(KOR\)/).isChecked()).resolves.toBe(true);
    await shot(page, '01-orientation');
    await page.getByRole('button', { name: 'Begin: go to the timeline' }).click();
    await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor();

    // Step to Seoul's decision: the forecast comes first, the odds after.
    await nav(page, 'Decision');
    await page.getByRole('button', { name: 'Step to the next decision' }).click();
    await page.getByRole('heading', { name: 'Decision: South Korea' }).waitFor();
    await expect(page.locator('.where').innerText()).resolves.toContain('forecast first');
    await expect(page.locator('table.options').count()).resolves.toBe(0);
    const inputs = page.locator('form.forecast input[type="number"]');
    await expect(inputs.count()).resolves.toBe(4);
    expect(serious(await axeOn(page)), 'the forecast form').toEqual([]);
    for (const [i, v] of ['40', '30', '20', '5'].entries()) await inputs.nth(i).fill(v);
    await page.getByRole('button', { name: 'Record my forecast' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('add up to 100 %');
    await inputs.nth(3).fill('10');
    await page.getByRole('button', { name: 'Record my forecast' }).click();
    await page.locator('table.options').waitFor();
    await expect(page.locator('table.options thead').innerText()).resolves.toContain('your forecast');
    await shot(page, '02-decision');
    await page.getByRole('button', { name: /^Choose “Send defensive weapons/ }).click();
    await page.getByRole('heading', { name: 'Decision taken here' }).waitFor();

    // Why: a cell of the heatmap opens its ledger, each cause with its source.
    await nav(page, 'Relations');
    await page.getByRole('button', { name: /^KOR regards RUS: / }).click();
    await page.getByRole('heading', { name: 'Why KOR regards RUS as it does' }).waitFor();
    await expect(page.locator('table.ledger tbody tr').count()).resolves.toBeGreaterThan(1);
    await expect(page.locator('.why .meta').first().innerText()).resolves.toMatch(/terms? sum to/);
    await shot(page, '03-relations-why');

    // Branch: choose differently at the decision taken; compare the two branches on the same date.
    await nav(page, 'Decision');
    await page.getByRole('button', { name: /^Choose “Send lethal arms/ }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('New branch #1');
    // By keyboard: Tab reaches the step controls, Enter steps; → steps too when no field has the focus.
    const step = async () => Number(/step (\d+) of/.exec(await page.locator('.where').innerText())![1]);
    const at = await step();
    await page.getByRole('button', { name: 'Next →' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(step).toBe(at + 1);
    await page.locator('#screen-title').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(step).toBe(at + 2);
    await nav(page, 'Branches');
    await page.getByRole('button', { name: 'Compare #1 with #0' }).click();
    await page.getByRole('heading', { name: 'What differs' }).waitFor();
    await expect(page.locator('.compare table.heatmap').count()).resolves.toBe(2);
    await expect(page.locator('.compare td.differs').count()).resolves.toBeGreaterThan(0);
    await shot(page, '04-branches-compare');

    // An assumption: the slider re-simulates at once; live odds come from the Monte Carlo run.
    await nav(page, 'Assumptions');
    const slider = page.locator('.sliders input[type="range"]').first();
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    // A change that flips a decision already taken asks first: keep it as a new branch.
    await page.locator('.sliders .changed, [role="alertdialog"]').first().waitFor();
    if (await page.getByRole('alertdialog').count()) {
      await shot(page, '05-assumptions-flip');
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Keep it as a new branch');
      expect(serious(await axeOn(page)), 'the flip question').toEqual([]);
      await page.getByRole('button', { name: 'Keep it as a new branch' }).click();
    }
    await page.locator('.sliders .changed').first().waitFor();
    await expect(page.locator('p.warn').first().innerText()).resolves.toMatch(/Odds moved|Odds ahead|No odds moved/);
    // A teacher's inject at its own date: in the list as inserted, and (after the question, if it flips anything) in the run.
    await page.getByRole('button', { name: /^Insert it on its date/ }).first().click();
    if (await page.getByRole('alertdialog').count()) await page.getByRole('button', { name: 'Keep it as a new branch' }).click();
    await page.locator('.inject-list li.on').first().waitFor();
    await page.waitForSelector('body[data-busy="0"]');
    await page.getByText(/runs, the engine drawing every decision/).waitFor();
    await shot(page, '05-assumptions');

    await nav(page, 'Predictions');
    await expect(page.locator('table.predictions tbody tr').count()).resolves.toBeGreaterThan(0);
    await shot(page, '06-predictions');

    // Share: the link, then the identical state in a fresh browser context.
    await nav(page, 'Share & files');
    await page.getByRole('button', { name: 'Make the share link' }).click();
    link = await page.getByLabel('Share link').inputValue();
    expect(link.startsWith(`${server.url}#`)).toBe(true);
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);
    await shot(page, '07-share');
    const before = await stateOf(page);

    const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const other = await open(fresh, link);
    await other.page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor();
    expect(await stateOf(other.page)).toEqual(before);
    expect(other.problems).toEqual([]);
    await fresh.close();

    // The files: a session file the CLI reads, a run file `geosim replay` replays, the run summary.
    const dir = mkdtempSync(join(tmpdir(), 'web-walk-'));
    const saved: Record<string, string> = {};
    await nav(page, 'Share & files');
    for (const name of ['Download session file', 'Download run file', 'Download run summary (JSON)']) {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      const path = join(dir, dl.suggestedFilename());
      await dl.saveAs(path);
      saved[name] = path;
    }
    expect(JSON.parse(readFileSync(saved['Download session file']!, 'utf8')).format).toBe('geosim-session/1');
    expect(JSON.parse(readFileSync(saved['Download run summary (JSON)']!, 'utf8')).format).toBe('geosim-run-result/1');
    ensureBuilt();
    const replay = geosim(['replay', saved['Download run file']!]);
    expect(replay.code, replay.stderr).toBe(0);
    // The session file opened in a fresh page: the same state again.
    const third = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const reopened = await open(third, server.url);
    await reopened.page.getByLabel('Open a session or run file').setInputFiles(saved['Download session file']!);
    await reopened.page.locator('#screen-title', { hasText: 'Timeline' }).waitFor();
    expect(await stateOf(reopened.page)).toEqual(before);
    expect(reopened.problems).toEqual([]);
    await third.close();

    // The debrief, printed: only the report is on paper.
    await nav(page, 'Debrief');
    await page.locator('.debrief h2').first().waitFor();
    await shot(page, '08-debrief');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header.top').isVisible()).resolves.toBe(false);
    await expect(page.locator('.debrief').isVisible()).resolves.toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    if (SHOTS) writeFileSync(join(SHOTS, '09-debrief.pdf'), pdf);
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('refuses a tampered link, saying so', async () => {
    link ||= await someLink(browser, server.url);
    const at = link.indexOf('#') + 20;
    const tampered = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
    const ctx = await browser.newContext();
    const { page } = await open(ctx, tampered);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toContain('This link cannot be opened');
    await expect(page.getByRole('navigation', { name: 'Screens' }).count()).resolves.toBe(0);
    await ctx.close();
  });

  it("shows the validator's message for a bad scenario, picked or dropped", async () => {
    ensureBuilt();
    const good = readFileSync(join(root, 'scenarios', 'pyongyang-2024.yaml'), 'utf8');
    const bad = good.replace(/^bands:/m, 'bandz:');
    const file = join(tmpdir(), `web-walk-${process.pid}-broken.yaml`);
    writeFileSync(file, bad);
    const cli = geosim(['validate', file]);
    expect(cli.code).toBe(2);
    // The CLI names the file by its path; the page by its name.
    const expected = cli.stderr.trim().replace(/^geosim: /, '').replaceAll(file, 'broken.yaml');
    const ctx = await browser.newContext();
    const { page, problems } = await open(ctx, server.url);
    await page.getByLabel(/Your own scenario/).setInputFiles({ name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) });
    await page.getByRole('alert').waitFor();
    expect((await page.getByRole('alert').innerText()).replace(/^Not opened\.\s*/, '').trim()).toBe(expected);
    // Dropped on the page: the same message.
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]');
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'broken.yaml', { type: 'text/yaml' }));
      document.querySelector('.drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, bad);
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').innerText()).resolves.toContain(expected);
    // And a good file dropped opens.
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'mine.yaml', { type: 'text/yaml' }));
      document.querySelector('.drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, good);
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it("lists every posture chart of each actor (named charts included) and a recurring prediction's counts", async () => {
    const yaml = readFileSync(join(root, 'docs', 'examples', 'alignment.yaml'), 'utf8');
    const ctx = await browser.newContext();
    const { page, problems } = await open(ctx, server.url);
    await page.getByLabel(/Your own scenario/).setInputFiles({ name: 'alignment.yaml', mimeType: 'text/yaml', buffer: Buffer.from(yaml) });
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await nav(page, 'Relations');
    const postures = page.getByRole('list', { name: 'Postures' }).getByRole('listitem');
    await expect(postures.allInnerTexts()).resolves.toEqual(['RUS —', 'PRK hedging · military: at home', 'CHN —', 'KOR public: calm', 'USA —', 'JPN —']);
    // The same view model as the terminal: a step that moves one chart marks that actor.
    for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Next →' }).click();
    await expect(postures.nth(1).innerText()).resolves.toBe('PRK allied · military: deployed (changed)');
    // A recurring prediction (recurs:) shows its count per period in the branch, as `geosim run` prints it.
    await nav(page, 'Predictions');
    const branch = page.locator('table.predictions tbody td:nth-child(2)');
    await expect(branch.allInnerTexts()).resolves.toEqual(['✗ does not hold (per year: 1, 0; needs 1)', '✗ does not hold (per year: 1; needs 2)', '✓ holds']);
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('has no serious or critical axe violation and no sideways overflow on any main screen, at 1280×720 and 360×740', async () => {
    const report: string[] = [];
    link ||= await someLink(browser, server.url);
    for (const viewport of [{ width: 1280, height: 720 }, { width: 360, height: 740 }]) {
      const ctx = await browser.newContext({ viewport });
      const { page, problems } = await open(ctx, link);
      for (const screen of SCREENS) {
        await nav(page, screen);
        await page.locator('#screen-title').waitFor();
        if (screen === 'Relations') await page.getByRole('button', { name: /^KOR regards RUS: / }).click();
        if (screen === 'Assumptions') await page.waitForSelector('body[data-busy="0"]');
        const found = await axeOn(page);
        report.push(`${viewport.width} ${screen}: ${found.length} violations (${serious(found).length} serious/critical)${found.length ? ` ${found.map((v) => `${v.id}:${v.impact}`).join(', ')}` : ''}`);
        expect(serious(found), `${screen} at ${viewport.width}px`).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${screen} at ${viewport.width}px overflows by ${overflow}px`).toBeLessThanOrEqual(0);
        if (viewport.width === 360) await shot(page, `phone-${screen.replace(/\W+/g, '-').toLowerCase()}`);
      }
      expect(problems).toEqual([]);
      await ctx.close();
    }
    if (SHOTS) writeFileSync(join(SHOTS, 'axe.txt'), `${report.join('\n')}\n`);
  });
});
