/**
 * The debrief: the HTML report `geosim report` writes for the current branch's run file (teach/session-debrief.ts),
 * shown in the page and printable (print CSS leaves only it). The report is geosim's own markup, with every
 * scenario text escaped by the report's builder; it is parsed inert (DOMParser runs nothing), and anything
 * active is dropped anyway before it is shown. Its stylesheet is the handout's, scoped to the debrief.
 */
import pkg from '../../../package.json' with { type: 'json' };
import { HANDOUT_CSS } from '../../teach/css.js';
import { branchDebriefHtml } from '../../teach/session-debrief.js';
import type { SessionData } from '../../machines/session-logic.js';
import { button, download, h, safeUrl, type Child } from './dom.js';
import { title } from './shell.js';
import type { Store } from './store.js';

const cache = new WeakMap<SessionData, string>();

function reportOf(d: SessionData): string {
  let html = cache.get(d);
  if (html === undefined) cache.set(d, (html = branchDebriefHtml(d, pkg.version)));
  return html;
}

let sheet: CSSStyleSheet | undefined;
/** The handout's CSS under `.debrief` (page rules and document-level selectors mapped onto the container). */
function adoptSheet(): void {
  if (sheet) return;
  sheet = new CSSStyleSheet();
  const css = HANDOUT_CSS.replace(/@page\s*\{[^}]*\}/g, '').replace(/(^|[\s,}])(html|body|:root)(?=[\s,{])/g, '$1:scope');
  sheet.replaceSync(`@scope (.debrief) { ${css} }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

const ACTIVE = 'script, iframe, object, embed, form, style, link, meta, base';

/** The report's body as inert nodes of this page: nothing that runs, links only http(s) in a new tab. */
function reportNodes(html: string): Node[] {
  // Its inline stylesheet is left out before parsing (the page's policy refuses inline styles; the sheet is adopted).
  const doc = new DOMParser().parseFromString(html.replace(/<style>[\s\S]*?<\/style>/g, ''), 'text/html');
  doc.querySelectorAll(ACTIVE).forEach((n) => n.remove());
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name) || a.name === 'style') el.removeAttribute(a.name);
    if (el.tagName === 'A') {
      const href = safeUrl(el.getAttribute('href'));
      if (href) {
        el.setAttribute('href', href);
        el.setAttribute('target', '_blank');
        el.setAttribute('rel', 'noopener noreferrer');
      } else if (!/^#[\w-]+$/.test(el.getAttribute('href') ?? '')) el.removeAttribute('href');
    }
  }
  // Each table scrolls in its own focusable box on a narrow screen.
  Array.from(doc.body.querySelectorAll('table')).forEach((t, i) => {
    const box = doc.createElement('div');
    box.className = 'table-wrap';
    box.setAttribute('role', 'region');
    // A region's name must be unique: the table's caption or its section's heading, and its number.
    const name = t.querySelector('caption')?.textContent ?? t.closest('section')?.querySelector('h2')?.textContent ?? 'Table';
    box.setAttribute('aria-label', `${name} (table ${i + 1})`);
    box.tabIndex = 0;
    t.replaceWith(box);
    box.append(t);
  });
  // Its landmarks would nest in the page's <main>: plain blocks here.
  for (const el of Array.from(doc.body.querySelectorAll('main, header, footer'))) {
    const div = doc.createElement('div');
    div.className = el.tagName.toLowerCase();
    div.append(...Array.from(el.childNodes));
    el.replaceWith(div);
  }
  return Array.from(doc.body.childNodes).map((n) => document.importNode(n, true));
}

export function debriefScreen(store: Store): Child[] {
  const d = store.data();
  const html = reportOf(d);
  adoptSheet();
  return [
    title('Debrief'),
    h('p', { class: 'no-print' }, `The debrief of branch #${d.current}, played to its end: what \`geosim report\` writes for this branch’s run file.`),
    h(
      'div',
      { class: 'row no-print' },
      button('Print the debrief', () => window.print(), { key: 'print', class: 'primary' }),
      button('Download the debrief (HTML)', () => download(`${d.scenario.id}-branch${d.current}-debrief.html`, html, 'text/html'), { key: 'download-debrief' }),
    ),
    h('div', { class: 'debrief' }, reportNodes(html)),
  ];
}
