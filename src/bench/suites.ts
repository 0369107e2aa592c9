/**
 * The benchmark suites `npm run bench` runs, in order. The UI suite (first frame, keypress latency) plugs in
 * here: add `import { uiSuite } from './ui.js';
import { checksSuite } from './checks.js';` and append `uiSuite` to the list.
 */
import { engineSuite } from './engine.js';
import { uiSuite } from './ui.js';
import { checksSuite } from './checks.js';
import type { BenchSuite } from './types.js';

export const suites: BenchSuite[] = [engineSuite, uiSuite, checksSuite];
