// Lint: typescript-eslint's recommended rules, the determinism rules of the pure core, and the layering of
// docs/architecture.md (cli → ui/teach/mc → machines → scenario → core). test/import-graph.test.ts adds what a
// lint rule cannot see: that there is no import circle anywhere in src/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** An import of a folder of src/ from anywhere below src/ (any number of `../`). */
const up = (folders) => `^(\\.\\./)+(${folders.join('|')})/`;
const nodeBuiltins = ['^node:', '^(fs|path|os|child_process|worker_threads|url|crypto)$'];

/** `@typescript-eslint/no-restricted-imports` with one message per forbidden pattern. */
function layer(files, forbidden, extra = {}) {
  return {
    files,
    ...extra,
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: forbidden.map(([regex, message, allowTypeImports = false]) => ({ regex, message, allowTypeImports })) },
      ],
    },
  };
}

// The modules of core/ that ui/ may import values from: pure formatting. Everything else a view shows it reads
// through the session machine's selectors (machines/selectors.ts, issue 9 §2); add a name to `uiCoreToday`
// only while a view still computes with it (none does now).
const uiCoreFormatting = ['date', 'cameo'];
/** @type {string[]} */
const uiCoreToday = [];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Nothing in src/ evaluates text as code (scenarios are data; the bench's floor is a generated module).
    files: ['src/**/*.{ts,tsx,js,mjs}'],
    rules: { 'no-eval': 'error', 'no-new-func': 'error', 'no-implied-eval': 'error' },
  },
  {
    // The core is pure: no I/O, no clock, no Math.random (DEVELOPERS.md, non-negotiable 3).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded streams in the simulation state.' },
        { object: 'Date', property: 'now', message: 'The core reads no clock.' },
        { object: 'performance', property: 'now', message: 'The core reads no clock.' },
      ],
      'no-restricted-globals': ['error', 'process', 'setTimeout', 'setInterval', 'fetch', 'console'],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: 'The core reads no clock.' }],
    },
  },
  // ---- Layers: each folder imports only the layers below it ----
  layer(['src/core/**/*.ts'], [
    ['^\\.\\./', 'core/ is the bottom layer: it imports nothing outside core/.'],
    ...nodeBuiltins.map((r) => [r, 'core/ does no I/O.']),
    ['^(xstate|ink|react)$', 'core/ knows no state machine and no view: machines/ hands it what it needs.'],
  ]),
  layer(['src/scenario/**/*.ts'], [
    [up(['machines', 'ui', 'web', 'cli', 'mc', 'teach', 'bench']), 'scenario/ imports only core/.'],
    ['^(xstate|ink|react)$', 'scenario/ is data: no state machine, no view.'],
  ]),
  layer(
    ['src/scenario/**/*.ts'],
    [
      [up(['machines', 'ui', 'web', 'cli', 'mc', 'teach', 'bench']), 'scenario/ imports only core/.'],
      ['^(xstate|ink|react)$', 'scenario/ is data: no state machine, no view.'],
      ...nodeBuiltins.map((r) => [r, 'File access in scenario/ stays in its Node adapters (load, lookup, scenario-dirs, quick-load, read-file, read-bytes, save, prevalidated).']),
    ],
    // The Node adapters: the files that read and write files. Everything else in scenario/ (parse, validate,
    // compile, text, runfile, …) is browser-safe: the library bundle (dist/api.js) runs it in a page.
    {
      ignores: [
        'src/scenario/load.ts',
        'src/scenario/lookup.ts',
        'src/scenario/scenario-dirs.ts',
        'src/scenario/quick-load.ts',
        'src/scenario/read-file.ts',
        'src/scenario/read-bytes.ts',
        'src/scenario/save.ts',
        'src/scenario/prevalidated.ts',
      ],
    },
  ),
  layer(['src/machines/**/*.ts'], [
    [up(['ui', 'web', 'cli', 'mc', 'teach', 'bench']), 'machines/ imports only scenario/ and core/.'],
    ...nodeBuiltins.map((r) => [r, 'machines/ is browser-safe: no Node module.']),
    ['^(ink|react)$', 'machines/ holds no view.'],
  ]),
  layer(['src/export/**/*.ts'], [
    [up(['machines', 'ui', 'web', 'cli', 'teach', 'bench', 'api']), 'export/ turns core data into tables and graphs: it imports core/ (and mc/ types) only.'],
    ...nodeBuiltins.map((r) => [r, 'export/ is browser-safe: no Node module.']),
  ]),
  layer(['src/api/**/*.ts'], [
    // cli/format/explain.ts is pure formatting (the explain report's data); the rest of cli/ is the CLI's.
    ['^(\\.\\./)+cli/(?!format/explain\\.js$)', 'api/ is a front end of its own: it imports no CLI code.'],
    [up(['ui', 'web', 'bench']), 'api/ imports no front end.'],
    ...nodeBuiltins.map((r) => [r, 'api/ is browser-safe (dist/api.js runs in a page): no Node module.']),
    ['^(ink|react)$', 'api/ holds no view.'],
  ]),
  layer(['src/mc/**/*.ts'], [[up(['cli', 'ui', 'web', 'teach']), 'mc/ imports nothing from cli/ or the front ends: cli/ calls it.']]),
  // mc/'s tallies, ensembles and results are browser-safe (the library runs Monte Carlo in a page); its
  // worker threads and pool are its Node adapters.
  layer(
    ['src/mc/**/*.ts'],
    [
      [up(['cli', 'ui', 'web', 'teach']), 'mc/ imports nothing from cli/ or the front ends: cli/ calls it.'],
      ...nodeBuiltins.map((r) => [r, "mc/'s tallies are browser-safe: Node modules stay in pool.ts, worker.ts and live.ts (pool-base.ts, the range dispatch the page shares, is browser-safe)."]),
    ],
    { ignores: ['src/mc/pool.ts', 'src/mc/worker.ts', 'src/mc/live.ts'] },
  ),
  layer(['src/teach/**/*.ts'], [
    [up(['cli', 'ui', 'web']), 'teach/ imports nothing from cli/ or the front ends: cli/ calls it.'],
    ...nodeBuiltins.map((r) => [r, "teach/'s renderers are browser-safe: the CLI writes their output to files."]),
  ]),
  layer(
    ['src/ui/**/*.{ts,tsx}'],
    [
      [up(['cli']), 'ui/ imports nothing from cli/ (types excepted): cli/ starts the UI.', true],
      [up(['teach', 'bench']), 'ui/ imports nothing from teach/ or bench/.'],
      [`${up(['core'])}(?!(${[...uiCoreFormatting, ...uiCoreToday].join('|')})\\.js$)`, 'ui/ imports from core/ only types and pure formatting; it reads the session through machines/.', true],
      [`${up(['machines'])}(engine|country[a-z-]*)\\.js$`, 'ui/ does not step runs: the session does, through machines/.'],
      [up(['scenario']), "ui/ does not read or write files: the session's adapters do (cli/session-files.ts hands it SessionFiles).", true],
    ],
  ),
  // The web page (issue 16) runs in a browser: no Node module anywhere in web/. It reads the session through
  // machines/ as the terminal UI does; the platform (web/platform) is its only door to files, links and workers.
  layer(['src/web/**/*.ts'], [
    [up(['ui', 'bench', 'fuzz']), 'web/ is a front end of its own: it imports no other front end.'],
    ['^(\\.\\./)+cli/(?!format/)', 'web/ imports no CLI code (pure formatting in cli/format excepted).'],
    ...nodeBuiltins.map((r) => [r, 'web/ runs in a browser: no Node module.']),
    ['^(ink|react)$', 'web/ renders the DOM, not ink.'],
  ]),
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
