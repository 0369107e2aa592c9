// The HTML report and role sheets in a real browser: Debian's chromium, driven by playwright-core (no browser
// download). They must render without console errors or any network request, show the heatmaps and the chart
// at a sensible size, fit an A4 page when printed, and print to PDF.
//
// Without /usr/bin/chromium the test is skipped with a message, except under CI, where it fails: CI installs the
// browser with .ci/ensure-chromium.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { describeInChromium, launchChromium } from './helpers/chromium.js';
import { classroomFile } from './fixtures/teach/fixture.js';
import { ensureBuilt, geosim } from './cli-helpers.js';

// The few DOM names the page functions use (the project compiles without the DOM library).
interface El {
  readonly scrollWidth: number;
  readonly clientWidth: number;
}
interface Window_ {
  readonly document: { readonly body: El; readonly documentElement: El };
  getComputedStyle(el: El): { readonly fontSize: string; readonly color: string; readonly backgroundColor: string };
}


describeInChromium('HTML in a real browser', () => {
  let browser: Browser;
  let dir: string;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'geosim-browser-'));
    // A scenario whose title tries to run a script and load an image: both must stay text.
    const hostile = join(dir, 'hostile.yaml');
    writeFileSync(
      hostile,
      readFileSync(classroomFile, 'utf8').replace(
        'title: Classroom test scenario',
        `title: ${JSON.stringify('<script>console.error("ran")</script><img src="http://127.0.0.1:9/x.png">')}`,
      ),
    );
    const make = (name: string, args: string[]) => {
      const out = join(dir, name);
      const r = geosim([...args, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      files[name] = out;
    };
    make('report.html', ['report', classroomFile, '--seed', '4', '--inject', 'troops@2024-05-01', '--mc', '300', '--format', 'html']);
    make('hostile.html', ['report', hostile, '--format', 'html']);
    make('roles.html', ['roles', hostile, '--format', 'html']);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a file, recording console messages, page errors, dialogs and every request. */
  async function open(name: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(files[name]!).href, { waitUntil: 'load' });
    return { page, problems, requests };
  }

  it.each(['report.html', 'hostile.html', 'roles.html'])('%s renders with no console error and no request but itself', async (name) => {
    const { page, problems, requests } = await open(name);
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(files[name]!).href]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    await page.close();
  });

  it('shows the heatmaps and the line chart at a sensible size', async () => {
    const { page } = await open('report.html');
    const heatmaps = page.locator('svg.heatmap');
    expect(await heatmaps.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const box = (await heatmaps.nth(i).boundingBox())!;
      expect(box.width).toBeGreaterThan(250);
      expect(box.height).toBeGreaterThan(200);
    }
    // Each heatmap: 4 × 3 scored cells.
    expect(await page.locator('#heatmap-end rect[fill^="#"]').count()).toBe(16);
    const chart = (await page.locator('svg.linechart').boundingBox())!;
    expect(chart.width).toBeGreaterThan(600);
    expect(chart.height).toBeGreaterThan(200);
    expect(await page.locator('svg.linechart polyline').count()).toBe(6);
    const line = (await page.locator('svg.linechart polyline').first().boundingBox())!;
    expect(line.height).toBeGreaterThan(20); // it moves
    await page.close();
  });

  it('reads on a projector: large type, black on white', async () => {
    const { page } = await open('report.html', { width: 1280, height: 720 });
    const style = await page.evaluate(() => {
      const w = (globalThis as unknown as Window_);
      const s = w.getComputedStyle(w.document.body);
      return { size: parseFloat(s.fontSize), color: s.color, bg: w.getComputedStyle(w.document.documentElement).backgroundColor };
    });
    expect(style.size).toBeGreaterThanOrEqual(20);
    expect(style.color).toBe('rgb(0, 0, 0)');
    expect(style.bg).toBe('rgb(255, 255, 255)');
    await page.close();
  });

  it('fits an A4 page when printed and prints to PDF', async () => {
    for (const name of ['report.html', 'roles.html']) {
      const { page, problems } = await open(name, { width: 794, height: 1123 }); // A4 at 96 dpi
      await page.emulateMedia({ media: 'print' });
      const overflow = await page.evaluate(() => {
        const d = (globalThis as unknown as Window_).document.documentElement;
        return d.scrollWidth - d.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      const size = await page.evaluate(() => {
        const w = globalThis as unknown as Window_;
        return parseFloat(w.getComputedStyle(w.document.body).fontSize);
      });
      expect(size).toBeLessThan(16);
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdf.toString('latin1');
      const pages = text.match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(2);
      // A4 is 210 × 297 mm, 595.3 × 841.9 points (chromium rounds to whole CSS pixels).
      const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text)!;
      expect(Math.abs(Number(box[1]) - 595.3)).toBeLessThan(2);
      expect(Math.abs(Number(box[2]) - 841.9)).toBeLessThan(2);
      expect(problems).toEqual([]);
      await page.close();
    }
  });
});
