// The layer rules of eslint.config.js refuse what docs/architecture.md forbids (npm test runs ESLint over src/,
// so each of these would fail it), and let through what the layers allow.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/scenarios.js';

const eslint = new ESLint({ cwd: root });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  const refused: [string, string][] = [
    ['src/core/x.ts', "import { runFast } from '../machines/engine.js';\nexport const a = runFast;\n"],
    ['src/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/scenario/x.ts', "import { sessionMachine } from '../machines/session.js';\nexport const a = sessionMachine;\n"],
    ['src/scenario/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/machines/x.ts', "import { render } from 'ink';\nexport const a = render;\n"],
    ['src/machines/x.ts', "import { parseRuns } from '../cli/mc-flags.js';\nexport const a = parseRuns;\n"],
    ['src/mc/x.ts', "import { UsageError } from '../cli/command.js';\nexport const a = UsageError;\n"],
    ['src/teach/x.ts', "import { UsageError } from '../cli/command.js';\nexport const a = UsageError;\n"],
    ['src/ui/components/x.ts', "import { planOf } from '../../core/plan.js';\nexport const a = planOf;\n"],
    ['src/ui/x.ts', "import { runStepped } from '../machines/engine.js';\nexport const a = runStepped;\n"],
    ['src/ui/x.ts', "import { loadScenarioFile } from '../scenario/load.js';\nexport const a = loadScenarioFile;\n"],
    // The browser-safe layers (the library bundle, dist/api.js, runs them in a page).
    ['src/mc/x.ts', "import { cpus } from 'node:os';\nexport const a = cpus;\n"],
    ['src/teach/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/export/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/api/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/api/x.ts', "import { runCli } from '../cli/app.js';\nexport const a = runCli;\n"],
    ['src/scenario/runfile.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/scenario/json-document.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    // main.tsx is no longer exempt: what play loads before the UI starts, cli/ loads.
    ['src/ui/main.tsx', "import { readRunFile } from '../scenario/read-file.js';\nexport const a = readRunFile;\n"],
  ];
  for (const [file, code] of refused) {
    it(`refuses in ${file}: ${code.split('\n')[0]}`, async () => {
      expect(await problems(file, code)).toHaveLength(1);
    });
  }

  const allowed: [string, string][] = [
    ['src/core/x.ts', "import { planOf } from './plan.js';\nexport const a = planOf;\n"],
    ['src/machines/x.ts', "import { planOf } from '../core/plan.js';\nexport const a = planOf;\n"],
    ['src/scenario/load.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/ui/components/x.ts', "import type { Plan } from '../../core/plan.js';\nimport { parseDay } from '../../core/date.js';\nexport const a: Plan | typeof parseDay | undefined = undefined;\n"],
    ['src/ui/x.ts', "import { branchOf } from '../machines/session-logic.js';\nexport const a = branchOf;\n"],
    ['src/cli/x.ts', "import { runFast } from '../machines/engine.js';\nexport const a = runFast;\n"],
  ];
  for (const [file, code] of allowed) {
    it(`allows in ${file}: ${code.split('\n')[0]}`, async () => {
      expect(await problems(file, code)).toEqual([]);
    });
  }
});
