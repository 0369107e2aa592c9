/**
 * The `format` key of every JSON document geosim prints, one name per kind of output and a version. Each has
 * a JSON Schema in docs/schemas/ (docs/data.md lists them), and the suite checks real output against it.
 */
export const FORMATS = {
  runResult: 'geosim-run-result/1',
  mcResult: 'geosim-mc-result/2',
  sweepResult: 'geosim-sweep-result/1',
  explain: 'geosim-explain/1',
  explainIndicator: 'geosim-explain-indicator/1',
  scenarioList: 'geosim-scenario-list/1',
  validateReport: 'geosim-validate-report/1',
  series: 'geosim-series/1',
} as const;

export type FormatName = (typeof FORMATS)[keyof typeof FORMATS];

/** `value` with its format key first, pretty-printed as the CLI prints JSON. */
export function jsonDocument(format: FormatName, value: object): string {
  return `${JSON.stringify({ format, ...value }, null, 2)}\n`;
}
