/**
 * The page's state: the scenario on the page, the XState session actor (the same machine as the terminal UI;
 * every change to the simulation is an event sent to it), and what only the page remembers (the open screen,
 * the why panel's pair, the forecast being typed, the share link). Listeners re-render after every change.
 */
import { createActor, type Actor } from 'xstate';
import { sessionMachine, type SessionEvent, type SessionTag } from '../../machines/session.js';
import type { SessionData } from '../../machines/session-logic.js';
import { inputsFor } from '../../machines/session-logic.js';
import type { McResult } from '../../mc/result.js';
import { LIVE_RUNS, listShipped, startOdds, type Loaded } from '../platform/index.js';

export type Screen = 'orientation' | 'timeline' | 'matrix' | 'decision' | 'branches' | 'assumptions' | 'predictions' | 'debrief' | 'share';

export interface Message {
  readonly text: string;
  readonly tone: 'info' | 'good' | 'error';
}

export type LiveOdds =
  | { readonly status: 'off' }
  | { readonly status: 'computing'; readonly done: number; readonly runs: number }
  | { readonly status: 'done'; readonly result: McResult }
  | { readonly status: 'error'; readonly message: string };

export interface Ui {
  readonly screen: Screen;
  /** The why panel's pair (from, to). */
  readonly cell: readonly [string, string] | null;
  readonly compare: readonly [number, number] | null;
  /** The forecast being typed: percent per `${decision}:${option}`. */
  readonly draft: Readonly<Record<string, string>>;
  /** The teacher revealed the answers that role-play and forecast-first hide. */
  readonly revealed: boolean;
  readonly message: Message | null;
  readonly share: string | null;
  readonly odds: LiveOdds;
  readonly shipped: readonly { id: string; title: string }[];
  /** Why the last scenario, link or file could not be opened (shown on the orientation screen). */
  readonly openError: string | null;
}

type SessionActor = Actor<typeof sessionMachine>;

export class Store {
  loaded: Loaded | null = null;
  private actor: SessionActor | null = null;
  ui: Ui = { screen: 'orientation', cell: null, compare: null, draft: {}, revealed: false, message: null, share: null, odds: { status: 'off' }, shipped: [], openError: null };
  private readonly listeners = new Set<() => void>();
  private oddsKey = '';
  private oddsJob: { cancel(): void } | null = null;
  private oddsTimer: ReturnType<typeof setTimeout> | undefined;

  subscribe(fn: () => void): void {
    this.listeners.add(fn);
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }

  set(patch: Partial<Ui>): void {
    this.ui = { ...this.ui, ...patch };
    this.changed();
  }

  get hasSession(): boolean {
    return this.actor !== null;
  }

  data(): SessionData {
    return this.actor!.getSnapshot().context.data;
  }

  tags(): ReadonlySet<SessionTag> {
    return this.actor!.getSnapshot().tags as ReadonlySet<SessionTag>;
  }

  async loadIndex(): Promise<void> {
    this.set({ shipped: await listShipped() });
  }

  /** Starts a session on `loaded`: a fresh one (seed 1), or `data` rebuilt from a link or file. */
  start(loaded: Loaded, data?: SessionData, screen: Screen = 'orientation', fresh: { seed: number; roles?: readonly string[]; forecastFirst?: boolean } = { seed: 1 }): void {
    this.actor?.stop();
    this.loaded = loaded;
    const options = { seed: fresh.seed, roles: fresh.roles ?? [] };
    this.actor = createActor(sessionMachine, { input: data ? { scenario: loaded.scenario, data } : { scenario: loaded.scenario, options } });
    this.actor.subscribe(() => this.changed());
    this.actor.start();
    if (!data && fresh.forecastFirst) this.actor.send({ type: 'FORECAST_FIRST', on: true });
    const first = loaded.scenario.actors.map((a) => a.id);
    this.ui = { ...this.ui, screen, cell: first.length > 1 ? [first[0]!, first[1]!] : null, compare: null, draft: {}, share: null, message: null, openError: null };
    this.changed();
  }

  /** Sends an event; the machine's refusal (error) or its reason for ignoring it becomes the message. */
  send(event: SessionEvent, ok?: string): void {
    this.actor!.send(event);
    const ctx = this.actor!.getSnapshot().context;
    const message: Message | null = ctx.error ? { text: ctx.error, tone: 'error' } : ctx.reason ? { text: ctx.reason, tone: 'info' } : ok ? { text: ok, tone: 'good' } : null;
    this.set({ message });
  }

  /** Keeps the live odds in step with the assumptions while the assumptions screen is open (debounced). */
  syncOdds(): void {
    const active = this.ui.screen === 'assumptions' && this.actor !== null;
    const d = active ? this.data() : null;
    const key = d ? JSON.stringify([d.scenario.id, d.preset, d.overrides, d.seed, d.injects]) : '';
    if (key === this.oddsKey) return;
    this.oddsKey = key;
    this.oddsJob?.cancel();
    this.oddsJob = null;
    clearTimeout(this.oddsTimer);
    if (!d) {
      document.body.dataset.busy = '0';
      if (this.ui.odds.status !== 'off') this.ui = { ...this.ui, odds: { status: 'off' } };
      return;
    }
    document.body.dataset.busy = '1';
    this.ui = { ...this.ui, odds: { status: 'computing', done: 0, runs: LIVE_RUNS } };
    this.oddsTimer = setTimeout(() => {
      let shown = 0;
      const job = startOdds(d.scenario, inputsFor(d, {}), LIVE_RUNS, (done, runs) => {
        if (this.oddsJob !== job || done - shown < runs / 10) return;
        shown = done;
        this.set({ odds: { status: 'computing', done, runs } });
      });
      this.oddsJob = job;
      job.result.then(
        (result) => {
          if (this.oddsJob !== job) return;
          document.body.dataset.busy = '0';
          this.set({ odds: { status: 'done', result } });
        },
        (err: unknown) => {
          if (this.oddsJob !== job || (err instanceof Error && err.name === 'AbortError')) return;
          document.body.dataset.busy = '0';
          this.set({ odds: { status: 'error', message: err instanceof Error ? err.message : String(err) } });
        },
      );
    }, 250);
  }
}
