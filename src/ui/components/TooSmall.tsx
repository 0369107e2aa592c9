/**
 * Shown instead of a garbled frame when the terminal is smaller than the UI needs: only this notice (and the
 * quit question, when q asked it), since only q and Ctrl-C act at this size.
 */
import { Box, Text } from 'ink';
import { MIN_COLS, MIN_ROWS } from '../layout.js';
import { Line, type LineSpec } from './Line.js';

export function TooSmall({ columns, rows, question }: { columns: number; rows: number; question?: LineSpec | undefined }) {
  const lines = [
    `geosim needs a terminal of at least ${MIN_COLS}×${MIN_ROWS};`,
    `this one is ${columns}×${rows}.`,
    'Enlarge the window (or reduce the font size).',
    'q quits (Ctrl-C too); other keys wait for a larger window.',
  ];
  return (
    <Box flexDirection="column" width={columns} height={Math.max(1, rows - 1)}>
      {lines.slice(0, Math.max(1, rows - 1)).map((l, i) => (
        <Text key={i} wrap="truncate-end" bold={i === 0}>
          {l}
        </Text>
      ))}
      {question && rows - 1 > lines.length ? <Line line={question} width={columns} /> : null}
    </Box>
  );
}
