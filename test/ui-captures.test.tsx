/**
 * docs/user-guide.md's screen captures are renders of the UI (issue 13: the captures showed an old header).
 * Each `<!-- capture: NAME … -->` block is the frame the keys below draw at 100×30; the test renders it again
 * and fails when the guide no longer shows what the UI draws. `GEOSIM_WRITE_DOCS=1 npx vitest run
 * test/ui-captures.test.tsx` rewrites the blocks from the renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../src/scenario/load.js';
import { flagship, root } from './helpers/scenarios.js';
import { KEY, mount, tick, type Harness } from './helpers/ui.js';

const file = join(root, 'docs', 'user-guide.md');
const kursk = () => loadScenarioFile(join(root, 'scenarios', 'kursk-2024.yaml'));

/** Seoul held back, then went back and armed Ukraine instead: branch #1. */
const BRANCHED = ['G', '4', KEY.left, '1'];

const CAPTURES: Record<string, { scenario: 'flagship' | 'kursk'; roles: string[]; keys: string[] }> = {
  main: { scenario: 'flagship', roles: ['KOR', 'JPN'], keys: Array<string>(8).fill('l') },
  decision: { scenario: 'flagship', roles: ['KOR', 'JPN'], keys: ['G'] },
  branch: { scenario: 'flagship', roles: ['KOR', 'JPN'], keys: BRANCHED },
  branches: { scenario: 'flagship', roles: ['KOR', 'JPN'], keys: [...BRANCHED, 'b'] },
  compare: { scenario: 'flagship', roles: ['KOR', 'JPN'], keys: [...BRANCHED, 'b', 'c'] },
  roles: { scenario: 'flagship', roles: ['KOR', 'JPN'], keys: [...BRANCHED, 'R'] },
  why: { scenario: 'flagship', roles: ['KOR', 'JPN'], keys: [...BRANCHED, 'w', 'l'] },
  assumptions: { scenario: 'flagship', roles: ['KOR', 'JPN'], keys: [...BRANCHED, 'a'] },
  predictions: { scenario: 'flagship', roles: ['KOR', 'JPN'], keys: [...BRANCHED, 'p'] },
  injects: { scenario: 'kursk', roles: [], keys: [...Array<string>(6).fill('l'), 'i', ' '] },
};

const MARK = /<!-- capture: ([a-z]+) [^>]*-->\n```text\n([\s\S]*?)\n```/g;

let h: Harness | undefined;
afterEach(() => {
  h?.unmount();
  h = undefined;
});

async function render(name: string): Promise<string> {
  const c = CAPTURES[name]!;
  h = mount(c.scenario === 'flagship' ? flagship() : kursk(), { columns: 100, rows: 30, roles: c.roles });
  await tick();
  for (const k of c.keys) await h.press(k);
  // The frame once it stops changing: on a loaded machine a render may land a tick or two later.
  let frame = h.frame();
  for (let i = 0; i < 50; i++) {
    await tick();
    const again = h.frame();
    if (again === frame) break;
    frame = again;
  }
  h.unmount();
  h = undefined;
  return frame
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

describe('docs/user-guide.md captures', () => {
  it('every capture is the frame the UI draws for its keys', async () => {
    let doc = readFileSync(file, 'utf8');
    const found = [...doc.matchAll(MARK)].map((m) => m[1]!);
    expect(found.sort()).toEqual(Object.keys(CAPTURES).sort());
    const rendered: Record<string, string> = {};
    for (const name of found) rendered[name] = await render(name);
    if (process.env.GEOSIM_WRITE_DOCS === '1') {
      doc = doc.replace(MARK, (all, name: string) => all.replace(/```text\n[\s\S]*?\n```/, () => `\`\`\`text\n${rendered[name]}\n\`\`\``));
      writeFileSync(file, doc);
    }
    const now = readFileSync(file, 'utf8');
    for (const m of now.matchAll(MARK)) {
      expect(m[2], `capture ${m[1]} is stale: GEOSIM_WRITE_DOCS=1 npx vitest run test/ui-captures.test.tsx`).toBe(rendered[m[1]!]);
    }
  });
});
