/** Role sheets as Markdown and as one printable HTML file (one sheet per A4 page run). */
import type { Note, SourceRef } from '../core/model.js';
import type { RoleSheet, RolesDoc } from './roles.js';
import { htmlDocument, refsHtml, sourcesHtml, table } from './html.js';
import { refText } from './sources.js';
import { bandFor, escapeHtml as e, mdTable, mdText, num, safeUrl } from './text.js';

const mdRefs = (r: readonly SourceRef[]) => (r.length ? ` (${r.map(refText).map(mdText).join(', ')})` : '');
const TRACK = { timeline: '', 'follow-up': 'may come up as a follow-up', inject: 'only if the teacher injects it' } as const;

function mdNotes(notes: readonly Note[], none: string): string[] {
  return notes.length ? notes.map((n) => `- ${mdText(n.text)}${mdRefs(n.sources)}`) : [none];
}

function sheetMarkdown(doc: RolesDoc, s: RoleSheet): string[] {
  const band = (v: number) => `${num(v)} ${mdText(bandFor(doc.bands, v).symbol)} ${mdText(bandFor(doc.bands, v).label.toLowerCase())}`;
  const out = [
    `# Role sheet: ${mdText(s.name)} (${s.id})`,
    '',
    `*${mdText(doc.scenario.title)}*. You speak for the government of ${mdText(s.name)} (${mdText(s.capital)}) from ${doc.scenario.start}.`,
    ...(s.posture ? ['', `Your starting posture: **${mdText(s.posture.initial)}**${s.posture.description ? `: ${mdText(s.posture.description)}` : ''}.`] : []),
    '',
    '## Your interests',
    '',
    ...mdNotes(s.interests, 'The scenario states none; work them out from the sources.'),
    '',
    '## Your constraints',
    '',
    ...mdNotes(s.constraints, 'The scenario states none.'),
    '',
    '## Where you stand',
    '',
    'Relations at the start, from −100 to +100.',
    '',
    ...mdTable(
      ['with', 'how you regard them', 'how they regard you', 'why'],
      s.relations.map((r) => [`${mdText(r.otherName)} (${r.other})`, band(r.out), band(r.in), r.why ? `${mdText(r.why)}${mdRefs(r.sources)}` : '']),
    ),
    '',
    '## Your ties',
    '',
    ...(s.ties.length
      ? mdTable(
          ['tie', 'with', 'since', 'worth', 'why'],
          s.ties.map((t) => [`${mdText(t.label)} (${mdText(t.type)})`, t.with, t.since, num(t.value), `${mdText(t.why)}${mdRefs(t.sources)}`]),
        )
      : ['None.']),
    '',
    '## Decisions you own',
    '',
  ];
  if (!s.decisions.length) out.push('None: you answer through talks and statements, not the simulation.', '');
  for (const d of s.decisions) {
    const when = d.date ?? TRACK[d.track];
    out.push(`### ${mdText(d.question)}`, '', `*${mdText(when)}*. ${mdText(d.context)}${mdRefs(d.sources)}`, '');
    for (const o of d.options) out.push(`- **${mdText(o.label)}**: ${mdText(o.explain)}${o.conditional ? ' *(only open under some conditions)*' : ''}`);
    out.push('');
  }
  out.push('## Sources', '', ...s.sources.map((c) => `- **${mdText(c.ref)}**: ${mdText(c.title)}${safeUrl(c.url) ? ` <${safeUrl(c.url)}>` : ''}`));
  return out;
}

export function rolesMarkdown(doc: RolesDoc): string {
  return `${doc.sheets.map((s) => sheetMarkdown(doc, s).join('\n')).join('\n\n---\n\n')}\n`;
}

function htmlNotes(notes: readonly Note[], none: string, scope: string): string {
  return notes.length ? `<ul>${notes.map((n) => `<li>${e(n.text)} ${refsHtml(n.sources, scope)}</li>`).join('')}</ul>` : `<p>${none}</p>`;
}

function sheetHtml(doc: RolesDoc, s: RoleSheet): string {
  // Every sheet lists its own sources; the scope keeps their anchors apart when several share a file.
  const scope = `${s.id}-`;
  const band = (v: number) => {
    const b = bandFor(doc.bands, v);
    return `<strong>${e(num(v))}</strong> ${e(b.symbol)} ${e(b.label.toLowerCase())}`;
  };
  const decisions = s.decisions.length
    ? s.decisions
        .map((d) => {
          const opts = d.options.map((o) => `<li><strong>${e(o.label)}</strong>: ${e(o.explain)}${o.conditional ? ' <em>(only open under some conditions)</em>' : ''}</li>`);
          return `<h3>${e(d.question)}</h3>\n<p><em>${e(d.date ?? TRACK[d.track])}</em>. ${e(d.context)} ${refsHtml(d.sources, scope)}</p>\n<ul>${opts.join('')}</ul>`;
        })
        .join('\n')
    : '<p>None: you answer through talks and statements, not the simulation.</p>';
  const ties = s.ties.length
    ? table(
        ['tie', 'with', 'since', 'worth', 'why'],
        s.ties.map((t) => [`${e(t.label)} (${e(t.type)})`, e(t.with), e(t.since), e(num(t.value)), `${e(t.why)} ${refsHtml(t.sources, scope)}`]),
        { num: new Set([3]), date: new Set([2]) },
      )
    : '<p>None.</p>';
  return [
    `<article class="sheet" id="role-${e(s.id)}">`,
    `<h1>Role sheet: ${e(s.name)} (${e(s.id)})</h1>`,
    `<p class="lead"><em>${e(doc.scenario.title)}</em>. You speak for the government of ${e(s.name)} (${e(s.capital)}) from ${e(doc.scenario.start)}.</p>`,
    s.posture ? `<p>Your starting posture: <strong>${e(s.posture.initial)}</strong>${s.posture.description ? `: ${e(s.posture.description)}` : ''}.</p>` : '',
    '<h2>Your interests</h2>',
    htmlNotes(s.interests, 'The scenario states none; work them out from the sources.', scope),
    '<h2>Your constraints</h2>',
    htmlNotes(s.constraints, 'The scenario states none.', scope),
    '<h2>Where you stand</h2>',
    '<p>Relations at the start, from −100 to +100.</p>',
    table(
      ['with', 'how you regard them', 'how they regard you', 'why'],
      s.relations.map((r) => [`${e(r.otherName)} (${e(r.other)})`, band(r.out), band(r.in), r.why ? `${e(r.why)} ${refsHtml(r.sources, scope)}` : '']),
    ),
    '<h2>Your ties</h2>',
    ties,
    '<h2>Decisions you own</h2>',
    decisions,
    '<h2>Sources</h2>',
    sourcesHtml(s.sources, scope),
    '</article>',
  ]
    .filter(Boolean)
    .join('\n');
}

export function rolesHtml(doc: RolesDoc, version: string): string {
  const title = doc.sheets.length === 1 ? `Role sheet: ${doc.sheets[0]!.name}` : `Role sheets: ${doc.scenario.title}`;
  const footer = `Made with geosim ${e(version)} from scenario <code>${e(doc.scenario.id)}</code> (hash ${e(doc.scenario.hash.slice(0, 12))}).`;
  return htmlDocument(title, `<main>\n${doc.sheets.map((s) => sheetHtml(doc, s)).join('\n')}\n</main>`, footer);
}
