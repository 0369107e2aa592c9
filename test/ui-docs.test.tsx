/** docs/user-guide.md's key table is the binding table: regenerate with GEOSIM_WRITE_DOCS=1. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYS_BEGIN, KEYS_END, keyTableMarkdown, withKeyTable } from '../src/ui/key-table.js';
import { BINDINGS } from '../src/ui/keys.js';
import { root } from './helpers/scenarios.js';

const file = join(root, 'docs', 'user-guide.md');

describe('docs/user-guide.md', () => {
  it('holds the key table generated from the bindings', () => {
    const doc = readFileSync(file, 'utf8');
    if (process.env.GEOSIM_WRITE_DOCS === '1') writeFileSync(file, withKeyTable(doc));
    const now = readFileSync(file, 'utf8');
    const inner = now.slice(now.indexOf(KEYS_BEGIN) + KEYS_BEGIN.length, now.indexOf(KEYS_END)).trim();
    expect(inner, 'the key table is stale: run GEOSIM_WRITE_DOCS=1 npx vitest run test/ui-docs.test.tsx').toBe(keyTableMarkdown());
  });

  it('lists every binding with its keys, and walks through every screen', () => {
    const table = keyTableMarkdown();
    for (const b of BINDINGS) expect(table).toContain(b.description);
    expect(table).toContain('| `→` `l` `space` | Step forward one event');
    const doc = readFileSync(file, 'utf8');
    for (const h of ['## The main view', '## Decisions', '## Going back and branching', '## Roles', '## Why', '## Assumptions', '## Predictions', '## Teacher injects', '## Saving, resuming, quitting', '## Keys']) {
      expect(doc).toContain(h);
    }
    expect(doc.match(/```text\n/g)!.length).toBeGreaterThanOrEqual(10);
  });
});
