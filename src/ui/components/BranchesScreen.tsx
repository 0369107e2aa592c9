/** Branches: the tree of branches explored; enter switches, c compares the selected one with the current one. */
import type { SessionData } from '../../machines/session-logic.js';
import { branchTree } from '../../machines/view/branches.js';
import { oddsLabel } from '../../machines/view/labels.js';
import { padEnd } from '../../machines/view/text.js';
import { timelineWindow } from '../../machines/view/timeline.js';
import { Lines, type LineSpec } from './Line.js';

export function branchLines(d: SessionData, selected: number, width: number, height: number): LineSpec[] {
  const rows = branchTree(d).map((r) => ({ ...r, cursor: r.id === selected }));
  const lines: LineSpec[] = [[{ text: `${rows.length} branch${rows.length === 1 ? '' : 'es'} · ● current · enter: switch · c: compare with the current one`, dim: true }]];
  const name = (r: (typeof rows)[number]) => `${r.depth ? `${'  '.repeat(r.depth - 1)}└ ` : ''}#${r.id} ${r.label}`;
  const nameW = Math.max(16, Math.min(Math.max(...rows.map((r) => name(r).length)), width - 4 - 46));
  for (const r of timelineWindow(rows, Math.max(1, height - 6)).rows) {
    lines.push([
      { text: r.cursor ? '▶ ' : '  ', role: 'cursor' },
      { text: r.current ? '● ' : '○ ', role: r.current ? 'good' : 'dim' },
      { text: padEnd(name(r), nameW), inverse: r.cursor, bold: r.current, role: 'branch' },
      { text: `  ${r.where}${r.from ? ` · ${r.from}` : ''}`, dim: true },
    ]);
  }
  const b = d.branches[selected];
  if (b) {
    lines.push('');
    const mine = Object.entries(b.choices);
    lines.push([{ text: `Your choices on #${b.id}: `, bold: true }, { text: mine.length ? mine.map(([k, v]) => oddsLabel(d.scenario, k, v)).join(' · ') : 'none (the engine drew every decision)', dim: !mine.length }]);
  }
  return lines;
}

export function BranchesScreen({ data, selected, width, height }: { data: SessionData; selected: number; width: number; height: number }) {
  return <Lines lines={branchLines(data, selected, width, height)} width={width} height={height} />;
}
