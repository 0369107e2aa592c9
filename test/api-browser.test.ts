/**
 * The library in a real browser: dist/api.js (built for the browser platform) is loaded into headless
 * Chromium from a page with no network, given the flagship's YAML text, and must give the numbers the CLI
 * prints for the same seeds and choices, byte for byte, and the same scenario hash.
 *
 * Without /usr/bin/chromium the test is skipped with a message, except under CI, where it fails.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { describeInChromium, launchChromium } from './helpers/chromium.js';
import { ensureBuilt, geosim, root } from './cli-helpers.js';


/** A run of the CLI: seed and choices. */
const CASES: { seed: number; choose: Record<string, string> }[] = [
  { seed: 1, choose: {} },
  { seed: 7, choose: { seoul_response: 'arm_ukraine' } },
  { seed: 42, choose: {} },
  { seed: 3, choose: { seoul_response: 'defensive_only' } },
];

describeInChromium('the API in a browser', () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (r) => {
      // The page's own blob: module (made in the page) is not a request to anywhere.
      if (!/^(data|about|blob):/.test(r.url())) requests.push(r.url());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setContent('<!doctype html><title>geosim api</title>');
    // The bundle imported as a module from a blob: URL made in the page: nothing is fetched from anywhere.
    const api = readFileSync(join(root, 'dist', 'api.js'), 'utf8');
    // (A string, not a function: the test runner would rewrite a dynamic import() written in this file.)
    await page.evaluate(
      `(async () => { const url = URL.createObjectURL(new Blob([${JSON.stringify(api).replace(/<\/script/g, '<\\/script')}], { type: 'text/javascript' })); window.geosim = await import(url); })()`,
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('gives the CLI run --format json byte for byte, and the same hash', async () => {
    const text = readFileSync(join(root, 'scenarios', 'pyongyang-2024.yaml'), 'utf8');
    for (const c of CASES) {
      const inPage = await page.evaluate(
        ([yaml, seed, choose]) => {
          const g = (globalThis as unknown as { geosim: { loadScenario(t: string, o: object): unknown; run(s: unknown, o: object): unknown } }).geosim;
          const s = g.loadScenario(yaml as string, { file: 'pyongyang-2024.yaml' });
          return `${JSON.stringify(g.run(s, { seed, choose }), null, 2)}\n`;
        },
        [text, c.seed, c.choose] as const,
      );
      const args = ['run', 'pyongyang-2024', '--seed', String(c.seed), '--json', ...Object.entries(c.choose).flatMap(([d, o]) => ['--choose', `${d}=${o}`])];
      const cli = geosim(args);
      expect(cli.code, cli.stderr).toBe(0);
      expect(inPage).toBe(cli.stdout);
    }
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 120_000);

  it('refuses a broken scenario with the CLI validator message', async () => {
    const message = await page.evaluate(() => {
      const g = (globalThis as unknown as { geosim: { loadScenario(t: string, o: object): unknown } }).geosim;
      try {
        g.loadScenario('id: x\ntitle: [unclosed\n', { file: 'broken.yaml' });
        return 'accepted';
      } catch (e) {
        return (e as { format(): string }).format();
      }
    });
    expect(message).toMatch(/^broken\.yaml:\d+:\d+/);
  }, 300_000);
});
