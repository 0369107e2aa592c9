/** The scenario's identity: a text-only edit keeps the model hash, a model edit changes it and says what changed. */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadScenarioFile } from '../src/scenario/load.js';
import { identityOf, matchIdentity, modelChanges } from '../src/scenario/identity.js';

const FILE = 'scenarios/pyongyang-2024.yaml';

function loadEdited(edit: (text: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'geosim-id-'));
  const path = join(dir, 'pyongyang-2024.yaml');
  writeFileSync(path, edit(readFileSync(FILE, 'utf8')));
  return loadScenarioFile(path);
}

describe('scenario identity', () => {
  const base = loadScenarioFile(FILE);
  it('a comment or a title changes the text hash but not the model hash', () => {
    const edited = loadEdited((t) => `# a teacher's note\n${t.replace(/^title: .*$/m, 'title: Another title')}`);
    expect(identityOf(edited).text).not.toBe(identityOf(base).text);
    expect(identityOf(edited).model).toBe(identityOf(base).model);
    const m = matchIdentity(identityOf(base), edited);
    expect(m.kind).toBe('text');
  });

  it('a changed weight formula changes the model hash and is named', () => {
    const edited = loadEdited((t) => t.replace(/weight: "(\d+(?:\.\d+)?) \+ seoul_hawkishness/, (_m, n: string) => `weight: "${Number(n) + 0.01} + seoul_hawkishness`));
    expect(identityOf(edited).model).not.toBe(identityOf(base).model);
    const changes = modelChanges(identityOf(base).parts, identityOf(edited).parts);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatch(/^option \S+\.\S+: weight formula changed$/);
    expect(matchIdentity(identityOf(base), edited)).toEqual({ kind: 'model', changes });
  });
});
