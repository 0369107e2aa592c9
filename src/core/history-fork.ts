/**
 * How a history state (history-state.ts) is made readable and where a new family starts: the getters that build a
 * state's own frozen lists from the family's shared storage on first read, and `forkAt`, which starts a family
 * from any state (its lists copied once), for going back or branching.
 */
import type { Day } from './model.js';
import type { AgendaItem, Choice, Modifier, SimState } from './state.js';
import { before, listAt, metas, versionAt, type Family, type Meta, type Version } from './history-meta.js';

// The getters of a history state's growing parts: each builds the state's own frozen copy once.
function metaOf(s: object): Meta {
  return metas.get(s as SimState)!;
}
export const lazy: { [K in keyof Meta['cache']]-?: (m: Meta) => NonNullable<Meta['cache'][K]> } = {
  agenda: (m) => {
    const base = m.family.agendaBase;
    const out: AgendaItem[] = [];
    let i = m.agendaOff;
    let j = 0;
    while (i < base.length || j < m.extra.length) {
      const a = base[i];
      const b = m.extra[j];
      if (b === undefined || (a !== undefined && before(a, b))) out.push(base[i++]!);
      else out.push(m.extra[j++]!);
    }
    return Object.freeze(out);
  },
  ledger: (m) => {
    const out = Object.create(null) as Record<string, readonly Modifier[]>;
    const keys = m.family.ledgerKeys;
    for (let i = 0; i < m.ledgerKeysLen; i++) {
      const v = versionAt(m, keys[i]!)!;
      const list = listAt(m.family, v, m.k);
      out[keys[i]!] = Object.freeze(list === v.list ? list.slice(0, v.len) : (list as Modifier[]));
    }
    return Object.freeze(out);
  },
  tension: (m) => Object.freeze(m.family.tension.slice(0, m.tensionLen)),
  choices: (m) => {
    const out: Record<string, Choice> = {};
    const f = m.family;
    for (let i = 0; i < m.choicesLen; i++) out[f.choiceIds[i]!] = f.choiceValues[i]!;
    return Object.freeze(out);
  },
  happened: (m) => {
    const out = Object.create(null) as Record<string, Day>;
    const f = m.family;
    for (let i = 0; i < m.happenedLen; i++) out[f.happenedEvents[i]!] = f.happenedDays[i]!;
    return Object.freeze(out);
  },
  log: (m) => Object.freeze(m.family.log.slice(0, m.logLen)),
};
export const getters = Object.fromEntries(
  (Object.keys(lazy) as (keyof Meta['cache'])[]).map((k) => [
    k,
    function (this: object) {
      const m = metaOf(this);
      const c = m.cache as Record<string, unknown>;
      return (c[k] ??= lazy[k](m));
    },
  ]),
) as Record<keyof Meta['cache'], () => unknown>;

/** A new family whose chain starts at `s` (its lists copied once). */
export function forkAt(s: SimState): Meta {
  const happenedEvents: string[] = [];
  const happenedDays: Day[] = [];
  const firstHappened = new Map<string, number>();
  const happened = Object.create(null) as Record<string, Day>;
  for (const [e, d] of Object.entries(s.happened)) {
    firstHappened.set(e, happenedEvents.length);
    happenedEvents.push(e);
    happenedDays.push(d);
    happened[e] = d;
  }
  const choiceIds: string[] = [];
  const choiceValues: Choice[] = [];
  const choicesOf = new Map<string, number[]>();
  const choices: Record<string, Choice> = {};
  for (const [d, c] of Object.entries(s.choices)) {
    choicesOf.set(d, [choiceIds.length]);
    choiceIds.push(d);
    choiceValues.push(c);
    choices[d] = c;
  }
  const ledgerKeys: string[] = [];
  const versions = new Map<string, Version[]>();
  const ledger = Object.create(null) as Record<string, Modifier[]>;
  for (const [key, list] of Object.entries(s.ledger)) {
    const own = list.slice();
    ledgerKeys.push(key);
    versions.set(key, [{ k: 0, list: own, len: own.length }]);
    ledger[key] = own;
  }
  const family: Family = {
    tip: s,
    log: s.log.slice(),
    tension: s.tension.slice(),
    happenedEvents,
    happenedDays,
    firstHappened,
    happened,
    choiceIds,
    choiceValues,
    choicesOf,
    choices,
    ledgerKeys,
    versions,
    ledger,
    agendaBase: Object.freeze(s.agenda.slice()),
    undo: new Map(),
    live: new Map(),
  };
  return { family, k: 0, logLen: family.log.length, tensionLen: family.tension.length, happenedLen: happenedEvents.length, choicesLen: choiceIds.length, ledgerKeysLen: ledgerKeys.length, agendaOff: 0, extra: [], cache: {} };
}
