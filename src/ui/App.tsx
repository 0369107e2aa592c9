/**
 * The root: it only picks what to show and routes keys. Every change to the simulation goes through the session
 * machine (`actor.send`); what is on screen is rendered from its snapshot. The root is the one place that ends
 * the program (through `onQuit` and ink's exit) and that writes files (through `save`).
 */
import { resolve } from 'node:path';
import { useMemo, useRef, useState } from 'react';
import { Box, useApp, useInput } from 'ink';
import type { SessionData } from '../machines/session-logic.js';
import type { SessionTag } from '../machines/session.js';
import { posturesNow } from '../machines/selectors.js';
import { ThemeContext, makeTheme, type Theme } from './theme.js';
import { keyNames } from './key-names.js';
import type { Mode } from './keys.js';
import { handleKeys, type SessionPort } from './controller.js';
import { initialUi, modeOf, needsNow, optionIndex, spoilersHidden, type UiState } from './ui-state.js';
import { decisionHere, draftFor } from './forecast.js';
import { portOf, type Effect } from './port.js';
import type { SaveTarget } from '../scenario/save.js';
import { useSessionSnapshot, type SessionActor } from './use-session.js';
import { useLiveOdds, type LiveOddsFn } from './use-live-odds.js';
import { postureLineCount } from '../machines/view/postures.js';
import { mainLayout, postureWidth, screenBox, tooSmall } from './layout.js';
import { Line } from './components/Line.js';
import { headerLine, statusLine } from './components/main-lines.js';
import { messageLine } from './components/message-line.js';
import { MainScreen } from './components/MainScreen.js';
import { WhyScreen } from './components/WhyScreen.js';
import { AssumptionsScreen } from './components/AssumptionsScreen.js';
import { BranchesScreen } from './components/BranchesScreen.js';
import { CompareScreen } from './components/CompareScreen.js';
import { PredictionsScreen } from './components/PredictionsScreen.js';
import { RolesScreen } from './components/RolesScreen.js';
import { InjectsScreen } from './components/InjectsScreen.js';
import { HelpScreen } from './components/HelpScreen.js';
import { TooSmall } from './components/TooSmall.js';

export interface AppProps {
  readonly actor: SessionActor;
  readonly columns: number;
  readonly rows: number;
  readonly theme?: Theme;
  /** The session file name the save prompt proposes. */
  readonly savePath: string;
  /**
   * Writes the session (`format` 'session', every branch) or the current branch as a run file ('run'); throws
   * an Error with a one-line message on failure.
   */
  readonly save: (path: string, data: SessionData, format: 'session' | 'run') => void;
  /** Called after every key with the session as it now is (the autosave). */
  readonly autosave?: (data: SessionData) => void;
  /** A line to show at the start (e.g. the note that the scenario's text changed since the save). */
  readonly note?: string;
  /** Whether a file exists (to ask before saving over one that is not this session's); default: never. */
  readonly exists?: (path: string) => boolean;
  /**
   * What saving at a path would do (scenario/save.ts `saveTarget`): refused paths (a directory, a file that is not
   * geosim's) are refused before any question. Without it, `exists` decides.
   */
  readonly inspect?: (path: string) => SaveTarget;
  /** The run file this session was loaded from: saving over it needs no question. */
  readonly loadedFrom?: string;
  /** Called once, with the exit code, when the user quits. */
  readonly onQuit: (code: number) => void;
  /** Minimum time between two redraws caused by the session (default 33 ms, about 30 frames a second). */
  readonly frameMs?: number;
  readonly liveOdds?: LiveOddsFn;
  /** How long the assumptions must stay still before the live odds are recomputed (default 250 ms). */
  readonly liveOddsDelayMs?: number;
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s*[\r\n]+\s*/g, ' ');
}

