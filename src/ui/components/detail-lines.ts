/** The lower panel of the main view: the step at the cursor, or the decision waiting there. */
import type { SessionData } from '../../machines/session-logic.js';
import { branchOf } from '../../machines/session-logic.js';
import { stepView } from '../../machines/view/step.js';
import { playableActors } from '../../machines/view/labels.js';
import { decisionView } from '../../machines/view/decision.js';
import { padEnd, percent, wrap } from '../../machines/view/text.js';
import type { LineSpec, Seg } from './Line.js';
import type { Forecasts } from '../forecast.js';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function title(text: string, width: number, role: Seg['role'] = 'accent'): LineSpec {
  return [{ text: padEnd(text, width), role, bold: true, inverse: true }];
}

/** The step at the cursor: paraphrase, CAMEO, origin, sources, what it applied. */
export function eventLines(d: SessionData, width: number, height: number, forecasts: Forecasts = {}): LineSpec[] {
  const b = branchOf(d);
  const v = stepView(d.scenario, b.states, b.cursor, forecasts);
  const lines: LineSpec[] = [title(` ${v.date} · ${v.title}`, width, v.kind === 'skipped' ? 'dim' : 'accent')];
  if (v.kind === 'start') return [...lines, ...orientationLines(d, width, height - 1)];
  const meta = [v.cameo, v.origin].filter(Boolean).join(' · ');
  if (meta) lines.push([{ text: meta, dim: true }]);
  const sources = v.sources.map((s, i): LineSpec => [{ text: i ? '        ' : 'Source: ', bold: true }, { text: s, role: 'dim' }]);
  const applied = v.applied.length ? wrap(`Applied: ${v.applied.join(' · ')}`, width) : ['Applied: nothing changed'];
  // Share the room: the paraphrase first, then what changed, then the sources.
  const room = height - lines.length;
  const text = wrap(v.text, width, Math.max(1, room - Math.min(applied.length, 2) - Math.min(sources.length, 1)));
  lines.push(...text);
  const left = height - lines.length;
  const ap = applied.slice(0, Math.max(0, left - Math.min(sources.length, 1)));
  lines.push(...ap.map((l, i): LineSpec => (i === 0 ? [{ text: 'Applied:', bold: true }, { text: l.slice('Applied:'.length), role: 'warn' }] : [{ text: l, role: 'warn' }])));
  lines.push(...sources.slice(0, Math.max(0, height - lines.length)));
  if (v.fade && lines.length < height) lines.push([{ text: v.fade, dim: true }]);
  return lines;
}

/**
 * The cold start (issue 13): what this is (the summary), whom you can play (only actors with decisions), the
 * three keys that matter, and what G will do for whoever you play (or for no one).
 */
export function orientationLines(d: SessionData, width: number, height: number): LineSpec[] {
  const names = new Map(d.scenario.actors.map((a) => [a.id, a.name]));
  const playable = playableActors(d.scenario).map((a) => a.id);
  const who = playable.map((id) => `${id} ${names.get(id) ?? ''}`.trim()).join(', ');
  const you = d.roles.length ? `You play ${d.roles.join(', ')}: G stops at each of their decisions for your choice.` : 'You play no one: G plays to the end and the engine draws every decision by its odds (press R to pick a role first).';
  const keys: LineSpec = [
    { text: 'Keys: ', bold: true },
    { text: 'space', role: 'accent', bold: true },
    { text: ' next step · ' },
    { text: 'R', role: 'accent', bold: true },
    { text: ' pick whom you play · ' },
    { text: '?', role: 'accent', bold: true },
    { text: ' every key' },
  ];
  const summary = wrap(d.scenario.summary, width, Math.max(1, height - 4));
  const rest: LineSpec[] = [
    ...wrap(`You can play: ${who || 'no one (the engine decides everything here)'}. ${you}`, width).map((l): LineSpec => [{ text: l, role: 'warn' }]),
    keys,
  ];
  return [...summary.slice(0, Math.max(1, height - rest.length)), ...rest].slice(0, Math.max(0, height));
}

