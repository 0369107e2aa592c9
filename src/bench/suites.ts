/**
 * The benchmark suites `npm run bench` runs, in order: the engine, the UI (first frame, keypress latency),
 * `npm start` on a built checkout (start.ts), commands from the shell (shell.ts), the web page in headless
 * Chromium (web.ts), and the checks that were once timing assertions in tests (checks.ts).
 */
import { engineSuite } from './engine.js';
import { startSuite } from './start.js';
import { uiSuite } from './ui.js';
import { checksSuite } from './checks.js';
import { shellSuite } from './shell.js';
import { webSuite } from './web.js';
import type { BenchSuite } from './types.js';

export const suites: BenchSuite[] = [engineSuite, uiSuite, startSuite, shellSuite, webSuite, checksSuite];
