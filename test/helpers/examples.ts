/**
 * Every example a user can copy: the `examples` of each command's `--help`, and each command line in a fenced
 * block of docs/*.md and README.md. test/cli-examples.test.ts runs them all against the shipped scenarios.
 *
 * In a fenced block, a line is an example when it starts with `geosim <command>` (optionally after `$ `, and
 * `node dist/geosim.js` or `npx geosim` count as `geosim`). Synopsis lines (with `<placeholders>` or
 * `[optional parts]`) are not examples. A `$ geosim …` line followed by a `geosim: …` line is a transcript of a
 * refusal: it must exit 2 with that message (up to a `…`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandNames, loadCommands } from '../../src/cli/registry.js';

export interface DocExample {
  /** Where it is written: `geosim run --help` or `docs/cli.md:88`. */
  readonly where: string;
  /** The command line, with `geosim` for the CLI and without a trailing comment. */
  readonly command: string;
  /** For a transcript of a refusal: the start of the message it shows. */
  readonly refusal?: string;
}

const NAMES = commandNames;
const CLI = /^(?:\$ )?(?:node dist\/geosim\.js|npx geosim|geosim) /;

function isExample(line: string): boolean {
  const m = CLI.exec(line);
  if (!m) return false;
  const first = line.slice(m[0].length).split(/\s+/)[0] ?? '';
  if (!NAMES.includes(first) && first !== '--help' && first !== '--version') return false;
  return !/<[a-z]|\[| \| --/i.test(line);
}

function normalise(line: string): string {
  return line
    .replace(/^\$ /, '')
    .replace(/(node dist\/geosim\.js|npx geosim)(?= )/g, 'geosim')
    .replace(/\s+#\s.*$/, '')
    .trim();
}

export function markdownExamples(file: string, label: string): DocExample[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: DocExample[] = [];
  let fenced = false;
  lines.forEach((raw, i) => {
    if (raw.startsWith('```')) {
      fenced = !fenced;
      return;
    }
    const line = raw.trim();
    if (!fenced || !isExample(line)) return;
    const next = lines[i + 1]?.trim() ?? '';
    const refusal = line.startsWith('$ ') && next.startsWith('geosim: ') ? next.split('…')[0]!.trimEnd() : undefined;
    out.push({ where: `${label}:${i + 1}`, command: normalise(line), ...(refusal ? { refusal } : {}) });
  });
  return out;
}

export async function helpExamples(): Promise<DocExample[]> {
  return (await loadCommands()).flatMap((c) => c.examples.map((e) => ({ where: `geosim ${c.name} --help`, command: e.command })));
}

/** All examples, each command line once (the first place it is written names it). */
export async function allExamples(root: string): Promise<DocExample[]> {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((f) => markdownExamples(join(root, 'docs', f), `docs/${f}`))
    // The scenario-writing tutorial edits its file between commands: test/teaching-tutorial.test.ts runs it
    // as written, snippets applied, in a directory of its own.
    .filter((e) => !(e.where.startsWith('docs/teaching.md:') && tutorialLines(root).has(Number(e.where.split(':')[1]))));
  const all = [...(await helpExamples()), ...docs, ...markdownExamples(join(root, 'README.md'), 'README.md')];
  const seen = new Set<string>();
  return all.filter((e) => !seen.has(e.command) && seen.add(e.command));
}

/** The line numbers of docs/teaching.md's "Writing a new scenario" section (its tutorial). */
function tutorialLines(root: string): Set<number> {
  const lines = readFileSync(join(root, 'docs', 'teaching.md'), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('## Writing a new scenario'));
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  if (end < 0) end = lines.length;
  return new Set(start < 0 ? [] : Array.from({ length: end - start }, (_, i) => start + i + 1));
}
