/**
 * The table of accepted CAMEO codes and their Goldstein weights in docs/scenario-format.md, generated from
 * src/core/cameo.ts. test/scenario-docs.test.ts checks that the document holds exactly this text;
 * `GEOSIM_WRITE_DOCS=1 npx vitest run test/scenario-docs.test.ts` rewrites it.
 */
import { CAMEO_EVENT, GOLDSTEIN } from '../core/cameo.js';

export const CAMEO_BEGIN = '<!-- cameo:begin (generated from src/core/cameo.ts; test/scenario-docs.test.ts checks it) -->';
export const CAMEO_END = '<!-- cameo:end -->';

const signed = (w: number) => `${w > 0 ? '+' : w < 0 ? '−' : ''}${Math.abs(w).toFixed(1)}`;

export function cameoTableMarkdown(): string {
  const rows = Object.keys(GOLDSTEIN).sort().map((code) => `| \`"${code}"\` | ${CAMEO_EVENT[code] ?? ''} | ${signed(GOLDSTEIN[code] ?? 0)} |`);
  return ['| `cameo:` | event | Goldstein weight |', '|---|---|---:|', ...rows].join('\n');
}

/** `doc` with the text between the markers replaced by the generated table. */
export function withCameoTable(doc: string): string {
  const a = doc.indexOf(CAMEO_BEGIN);
  const b = doc.indexOf(CAMEO_END);
  if (a < 0 || b < a) throw new Error('the CAMEO table markers are missing');
  return `${doc.slice(0, a + CAMEO_BEGIN.length)}\n${cameoTableMarkdown()}\n${doc.slice(b)}`;
}
