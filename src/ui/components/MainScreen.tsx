/** The main view: timeline beside the relation matrix, postures and tension; below, the step or the decision here. */
import { Box } from 'ink';
import type { SessionData } from '../../machines/session-logic.js';
import type { MainLayout } from '../layout.js';
import { Lines } from './Line.js';
import { sideLines, timelineLines } from './main-lines.js';
import { decisionLines, eventLines } from './detail-lines.js';
import { pendingHere } from '../ui-state.js';
import type { Draft, Forecasts } from '../forecast.js';
import { forecastLines } from './forecast-lines.js';

export function MainScreen({
  data,
  postures,
  option,
  layout,
  forecast,
  recorded,
  hideSpoilers = false,
}: {
  data: SessionData;
  /** Each actor's posture now, read off the session's country actors (selectors.ts `posturesNow`). */
  postures: Readonly<Record<string, string>>;
  option: number;
  layout: MainLayout;
  forecast?: Draft | null;
  recorded?: Forecasts;
  /** Role-play or forecast-first: the decision hides its prediction and outcome until it is made. */
  hideSpoilers?: boolean;
}) {
  const L = layout;
  const detail = forecast
    ? forecastLines(data, forecast, L.width, L.detail)
    : pendingHere(data) ? decisionLines(data, option, L.width, L.detail, recorded, hideSpoilers) : eventLines(data, L.width, L.detail, recorded);
  return (
    <Box flexDirection="column" width={L.width} height={L.top + L.detail}>
      <Box flexDirection="row" height={L.top}>
        <Lines lines={timelineLines(data, L.timelineW, L.top)} width={L.timelineW} height={L.top} />
        <Box width={2} />
        <Lines lines={sideLines(data, postures, L.rightW, L.cellW, L.posturesPerLine, L.postureW)} width={L.rightW} height={L.top} />
      </Box>
      <Lines lines={detail} width={L.width} height={L.detail} />
    </Box>
  );
}
