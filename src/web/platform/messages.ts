/**
 * The CLI's messages about saved files, as the page shows them: the same words, except the advice to use a
 * command-line flag the page does not have (`--rebase`): a page opens a file with the scenario it was saved from.
 */
export const NO_REBASE = /; --rebase replays its choices against this version$/;

/** An error as one line of the page (a ScenarioError as `file:line:col: …`, as the CLI prints it). */
export function oneLine(err: unknown): string {
  const m = err instanceof Error ? ((err as { format?: () => string }).format?.() ?? err.message) : String(err);
  return m.replace(/\s*[\r\n]+\s*/g, ' ').replace(NO_REBASE, '');
}
