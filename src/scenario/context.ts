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

export class Ctx {
  readonly errors: ScenarioError[] = [];
  /** Problems that do not stop the file from loading (errors under `validate --strict`). */
  readonly warnings: ScenarioError[] = [];
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
    this.indicators = new Set(Object.keys(raw.indicators ?? {}));
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
        for (const o of ev.decision?.options ?? []) for (const e of o.effects ?? []) if (e.tie?.add) this.tieIds.add(e.tie.add.id);
        for (const e of ev.effects ?? []) if (e.tie?.add) this.tieIds.add(e.tie.add.id);
      });
    }
    for (const t of raw.ties ?? []) this.tieIds.add(t.id);
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

  fail(path: DataPath, init: ErrorInit, opts: { key?: boolean } = {}): void {
    this.errors.push(this.map.error(path, init, opts));
  }

  warn(path: DataPath, init: ErrorInit, opts: { key?: boolean } = {}): void {
    // The prevalidated fast path keeps no warnings (it cannot place them): `validate` reads the file in full.
    if (this.map.locates) this.warnings.push(this.map.error(path, init, opts));
  }

  line(path: DataPath): number {
    return this.map.at(path).line;
  }
}
