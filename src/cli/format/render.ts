/** A run's report in the requested format. JSON is exactly `summarize(...)`, which replay reproduces byte for byte. */
import type { Scenario } from '../../core/model.js';
import type { RunSummary } from '../../core/summary.js';
import type { Theme } from '../theme.js';
import type { OutputFormat } from '../run-options.js';
import { runText } from './run-text.js';
import { runMarkdown } from './run-markdown.js';

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function renderRun(format: OutputFormat, scenario: Scenario, summary: RunSummary, theme: Theme): string {
  if (format === 'json') return json(summary);
  if (format === 'markdown') return runMarkdown(scenario, summary);
  return runText(scenario, summary, theme);
}
