/** Shown instead of a garbled frame when the terminal is smaller than the UI needs. */
import { Box, Text } from 'ink';
import { MIN_COLS, MIN_ROWS } from '../layout.js';
import { Line, type LineSpec } from './Line.js';

export function TooSmall({ columns, rows, message }: { columns: number; rows: number; message?: LineSpec }) {
  const lines = [
    `geosim needs a terminal of at least ${MIN_COLS}×${MIN_ROWS};`,
    `this one is ${columns}×${rows}.`,
    'Enlarge the window (or reduce the font size).',
    'q quits.',
  ];
  return (
    <Box flexDirection="column" width={columns} height={Math.max(1, rows - 1)}>
      {lines.slice(0, Math.max(1, rows - 1)).map((l, i) => (
        <Text key={i} wrap="truncate-end" bold={i === 0}>
          {l}
        </Text>
      ))}
      {message && rows - 1 > lines.length ? <Line line={message} width={columns} /> : null}
    </Box>
  );
}
