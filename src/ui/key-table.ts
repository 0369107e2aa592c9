/**
 * The key table of docs/user-guide.md, generated from the binding table (keys.ts) through the same sections as
 * the help screen. test/ui-docs.test.tsx checks that the guide holds exactly this text;
 * `GEOSIM_WRITE_DOCS=1 npx vitest run test/ui-docs.test.tsx` rewrites it.
 */
import { helpRows } from './components/HelpScreen.js';

export const KEYS_BEGIN = '<!-- keys:begin (generated from src/ui/keys.ts; test/ui-docs.test.tsx checks it) -->';
export const KEYS_END = '<!-- keys:end -->';

function cell(keys: string): string {
  return keys
    .split(' ')
    .map((k) => `\`${k}\``)
    .join(' ');
}

export function keyTableMarkdown(): string {
  const out: string[] = [];
  for (const s of helpRows()) {
    out.push(`**${s.title}**`, '', '| Keys | What they do |', '|---|---|');
    for (const r of s.rows) out.push(`| ${cell(r.keys)} | ${r.description.replace(/\|/g, '\\|')} |`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** `doc` with the text between the markers replaced by the generated table. */
export function withKeyTable(doc: string): string {
  const a = doc.indexOf(KEYS_BEGIN);
  const b = doc.indexOf(KEYS_END);
  if (a < 0 || b < a) throw new Error('the key table markers are missing');
  return `${doc.slice(0, a + KEYS_BEGIN.length)}\n${keyTableMarkdown()}\n${doc.slice(b)}`;
}
