/**
 * One terminal line made of styled segments, cut to its width: views build lines, so no frame can grow taller.
 * No box uses overflow="hidden": every line is cut to its width here (and ink truncates by display width), every
 * block to its height in `Lines`, and the root is rows-1 high. Clipping would make ink slice every line of every
 * frame with slice-ansi, which was the largest cost of a frame.
 */
import { Box, Text } from 'ink';
import { useTheme, type Role } from '../theme.js';
import { truncate, visible } from '../../machines/view/text.js';

export interface Seg {
  readonly text: string;
  readonly role?: Role;
  /** A raw ink colour (a band's); dropped when colour is off. */
  readonly color?: string | undefined;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
}

export type LineSpec = string | readonly Seg[];

export function segs(line: LineSpec): readonly Seg[] {
  return typeof line === 'string' ? [{ text: line }] : line;
}

export function lineText(line: LineSpec): string {
  return segs(line).map((s) => s.text).join('');
}

export function Line({ line, width }: { line: LineSpec; width: number }) {
  const theme = useTheme();
  let left = width;
  const parts: Seg[] = [];
  for (const s of segs(line)) {
    if (left <= 0) break;
    const shown = visible(s.text);
    const text = shown.length > left ? truncate(shown, left) : shown;
    left -= text.length;
    parts.push({ ...s, text });
  }
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end" {...(theme.text ? { color: theme.text } : {})}>
        {parts.length === 0
          ? ' '
          : parts.map((s, i) => (
              <Text
                key={i}
                color={(s.role ? theme.fg(s.role) : theme.band(s.color)) ?? theme.text}
                bold={s.bold ?? false}
                dimColor={(s.dim ?? false) && theme.dims}
                inverse={s.inverse ?? false}
              >
                {s.text}
              </Text>
            ))}
      </Text>
    </Box>
  );
}

/** A block of exactly `height` lines (padded with blanks, cut when longer). */
export function Lines({ lines, width, height }: { lines: readonly LineSpec[]; width: number; height: number }) {
  const shown = lines.slice(0, Math.max(0, height));
  return (
    <Box flexDirection="column" width={width} height={Math.max(0, height)}>
      {shown.map((l, i) => (
        <Line key={i} line={l} width={width} />
      ))}
    </Box>
  );
}
