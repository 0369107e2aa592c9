// Issue #10 item 7, re-checked after session files and the shared views landed: nothing a file holds reaches the
// terminal raw. A session file's branch labels and names are refused with a control character in them, and the
// UI's one output edge (Line) shows any text that still carries one (a path, a message) as a visible escape.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { Line } from '../src/ui/components/Line.js';
import { saveSession } from '../src/cli/session-files.js';
import { loadSessionFile } from '../src/cli/runfile-support.js';
import { SessionFileError } from '../src/scenario/sessionfile.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import { CONTROL_CHARACTERS } from '../src/core/text.js';
import { root } from './helpers/scenarios.js';
import { startSession } from './helpers/ui.js';

const dir = mkdtempSync(join(tmpdir(), 'geosim-harden-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TITLE = '\u001b]0;pwned\u0007';

describe('control characters in session files', () => {
  const scenarioFile = join(dir, 'template.yaml');
  copyFileSync(join(root, 'scenarios', 'template.yaml'), scenarioFile);
  const actor = startSession(loadScenarioFile(scenarioFile));
  const path = join(dir, 'ok.session.json');
  saveSession(path, actor.getSnapshot().context.data, scenarioFile);

  it('a clean session file loads', () => {
    expect(loadSessionFile(path).session).toBeDefined();
  });

  for (const field of ['label', 'name'] as const) {
    for (const bad of [TITLE, 'left\u202eright', 'bell\u0007']) {
      it(`a branch ${field} with ${JSON.stringify(bad)} is refused in one printable line`, () => {
        const f = JSON.parse(readFileSync(path, 'utf8')) as { branches: Record<string, unknown>[] };
        f.branches[0]![field] = bad;
        const evil = join(dir, `evil-${field}.session.json`);
        writeFileSync(evil, JSON.stringify(f));
        let err: unknown;
        try {
          loadSessionFile(evil);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(SessionFileError);
        const msg = (err as Error).message;
        expect(msg).toContain(`branches[0].${field}: expected printable text`);
        expect(msg.match(CONTROL_CHARACTERS)).toBeNull();
      });
    }
  }
});

describe("the UI's output edge", () => {
  it('Line writes control characters and bidi overrides as visible escapes', () => {
    const { lastFrame, unmount } = render(<Line line={[{ text: `a${TITLE}b` }, { text: ' x\u202ey' }]} width={60} />);
    const frame = lastFrame() ?? '';
    unmount();
    expect(frame).toContain('a\\u001b]0;pwned\\u0007b x\\u202ey');
    expect(frame.match(CONTROL_CHARACTERS)).toBeNull();
  });

  it('Line still cuts the escaped text to its width', () => {
    const { lastFrame, unmount } = render(<Line line={`${'\u0007'.repeat(30)}`} width={20} />);
    const frame = lastFrame() ?? '';
    unmount();
    expect(frame.trimEnd().length).toBeLessThanOrEqual(20);
    expect(frame).not.toContain('\u0007');
  });
});

describe('a branch renamed in the UI', () => {
  it('keeps no control character or bidi override, so its session file loads again', () => {
    const scenarioFile = join(dir, 'template.yaml');
    const actor = startSession(loadScenarioFile(scenarioFile));
    actor.send({ type: 'RENAME', id: 0, name: `Seoul\u0085 holds\u202e${TITLE}` });
    const d = actor.getSnapshot().context.data;
    actor.stop();
    expect(d.branches[0]!.name).toBe('Seoul holds]0;pwned');
    const path = join(dir, 'renamed.session.json');
    saveSession(path, d, scenarioFile);
    expect(loadSessionFile(path).session).toBeDefined();
  });
});
