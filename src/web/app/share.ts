/**
 * Share and files: the share link (the session's inputs in the URL fragment, compressed: the platform's
 * encodeShareLink), copied to the clipboard and shown; the session file, the run file of the current branch and
 * its run summary (JSON) as the CLI writes them; and a session or run file opened back.
 */
import { encodeShareLink, openFile, runFileText, runSummaryJson, sessionFileText } from '../platform/index.js';
import { button, download, filePicker, h, type Child } from './dom.js';
import { title } from './shell.js';
import type { Store } from './store.js';

async function share(store: Store): Promise<void> {
  try {
    const fragment = await encodeShareLink(store.data());
    const url = `${location.origin}${location.pathname}#${fragment}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // No clipboard (an insecure origin, or no permission): the link is shown to copy by hand.
    }
    store.set({ share: url, message: { text: copied ? 'The share link is copied to the clipboard' : 'Select the link below and copy it', tone: 'good' } });
  } catch (err) {
    store.set({ message: { text: `No link: ${err instanceof Error ? err.message : String(err)}`, tone: 'error' } });
  }
}

function save(store: Store, kind: 'session' | 'run' | 'summary'): void {
  const d = store.data();
  const base = `${d.scenario.id}-branch${d.current}`;
  try {
    if (kind === 'session') {
      download(`${d.scenario.id}.session.json`, sessionFileText(d));
      store.send({ type: 'SAVED' }, `Saved the session (${d.branches.length} branch${d.branches.length === 1 ? '' : 'es'}): geosim play --load ${d.scenario.id}.session.json`);
    } else if (kind === 'run') {
      download(`${base}.run.json`, runFileText(d));
      store.set({ message: { text: `Exported branch #${d.current}: geosim replay ${base}.run.json`, tone: 'good' } });
    } else {
      download(`${base}.summary.json`, runSummaryJson(d));
      store.set({ message: { text: `The run summary of branch #${d.current}, as geosim run --format json prints it`, tone: 'good' } });
    }
  } catch (err) {
    store.set({ message: { text: err instanceof Error ? err.message : String(err), tone: 'error' } });
  }
}

async function open(store: Store, file: File): Promise<void> {
  const r = await openFile(await file.text(), file.name);
  if (r.ok) {
    store.start(r.loaded, r.session, 'timeline');
    store.set({ message: { text: `Opened ${file.name}${r.note ? `: ${r.note}` : ''}`, tone: 'good' } });
  } else store.set({ message: { text: r.message, tone: 'error' }, openError: store.hasSession ? store.ui.openError : r.message });
}

/** The file picker that opens a session file or a run file (here and on the opening screen). */
export function openFileField(store: Store): Node {
  const input = filePicker('open-file', '.json,application/json', (f) => void open(store, f));
  return h('div', { class: 'field' }, h('label', { attrs: { for: 'open-file' } }, 'Open a session or run file'), input);
}

export function shareScreen(store: Store): Child[] {
  const link = store.ui.share;
  return [
    title('Share & files'),
    h('h3', null, 'Share by link'),
    h('p', null, 'The link holds this session’s inputs (scenario and its hash, seed, assumptions, roles, choices, forecasts, where you are), never results: whoever opens it gets the identical run.'),
    button('Make the share link', () => void share(store), { key: 'share', class: 'primary' }),
    link
      ? h('div', { class: 'field' }, h('label', { attrs: { for: 'share-link' } }, 'Share link'), h('input', { id: 'share-link', key: 'share-link', class: 'wide', attrs: { type: 'text', readonly: true }, props: { value: link } }))
      : null,
    h('h3', null, 'Save'),
    h(
      'div',
      { class: 'row' },
      button('Download session file', () => save(store, 'session'), { key: 'save-session' }),
      button('Download run file', () => save(store, 'run'), { key: 'save-run' }),
      button('Download run summary (JSON)', () => save(store, 'summary'), { key: 'save-summary' }),
    ),
    h('p', { class: 'meta' }, 'The same files the command line writes: geosim play --load opens a session file, geosim replay a run file.'),
    h('h3', null, 'Open'),
    openFileField(store),
  ];
}
