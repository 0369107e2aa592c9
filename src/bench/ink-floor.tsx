/**
 * The smallest ink app, bundled like the UI (dist/ink-floor.js): one line of coloured text, drawn once. It is the
 * reference `npm run bench` measures the UI's first frame against, in the same run and the same terminal: what
 * Node, React, ink and yoga cost before any frame, on this machine, with nothing of geosim in it. (The goal of
 * ≤ 250 ms to the first frame cannot be nearer than this.) It writes the same timestamps as the UI
 * (GEOSIM_BENCH_FILE: `# phase time` lines, then one line per frame) and quits on any key.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.GEOSIM_BENCH_FILE;
const epoch = () => (performance.timeOrigin + performance.now()).toFixed(3);
const mark = (phase: string, at = epoch()) => {
  if (file) appendFileSync(file, `# ${phase} ${at}\n`);
};

mark('process', performance.timeOrigin.toFixed(3));
mark('startUi');
// As the UI does (src/ui/main.tsx): React's production build, and no CI guess that would hold every frame back.
const env = process.env;
if (env.NODE_ENV === undefined) env.NODE_ENV = 'production';
for (const k of ['CI', 'CONTINUOUS_INTEGRATION']) if (env[k] !== undefined) env[k] = '0';
const [{ render, Text }, react] = await Promise.all([import('ink'), import('react')]);
mark('ui-loaded');
const app = render(react.default.createElement(Text, { color: 'green' }, 'geosim bench: the smallest ink app (press any key)'), {
  ...(file ? { onRender: (m: { renderTime: number }) => appendFileSync(file, `${epoch()} ${m.renderTime.toFixed(3)}\n`) } : {}),
});
if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.once('data', () => {
  app.unmount();
  process.exit(0);
});
