/**
 * HTML building blocks for the handouts. Every piece of scenario text goes through `escapeHtml`; the page has
 * no script and a Content-Security-Policy that forbids any fetch, so a file opened from a USB stick or an email
 * shows the same thing offline and cannot run or load anything.
 */
import type { SourceRef } from '../core/model.js';
import { HANDOUT_CSS } from './css.js';
import { refText, type CitedSource } from './sources.js';
import { escapeHtml as e, safeUrl } from './text.js';

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function htmlDocument(title: string, body: string, footer: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${e(CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${e(title)}</title>`,
    `<style>${HANDOUT_CSS}</style>`,
    '</head>',
    '<body>',
    body,
    `<footer>${footer}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A table: `head` and `rows` are already-escaped HTML; `num` lists right-aligned numeric columns. */
export interface TableOptions {
  /** Right-aligned numeric columns. */
  readonly num?: ReadonlySet<number>;
  /** Columns that never wrap (dates). */
  readonly date?: ReadonlySet<number>;
  readonly rowClass?: readonly (string | undefined)[];
}

export function table(head: readonly string[], rows: readonly (readonly string[])[], opts: TableOptions = {}): string {
  const cls = (i: number) => (opts.num?.has(i) ? ' class="num"' : opts.date?.has(i) ? ' class="date"' : '');
  const th = head.map((h, i) => `<th scope="col"${cls(i)}>${h}</th>`).join('');
  const body = rows
    .map((r, k) => {
      const rc = opts.rowClass?.[k];
      return `<tr${rc ? ` class="${e(rc)}"` : ''}>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Citations as small text: `¶14, fs_treaty`, each linked to the sources list (`scope` keeps lists apart). */
export function refsHtml(refs: readonly SourceRef[], scope = ''): string {
  if (!refs.length) return '';
  return `<span class="refs">${refs.map((r) => `<a href="#${scope}src-${anchor(refText(r))}">${e(refText(r))}</a>`).join(', ')}</span>`;
}

/** A fragment id for a citation: `para-14` for ¶14 (source ids are snake_case, so they never contain '-'). */
export function anchor(ref: string): string {
  return ref.startsWith('¶') ? `para-${ref.slice(1)}` : ref.replace(/[^A-Za-z0-9_]/g, '_');
}

export function sourcesHtml(sources: readonly CitedSource[], scope = ''): string {
  if (!sources.length) return '<p>None cited.</p>';
  const items = sources.map((s) => {
    const url = safeUrl(s.url);
    const link = url ? ` <a href="${e(url)}">${e(url)}</a>` : s.url ? ` ${e(s.url)}` : '';
    const weak =
      s.reliability === 'W' ? ' <span class="muted">(weak source)</span>' : s.reliability === 'unverified' ? ' <strong>(UNVERIFIED: not confirmed)</strong>' : '';
    return `<li id="${scope}src-${anchor(s.ref)}"><strong>${e(s.ref)}</strong>: ${e(s.title)}${link}${weak}</li>`;
  });
  return `<ul class="sources">\n${items.join('\n')}\n</ul>`;
}
