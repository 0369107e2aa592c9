/**
 * The web page (issue 16): the classroom in a browser. It drives the same XState session machine as the
 * terminal UI (store.ts) and shows the same view models (src/machines/view, src/machines/selectors.ts); no
 * number is computed here. Rendering is plain DOM through one small helper (dom.ts): every change of the
 * session or of the page's own state re-renders the open screen, keeping the keyboard focus.
 */
import { withFocus, type Child } from './dom.js';
import { Store, type Screen } from './store.js';
import { MENU, shell } from './shell.js';
import { orientationScreen, openFromLink } from './orientation.js';
import { timelineScreen } from './timeline.js';
import { matrixScreen } from './matrix.js';
import { decisionScreen } from './decision.js';
import { branchesScreen } from './branches.js';
import { assumptionsScreen } from './assumptions.js';
import { predictionsScreen } from './predictions.js';
import { debriefScreen } from './debrief.js';
import { shareScreen } from './share.js';

const SCREENS: Record<Screen, (s: Store) => Child[]> = {
  orientation: orientationScreen,
  timeline: timelineScreen,
  matrix: matrixScreen,
  decision: decisionScreen,
  branches: branchesScreen,
  assumptions: assumptionsScreen,
  predictions: predictionsScreen,
  debrief: debriefScreen,
  share: shareScreen,
};

function mount(root: HTMLElement): void {
  const store = new Store();
  let queued = false;
  let lastScreen: Screen | null = null;
  let asking = false;
  const render = () => {
    queued = false;
    store.syncOdds();
    withFocus(root, () => shell(store, SCREENS[store.hasSession ? store.ui.screen : 'orientation'](store)));
    // The session asks about a change that flips what happened: the focus goes to the question's first answer.
    const modal = store.hasSession && store.tags().has('modal');
    if (modal && !asking) root.querySelector<HTMLElement>('[data-key="change-keep"]')?.focus();
    asking = modal;
    if (lastScreen !== store.ui.screen) {
      // A new screen: its heading takes the focus when the focus was lost with the old screen's controls.
      if (lastScreen !== null && (document.activeElement === document.body || !document.activeElement)) root.querySelector<HTMLElement>('#screen-title')?.focus();
      lastScreen = store.ui.screen;
    }
  };
  store.subscribe(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(render);
  });
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement | null;
    if (!store.hasSession || e.altKey || e.ctrlKey || e.metaKey || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
    const screen = MENU.find((m) => m[2] === e.key)?.[0];
    if (e.key === 'ArrowRight') store.send({ type: 'NEXT' });
    else if (e.key === 'ArrowLeft') store.send({ type: 'BACK' });
    else if (screen) store.set({ screen, message: null });
    else return;
    e.preventDefault();
  });
  render();
  void (async () => {
    try {
      await store.loadIndex();
    } catch (err) {
      store.set({ openError: `The shipped scenarios could not be listed: ${err instanceof Error ? err.message : String(err)}` });
    }
    if (location.hash.length > 1) await openFromLink(store, location.hash.slice(1));
    document.body.dataset.ready = '1';
  })();
}

const root = document.getElementById('app');
if (root) mount(root);
