/** Roles: which actors the user plays. Their decisions wait for the user; the engine draws the others. */
import type { SessionData } from '../../machines/session-logic.js';
import { playableActors } from '../../machines/view/labels.js';
import { postureText, posturesView } from '../../machines/view/postures.js';
import { padEnd, wrap } from '../../machines/view/text.js';
import { Lines, type LineSpec } from './Line.js';

/** `postures`: each actor's posture now, read off the session's country actors (selectors.ts `posturesNow`). */
export function roleLines(d: SessionData, postures: Readonly<Record<string, string>>, selected: number, width: number): LineSpec[] {
  const lines: LineSpec[] = [
    [{ text: 'Choose the actors you play (space toggles, * all or none). The engine decides for the others.', dim: true }],
    [{ text: 'Only actors with a decision to make are listed.', dim: true }],
    '',
  ];
  const actors = playableActors(d.scenario);
  // Every chart of each actor (its own and its named ones), as on the matrix's posture line.
  const shown = new Map(posturesView(d.scenario, { postures }).map((p) => [p.actor, postureText(p)]));
  actors.forEach((a, i) => {
    const on = d.roles.includes(a.id);
    const cur = i === selected;
    lines.push([
      { text: cur ? '▶ ' : '  ', role: 'cursor' },
      { text: on ? '[x] ' : '[ ] ', bold: true, role: on ? 'good' : 'dim' },
      { text: padEnd(`${a.id}  ${a.name} (${a.capital})`, 34), inverse: cur, bold: on },
      { text: `  posture: ${shown.get(a.id) ?? '—'}`, dim: true },
    ]);
  });
  const a = actors[selected];
  if (a) {
    lines.push('');
    const interests = a.interests.map((x) => x.text).join('; ');
    if (interests) lines.push(...wrap(`${a.name} wants: ${interests}`, width, 3).map((l): LineSpec => [{ text: l, dim: true }]));
    const limits = a.constraints.map((x) => x.text).join('; ');
    if (limits) lines.push(...wrap(`Held back by: ${limits}`, width, 3).map((l): LineSpec => [{ text: l, dim: true }]));
  }
  return lines;
}

export function RolesScreen({ data, postures, selected, width, height }: { data: SessionData; postures: Readonly<Record<string, string>>; selected: number; width: number; height: number }) {
  return <Lines lines={roleLines(data, postures, selected, width)} width={width} height={height} />;
}
