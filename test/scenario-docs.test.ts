/** docs/scenario-format.md tells the truth about what lives only in code: the CAMEO table. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GOLDSTEIN } from '../src/core/cameo.js';
import { CAMEO_BEGIN, CAMEO_END, withCameoTable } from '../src/scenario/cameo-table.js';

const DOC = fileURLToPath(new URL('../docs/scenario-format.md', import.meta.url));

describe('docs/scenario-format.md', () => {
  it('holds the CAMEO table of src/core/cameo.ts (GEOSIM_WRITE_DOCS=1 rewrites it)', () => {
    const doc = readFileSync(DOC, 'utf8');
    const want = withCameoTable(doc);
    if (process.env.GEOSIM_WRITE_DOCS === '1' && want !== doc) writeFileSync(DOC, want);
    expect(doc).toBe(want);
  });

  it('lists every accepted code once with its weight, read back from the document', () => {
    const doc = readFileSync(DOC, 'utf8');
    const table = doc.slice(doc.indexOf(CAMEO_BEGIN), doc.indexOf(CAMEO_END));
    const rows = [...table.matchAll(/^\| `"(\d+)"` \| [^|]+ \| ([−+]?\d+\.\d) \|$/gm)].map((m) => [m[1], Number((m[2] ?? '').replace('−', '-'))]);
    expect(Object.fromEntries(rows)).toEqual(GOLDSTEIN);
    expect(rows).toHaveLength(Object.keys(GOLDSTEIN).length);
    expect(table).toContain('| `"057"` | Sign formal agreement | +8.0 |');
  });
});