/**
 * The decision at the cursor: the engine's line, then every option with its odds (and beside them the user's
 * forecast, once recorded) and markers, then the highlighted one explained.
 */
export function decisionLines(d: SessionData, option: number, width: number, height: number, forecasts: Forecasts = {}, hideSpoilers = false): LineSpec[] {
  const v0 = decisionView(d);
  if (!v0) return eventLines(d, width, height, forecasts);
  // Role-play and forecast-first: no prediction or outcome before the decision is made (or the teacher reveals them).
  const hidden = hideSpoilers && !v0.options.some((o) => o.taken);
  const v = hidden ? { ...v0, options: v0.options.map((o) => ({ ...o, predicted: false, actual: null })) } : v0;
  const mine = forecasts[v.id];
  const yours = (id: string): Seg[] => (mine ? [{ text: ` you${percent(mine[id] ?? 0).padStart(5)}`, role: 'warn' }] : []);
  const who = v.yours ? 'your decision' : `the engine decides for ${v.actorName} unless you choose`;
  const lines: LineSpec[] = [title(` Decision · ${v.actor} · ${v.question} (${who})`, width, v.yours ? 'warn' : 'accent')];
  lines.push([
    { text: option === 0 ? '▶ ' : '  ', role: 'cursor' },
    { text: '0 ', bold: true },
    { text: 'Let the engine draw by the odds (r)', inverse: option === 0 },
    ...(mine ? [{ text: "   (the model's odds, then yours)", dim: true }] : []),
  ]);
  const marks = v.options.map((o) => {
    const m: Seg[] = [];
    if (o.predicted) m.push({ text: ` [${o.predictedBy?.kind ?? 'article'}]`, role: 'accent' });
    if (o.actual) m.push({ text: ' [happened]', role: 'good' });
    if (o.taken) m.push({ text: ` [this branch: ${o.taken === 'user' ? 'you' : 'engine'}]`, role: 'branch' });
    if (!o.available) m.push({ text: ' [not available now]', role: 'dim' });
    return m;
  });
  // The labels get the width the odds column and this decision's own marks leave (not a fixed share).
  const marksW = Math.max(0, ...marks.map((m) => m.reduce((a, x) => a + x.text.length, 0)));
  const labelW = Math.max(12, Math.min(Math.max(...v.options.map((o) => o.label.length)), width - 2 - 2 - 5 - (mine ? 9 : 0) - marksW));
  v.options.forEach((o, i) => {
    const sel = option === i + 1;
    lines.push([
      { text: sel ? '▶ ' : '  ', role: 'cursor' },
      { text: `${i + 1} `, bold: true },
      { text: padEnd(o.label, labelW), inverse: sel, dim: !o.available },
      { text: percent(o.p).padStart(5), bold: true, role: o.p >= 0.5 ? 'good' : undefined },
      ...yours(o.id),
      ...marks[i]!,
    ]);
  });
  const sel = v.options[option - 1];
  const room = height - lines.length;
  if (sel && room > 0) {
    const expl = wrap(sel.explain, width - 4, Math.max(1, room - (sel.actual ? 1 : 0)));
    lines.push(...expl.map((l): LineSpec => [{ text: `    ${l}`, dim: true }]));
    if (sel.actual) lines.push([{ text: '    Happened: ', role: 'good' }, { text: sel.actual, dim: true }]);
  } else if (room > 0) {
    const pred = v.options.find((o) => o.predicted);
    const act = v.options.find((o) => o.actual);
    const spoilers = hidden && v0.options.some((o) => o.predicted || o.actual);
    const note = spoilers
      ? 'The prediction and what happened show once this decision is made (v: the teacher reveals them).'
      : [pred ? `${capital(pred.predictedBy?.who ?? 'the article')} predicted “${pred.label}”.` : '', act ? `What happened: “${act.label}”.` : ''].filter(Boolean).join(' ');
    if (note) lines.push(...wrap(note, width - 4, room).map((l): LineSpec => [{ text: `    ${l}`, dim: true }]));
  }
  return lines.slice(0, height);
}
