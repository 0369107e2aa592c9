/**
 * docs/teaching.md's "Writing a new scenario" is a tutorial: this runs it as written, in an empty directory.
 * Each ```sh line is run with the built CLI and must succeed; each ```yaml block marked
 * `<!-- tutorial: replace KEY -->` replaces that top-level block of the file being written.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, cleanEnv, ensureBuilt } from './cli-helpers.js';

const DOC = readFileSync(fileURLToPath(new URL('../docs/teaching.md', import.meta.url)), 'utf8');
const section = DOC.slice(DOC.indexOf('## Writing a new scenario'), DOC.indexOf('\n## ', DOC.indexOf('## Writing a new scenario') + 5));

type Step = { kind: 'sh'; line: string } | { kind: 'replace'; key: string; yaml: string };

function steps(): Step[] {
  const out: Step[] = [];
  const re = /(?:<!-- tutorial: replace (\w+) -->\n)?```(sh|yaml)\n([\s\S]*?)```/g;
  for (const m of section.matchAll(re)) {
    const [, key, lang, body = ''] = m;
    if (lang === 'sh') {
      for (const raw of body.split('\n')) {
        const line = raw.replace(/\s+#.*$/, '').trim();
        if (line) out.push({ kind: 'sh', line });
      }
    } else if (key) out.push({ kind: 'replace', key, yaml: body });
  }
  return out;
}

/** `text` with the top-level block `key:` (up to the next top-level key) replaced by `yaml`. */
function replaceBlock(text: string, key: string, yaml: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (start < 0) throw new Error(`no top-level '${key}:' to replace`);
  let end = start + 1;
  while (end < lines.length && !/^[a-z_]+:/.test(lines[end] as string)) end++;
  // Keep the comment lines that introduce the next block.
  while (end > start + 1 && /^#/.test(lines[end - 1] as string)) end--;
  return [...lines.slice(0, start), yaml.trimEnd(), '', ...lines.slice(end)].join('\n');
}

describe('the scenario-writing tutorial in docs/teaching.md', () => {
  const dir = mkdtempSync(join(tmpdir(), 'geosim-tutorial-'));
  beforeAll(() => ensureBuilt());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has commands and snippets', () => {
    const all = steps();
    expect(all.filter((s) => s.kind === 'sh').length).toBeGreaterThanOrEqual(6);
    expect(all.filter((s) => s.kind === 'replace').map((s) => (s as { key: string }).key)).toEqual(['sources', 'actors', 'relations', 'timeline', 'predictions']);
  });

  it('runs as written, and the case it builds behaves as the text says', () => {
    const file = join(dir, 'scenarios', 'camp-david.yaml');
    const outputs: string[] = [];
    for (const step of steps()) {
      if (step.kind === 'replace') {
        writeFileSync(file, replaceBlock(readFileSync(file, 'utf8'), step.key, step.yaml));
        continue;
      }
      const args = step.line.split(/\s+/);
      expect(args[0]).toBe('geosim');
      const r = spawnSync(process.execPath, [bin, ...args.slice(1)], { cwd: dir, env: cleanEnv(), encoding: 'utf8', timeout: 240_000 });
      expect(r.status, `${step.line}\n${r.stderr}`).toBe(0);
      expect(r.stderr, step.line).toBe('');
      outputs.push(r.stdout);
    }
    const text = outputs.join('\n');
    expect(text).toContain('wrote scenarios/camp-david.yaml (4 actors: CHN, USA, JPN, KOR)');
    expect(text).toContain('ok camp-david (camp-david: 2 events, 1 decision)');
    expect(text).toMatch(/framework_in_place +holds/);
    // The trilateral tie is one term of Tokyo's view of Seoul, under its label.
    expect(text.match(/Camp David framework \(partnership\)/g)?.length).toBe(1);
    expect(text).toContain('Beijing reads the summit as containment');
  });
});
