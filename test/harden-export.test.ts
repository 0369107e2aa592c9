// `run --format csv|jsonl` and `network --steps` (issue #15, after #10's first pass) build one row per number
// per step in memory: a scenario that validates, with 97 actors and 300 events, made 2.8 million relation rows,
// and at the loader's limits (100 actors, 20,000 events) 198 million: the process grew past 2.3 GB in ten minutes.
// An export now holds at most MAX_EXPORT_ROWS rows and is refused in one line, before it is built, past that.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ensureBuilt, geosim, root } from './cli-helpers.js';
import { checkExportRows, MAX_EXPORT_ROWS } from '../src/export/series.js';
import { SimError } from '../src/core/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'geosim-harden-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => ensureBuilt(), 300_000);

/** The template with `actors` more actors and `events` more events on its last date. */
function grown(actors: number, events: number): string {
  const d = parse(readFileSync(join(root, 'scenarios', 'template.yaml'), 'utf8')) as {
    actors: Record<string, unknown>;
    relations: { source: unknown }[];
    timeline: Record<string, unknown>[];
  };
  const first = Object.keys(d.actors)[0]!;
  for (let i = 0; i < actors; i++) {
    const id = `Q${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;
    d.actors[id] = { name: `Actor ${id}`, capital: 'C' };
    d.relations.push({ from: id, to: first, value: 1, why: 'grown', source: d.relations[0]!.source } as never);
  }
  const last = d.timeline[d.timeline.length - 1]!;
  for (let i = 0; i < events; i++) {
    const ev = structuredClone(last);
    ev.id = `grown_${i}`;
    delete ev.decision;
    d.timeline.push(ev);
  }
  return stringify(d, { aliasDuplicateObjects: false, lineWidth: 0 });
}

describe('exports past their row limit', () => {
  it('checkExportRows counts steps × numbers and names the way out', () => {
    expect(() => checkExportRows('x', 1000, MAX_EXPORT_ROWS / 1000, 'y')).not.toThrow();
    expect(() => checkExportRows('x', 1001, MAX_EXPORT_ROWS / 1000, 'use --at')).toThrow(SimError);
    expect(() => checkExportRows('x', 1001, MAX_EXPORT_ROWS / 1000, 'use --at')).toThrow(/x would hold 2,002,000 rows \(1,001 steps × 2,000\), more than the 2,000,000 an export may hold; use --at/);
  });

  it('a scenario that validates, too big to export at every step: one line, exit 2, for run and network', { timeout: 300_000 }, () => {
    const file = join(dir, 'many.yaml');
    writeFileSync(file, grown(91, 300));
    expect(geosim(['validate', file]).code).toBe(0);
    for (const args of [
      ['run', file, '--format', 'csv'],
      ['run', file, '--format', 'jsonl'],
      ['network', file, '--steps'],
    ]) {
      const r = geosim(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^geosim: (run --format (csv|jsonl)|network) would hold [\d,]+ rows \([\d,]+ steps × [\d,]+\), more than the 2,000,000 an export may hold; .+\n$/);
      expect(r.stdout).toBe('');
    }
    // The same scenario's network at its end is small, and still exported.
    expect(geosim(['network', file, '--format', 'csv']).code).toBe(0);
  });
});
