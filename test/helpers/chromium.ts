/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core (no browser
 * download). Without it a browser test is skipped with a message, except under CI, where it fails: CI installs
 * the browser with .ci/ensure-chromium.
 */
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MISSING = `${CHROMIUM} is missing: run .ci/ensure-chromium (as root) to install Debian's chromium package`;

/** `describe(name, body)` when Chromium is installed; otherwise one skipped test, or a failing one under CI. */
export function describeInChromium(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('needs chromium under CI', () => {
        throw new Error(MISSING);
      });
    });
  } else {
    describe(name, () => {
      it.skip(`skipped: ${MISSING}`, () => {});
    });
  }
}

/** Starts headless Chromium (close it in afterAll). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
