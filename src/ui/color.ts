/** Whether the UI uses colour: on unless NO_COLOR is set to something non-empty (https://no-color.org) or TERM=dumb. */
export function colorFromEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}
