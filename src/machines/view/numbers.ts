/**
 * The UI's one rounding rule, so that every number on screen adds up (issue 13): a value is shown rounded half
 * away from zero to a fixed number of digits (whole points for scores, whole percents for odds, one decimal for
 * tension); a change is shown as the difference of the two values as shown, never as the rounded difference of
 * the values underneath (which would print `−3` next to a matrix going 40 → 38); and a change that does not show
 * (`28%→28%`, `−93→−93`) is not listed at all.
 */

/** `x` rounded half away from zero to `digits` decimals (37.5 → 38, −2.5 → −3), never −0. */
export function rounded(x: number, digits = 0): number {
  const f = 10 ** digits;
  // The tiny nudge keeps binary fractions honest: 1.005 is stored as 1.00499…, and shows as 1.01 either way.
  const r = (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
  return r === 0 ? 0 : r;
}

/** The change between two values as they are shown: shown(after) − shown(before). */
export function shownChange(before: number, after: number, digits = 0): number {
  return rounded(rounded(after, digits) - rounded(before, digits), digits);
}

/** Whether a change shows at all at this precision. */
export function changeShows(before: number, after: number, digits = 0): boolean {
  return shownChange(before, after, digits) !== 0;
}

/** A probability as a whole percent under the same rule (0.285 → 29). */
export function percentOf(p: number): number {
  return rounded(p * 100);
}
