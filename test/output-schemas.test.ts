/**
 * Every JSON output carries its format key and matches its published JSON Schema (docs/schemas/, checked with
 * ajv, a real draft-07 validator); the CSV and JSON Lines series have the columns docs/data.md lists (and the
 * pandas example relies on); GraphML is well formed enough for the readers it names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, geosim, root } from './cli-helpers.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const schema = (name: string) => JSON.parse(readFileSync(join(root, 'docs', 'schemas', `${name}.schema.json`), 'utf8')) as { $id: string };
const compiled = (name: string) => {
  const sc = schema(name);
  return ajv.getSchema(sc.$id) ?? ajv.compile(sc);
};

function valid(name: string, doc: unknown): void {
  const check = compiled(name);
  const ok = check(doc);
  expect(ok ? [] : check.errors).toEqual([]);
}

function out(args: string[]): string {
  const r = geosim(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

beforeAll(() => ensureBuilt());

describe('JSON outputs', () => {
  it.each([
    ['run-result', ['run', 'pyongyang-2024', '--seed', '7', '--json'], 'geosim-run-result/1'],
    ['run-result', ['run', 'kursk-2024', '--format', 'json'], 'geosim-run-result/1'],
    ['mc-result', ['mc', 'pyongyang-2024', '--runs', '200', '--json'], 'geosim-mc-result/2'],
    ['explain', ['explain', 'pyongyang-2024', '--pair', 'KOR:RUS', '--json'], 'geosim-explain/1'],
    ['explain-indicator', ['explain', 'docs/examples/alignment.yaml', '--indicator', 'troops_in_russia', '--choose', 'reinforcements=reinforce', '--json'], 'geosim-explain-indicator/1'],
    ['scenario-list', ['list', '--json'], 'geosim-scenario-list/1'],
    ['validate-report', ['validate', 'pyongyang-2024', 'kursk-2024', '--json'], 'geosim-validate-report/1'],
    ['sweep-result', ['sweep', 'pyongyang-2024', '--target', 'seoul_response.arm_ukraine', '--runs', '20', '--steps', '2', '--trajectories', '1', '--json'], 'geosim-sweep-result/1'],
  ])('%s: %s', (name, args, format) => {
    const doc = JSON.parse(out(args)) as { format: string };
    expect(doc.format).toBe(format);
    expect(Object.keys(doc)[0]).toBe('format');
    valid(name, doc);
  });

  it('a schema refuses what it should (so the checks above can fail)', () => {
    const doc = JSON.parse(out(['run', 'pyongyang-2024', '--json'])) as Record<string, unknown>;
    const check = compiled('run-result');
    expect(check({ ...doc, format: 'geosim-run-result/2' })).toBe(false);
    const { final: _gone, ...rest } = doc;
    expect(check(rest)).toBe(false);
  });
});

describe('the time series', () => {
  const COLUMNS = ['date', 'step', 'event', 'series', 'from', 'to', 'value', 'state'];

  it('CSV: the documented columns, every relation at every step, and the last step equals the JSON result', () => {
    const csv = out(['run', 'pyongyang-2024', '--seed', '7', '--format', 'csv']).trimEnd().split('\n');
    expect(csv[0]!.split(',')).toEqual(COLUMNS);
    const rows = csv.slice(1).map((l) => l.split(','));
    const final = (JSON.parse(out(['run', 'pyongyang-2024', '--seed', '7', '--json'])) as { final: { date: string; relations: Record<string, Record<string, number>>; tension: number } }).final;
    const lastStep = Math.max(...rows.map((r) => Number(r[1])));
    const last = rows.filter((r) => Number(r[1]) === lastStep);
    const rel = last.filter((r) => r[3] === 'relation');
    expect(rel).toHaveLength(30);
    for (const r of rel) expect(Number(r[6])).toBe(final.relations[r[4]!]![r[5]!]);
    expect(Number(last.find((r) => r[3] === 'tension')![6])).toBe(final.tension);
    expect(last[0]![0]).toBe(final.date);
    // The pandas example: RUS→KOR rows exist at every step.
    const steps = new Set(rows.map((r) => r[1]));
    expect(rows.filter((r) => r[3] === 'relation' && r[4] === 'RUS' && r[5] === 'KOR')).toHaveLength(steps.size);
  });

  it('JSON Lines: one valid record per CSV row', () => {
    const lines = out(['run', 'kursk-2024', '--format', 'jsonl']).trimEnd().split('\n');
    const csvRows = out(['run', 'kursk-2024', '--format', 'csv']).trimEnd().split('\n').length - 1;
    expect(lines).toHaveLength(csvRows);
    const check = compiled('series-row');
    for (const l of lines.slice(0, 200)) expect(check(JSON.parse(l))).toBe(true);
  });
});

describe('explain and sweep as CSV', () => {
  it('explain: the documented columns, one row per term of the JSON report', () => {
    const rows = out(['explain', 'pyongyang-2024', '--pair', 'KOR:RUS', '--format', 'csv']).trimEnd().split('\n');
    expect(rows[0]).toBe('date,from,to,kind,label,event,option,reaction,now,start,since,fade_per_year,sources');
    const json = JSON.parse(out(['explain', 'pyongyang-2024', '--pair', 'KOR:RUS', '--json'])) as { terms: { now: number }[] };
    expect(rows).toHaveLength(json.terms.length + 1);
  });

  it('sweep: one row per assumption value', () => {
    const args = ['sweep', 'pyongyang-2024', '--target', 'seoul_response.arm_ukraine', '--runs', '20', '--steps', '2', '--trajectories', '0'];
    const rows = out([...args, '--format', 'csv']).trimEnd().split('\n');
    expect(rows[0]).toBe('target,assumption,value,p,odds,base');
    const json = JSON.parse(out([...args, '--json'])) as { oat: { values: number[] }[] };
    expect(rows).toHaveLength(1 + json.oat.reduce((n, l) => n + l.values.length, 0));
  });
});

describe('network', () => {
  it('GraphML: six nodes, one weighted signed edge per ordered pair and date', () => {
    const xml = out(['network', 'pyongyang-2024', '--at', '2024-06-01', '--at', '2025-06-01']);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<graphml /);
    expect(xml.match(/<node /g)).toHaveLength(6);
    expect(xml.match(/<edge /g)).toHaveLength(60);
    expect(xml.match(/<data key="date">2025-06-01<\/data>/g)).toHaveLength(30);
    expect(xml.trimEnd().endsWith('</graphml>')).toBe(true);
  });

  it('the CSV edge list at the end equals the run result', () => {
    const rows = out(['network', 'pyongyang-2024', '--seed', '3', '--format', 'csv']).trimEnd().split('\n');
    expect(rows[0]).toBe('date,step,from,to,weight');
    const final = (JSON.parse(out(['run', 'pyongyang-2024', '--seed', '3', '--json'])) as { final: { relations: Record<string, Record<string, number>> } }).final;
    for (const r of rows.slice(1).map((l) => l.split(','))) expect(Number(r[4])).toBe(final.relations[r[2]!]![r[3]!]);
  });
});

describe('--json', () => {
  it('is refused with --format, and where there is no JSON', () => {
    expect(geosim(['run', 'pyongyang-2024', '--json', '--format', 'csv']).stderr).toMatch(/--json and --format both given/);
    const r = geosim(['map', 'pyongyang-2024', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no JSON output/);
  });
});
