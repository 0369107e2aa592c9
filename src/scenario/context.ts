/**
 * Shared state of one compilation: the source map for positions, the errors found so far, and the sets of
 * ids that references are checked against (collected before anything is resolved).
 */
import type { FormulaScope } from '../core/formula-types.js';
import type { ScenarioError, ScenarioErrorInit } from './errors.js';
import type { DataPath, SourceMap } from './source-map.js';
import type { RawEvent, RawScenario } from './schema.js';

export type ErrorInit = Omit<ScenarioErrorInit, 'file' | 'line' | 'column' | 'path'>;

export type EventSection = 'timeline' | 'followups' | 'injects';

export interface EventEntry {
  readonly raw: RawEvent;
  readonly section: EventSection;
  readonly index: number;
  readonly path: DataPath;
}

/**
 * The ids of the pair ties a group tie (`among: [A, B, C]`) stands for: one per pair, `ID:A-B`, so that the
 * core, which knows ties of two, adds and ends them together under one label (one cause in explanations).
 */
export function groupTieIds(id: string, among: readonly string[]): { id: string; between: [string, string] }[] {
  const out: { id: string; between: [string, string] }[] = [];
  for (let i = 0; i < among.length; i++) {
    for (let j = i + 1; j < among.length; j++) {
      const a = among[i] as string;
      const b = among[j] as string;
      out.push({ id: `${id}:${a}-${b}`, between: [a, b] });
    }
  }
  return out;
}

/**
 * The indicators one entry of `indicators:` stands for: itself, or with `per: actor` one per simulated actor
 * (`id_prk`), or with `per: pair` one per directed pair (`id_prk_rus`). Formulas read them by these ids.
 */
export function indicatorIds(id: string, per: 'actor' | 'pair' | undefined, actors: readonly string[]): { id: string; suffix: string }[] {
  if (per === 'actor') return actors.map((a) => ({ id: `${id}_${a.toLowerCase()}`, suffix: ` (${a})` }));
  if (per === 'pair') {
    return actors.flatMap((a) => actors.filter((b) => b !== a).map((b) => ({ id: `${id}_${a.toLowerCase()}_${b.toLowerCase()}`, suffix: ` (${a} → ${b})` })));
  }
  return [{ id, suffix: '' }];
}

export class Ctx {
  readonly errors: ScenarioError[] = [];
  readonly actors: ReadonlySet<string>;
  readonly others: ReadonlySet<string>;
  readonly sourceIds: ReadonlySet<string>;
  readonly paragraphs: ReadonlySet<number>;
  readonly assumptions: ReadonlySet<string>;
  readonly indicators: ReadonlySet<string>;
  readonly predictions: ReadonlySet<string>;
  /** First occurrence of every event id, in file order. */
  readonly events = new Map<string, EventEntry>();
  readonly decisions = new Map<string, Set<string>>();
  readonly postures = new Map<string, Set<string>>();
  readonly tags = new Set<string>();
  readonly tieIds = new Set<string>();
  /** Group ties by id → the ids of their pair ties (see groupTieIds). */
  readonly groupTies = new Map<string, string[]>();
  readonly scope: FormulaScope;

  constructor(
    readonly map: SourceMap,
    readonly raw: RawScenario,
  ) {
    this.actors = new Set(Object.keys(raw.actors));
    this.others = new Set(Object.keys(raw.others ?? {}));
    this.sourceIds = new Set(Object.keys(raw.sources));
    this.paragraphs = new Set(Object.keys(raw.article?.paragraphs ?? {}).map(Number));
    this.assumptions = new Set(Object.keys(raw.assumptions));
    this.indicators = new Set(Object.entries(raw.indicators ?? {}).flatMap(([id, x]) => indicatorIds(id, x.per, Object.keys(raw.actors)).map((m) => m.id)));
    this.predictions = new Set(raw.predictions.map((p) => p.id));
    for (const section of ['timeline', 'followups', 'injects'] as const) {
      (raw[section] ?? []).forEach((ev, index) => {
        if (!this.events.has(ev.id)) this.events.set(ev.id, { raw: ev, section, index, path: [section, index] });
        for (const t of ev.tags ?? []) this.tags.add(t);
        if (ev.decision) {
          const opts = this.decisions.get(ev.id) ?? new Set<string>();
          for (const o of ev.decision.options) opts.add(o.id);
          this.decisions.set(ev.id, opts);
        }
        for (const o of ev.decision?.options ?? []) for (const e of o.effects ?? []) if (e.tie?.add) this.addTie(e.tie.add);
        for (const e of ev.effects ?? []) if (e.tie?.add) this.addTie(e.tie.add);
      });
    }
    for (const t of raw.ties ?? []) this.addTie(t);
    for (const [actor, chart] of Object.entries(raw.postures ?? {})) this.postures.set(actor, new Set(Object.keys(chart.states)));
    this.scope = {
      assumptions: this.assumptions,
      indicators: this.indicators,
      actors: this.actors,
      postures: this.postures,
      decisions: this.decisions,
      events: new Set(this.events.keys()),
    };
  }

  private addTie(t: { readonly id: string; readonly among?: readonly string[] | undefined }): void {
    this.tieIds.add(t.id);
    if (t.among) this.groupTies.set(t.id, groupTieIds(t.id, t.among).map((m) => m.id));
  }

  fail(path: DataPath, init: ErrorInit, opts: { key?: boolean } = {}): void {
    this.errors.push(this.map.error(path, init, opts));
  }

  line(path: DataPath): number {
    return this.map.at(path).line;
  }
}