export function App(props: AppProps) {
  const { actor, columns, rows, savePath, save, onQuit } = props;
  const started = props.theme ?? makeTheme(false);
  const { exit } = useApp();
  const snap = useSessionSnapshot(actor, props.frameMs ?? 33);
  const [ui, setUi] = useState<UiState>(() => (props.note ? { ...initialUi(savePath), message: { text: props.note, tone: 'info' } } : initialUi(savePath)));
  const uiRef = useRef(ui);
  const done = useRef(false);
  // Files this session may replace without asking: the one it was loaded from and those it saved.
  const own = useRef(new Set(props.loadedFrom !== undefined ? [resolve(props.loadedFrom)] : []));
  // The size the keys are read at (the latest render's), for the too-small screen where only q acts.
  const size = useRef({ columns, rows });
  size.current = { columns, rows };
  const port = useMemo<SessionPort>(() => portOf(actor), [actor]);
  const data = snap.context.data;
  const postures = posturesNow(snap);
  const live = useLiveOdds(props.liveOdds, data, ui.screen === 'assumptions', props.liveOddsDelayMs);
  const liveRef = useRef(live);
  liveRef.current = live;

  const targetOf = (eff: Extract<Effect, { kind: 'save' }>): SaveTarget =>
    props.inspect ? props.inspect(eff.path) : props.exists?.(eff.path) ? { kind: 'replace', what: 'another run' } : { kind: 'new' };

  useInput((input, key) => {
    if (done.current) return;
    const keys = keyNames(input, key);
    if (!keys.length) return;
    const r = handleKeys(uiRef.current, keys, port, { ...size.current, live: liveRef.current });
    let next = r.ui;
    for (const eff of r.effects) {
      if (eff.kind === 'quit') {
        done.current = true;
        onQuit(eff.code);
        exit();
        return;
      }
      if (eff.kind !== 'save') continue;
      // A refusal or a failure keeps the prompt open with the name and the reason, so the next keys edit the name.
      const reopen = (error: string): UiState => ({ ...next, overlay: { kind: eff.format === 'run' ? 'export' : 'save', text: eff.path, error, ...(eff.quit ? { quit: true } : {}) } });
      const target: SaveTarget = eff.force || own.current.has(resolve(eff.path)) ? { kind: 'new' } : targetOf(eff);
      if (target.kind === 'refuse') {
        next = reopen(target.reason);
        break;
      }
      if (target.kind === 'replace') {
        next = { ...next, overlay: { kind: 'overwrite', path: eff.path, quit: eff.quit, what: target.what, ...(eff.format ? { format: eff.format } : {}) } };
        break;
      }
      try {
        const format = eff.format ?? 'session';
        save(eff.path, port.data(), format);
        own.current.add(resolve(eff.path));
        if (format === 'session') actor.send({ type: 'SAVED' });
        const text =
          format === 'session'
            ? `Saved ${eff.path} (${port.data().branches.length} branch${port.data().branches.length === 1 ? '' : 'es'}; geosim play --load ${eff.path})`
            : `Exported branch #${port.data().current} to ${eff.path} (geosim replay ${eff.path})`;
        next = { ...next, overlay: null, message: { text, tone: 'good' } };
        if (eff.quit) {
          done.current = true;
          onQuit(0);
          exit();
          return;
        }
      } catch (err) {
        // The prompt shows the name already: the reason alone ("cannot save 'x': permission denied" → "permission denied").
        next = reopen(oneLine(err).replace(/^(cannot save( to)?|refusing to overwrite) '[^']*': /, ''));
        break;
      }
    }
    props.autosave?.(port.data());
    uiRef.current = next;
    setUi(next);
  });

  const theme = ui.themeSwitched ? makeTheme(started.color, started.name === 'projector' ? 'default' : 'projector') : started;
  const mode: Mode = modeOf(ui, data, snap.tags as ReadonlySet<SessionTag>);
  const height = rows - 1;
  let body;
  if (tooSmall(columns, rows)) {
    body = <TooSmall columns={columns} rows={rows} question={ui.overlay?.kind === 'quit' || ui.overlay?.kind === 'overwrite' ? messageLine(ui, data) : undefined} />;
  } else {
    const L = mainLayout(columns, rows, data.scenario.actors.length, postureWidth(data.scenario), (n) => postureLineCount(data.scenario, n));
    const { width: w, height: h } = screenBox({ columns, rows });
    const screen =
      ui.screen === 'why' ? (
        <WhyScreen data={data} cell={ui.cell} scroll={ui.scroll} width={w} height={h} cellW={L.cellW} />
      ) : ui.screen === 'assumptions' ? (
        <AssumptionsScreen data={data} selected={ui.assumption} live={live} width={w} height={h} scroll={ui.scroll} />
      ) : ui.screen === 'branches' ? (
        <BranchesScreen data={data} selected={ui.branch} width={w} height={h} />
      ) : ui.screen === 'compare' && ui.compare ? (
        <CompareScreen data={data} pair={ui.compare} width={w} height={h} scroll={ui.scroll} />
      ) : ui.screen === 'predictions' ? (
        <PredictionsScreen data={data} scroll={ui.scroll} width={w} height={h} />
      ) : ui.screen === 'roles' ? (
        <RolesScreen data={data} postures={postures} selected={ui.role} width={w} height={h} />
      ) : ui.screen === 'injects' ? (
        <InjectsScreen data={data} selected={ui.inject} width={w} height={h} scroll={ui.scroll} />
      ) : ui.screen === 'help' ? (
        <HelpScreen bands={data.scenario.bands} scroll={ui.scroll} width={w} height={h} />
      ) : (
        <MainScreen data={data} postures={postures} option={optionIndex(ui, data)} layout={L} forecast={mode === 'forecast' ? draftFor(ui.forecast, decisionHere(data)!) : null} recorded={data.forecasts} hideSpoilers={spoilersHidden(ui, data)} />
      );
    body = (
      <Box flexDirection="column" width={columns} height={height} {...(theme.background ? { backgroundColor: theme.background } : {})}>
        <Line line={headerLine(data, columns, { forecastFirst: data.forecastFirst })} width={columns} />
        <Box height={h}>
          {screen}
        </Box>
        <Line line={messageLine(ui, data)} width={columns} />
        <Line line={statusLine(mode, columns, needsNow(data))} width={columns} />
      </Box>
    );
  }
  return <ThemeContext.Provider value={theme}>{body}</ThemeContext.Provider>;
}
