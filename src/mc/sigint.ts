/** Ctrl-C during a long ensemble: abort it (workers are terminated) and let the command exit 130. */
export const EXIT_INTERRUPTED = 130;

export function abortOnSigint(): { signal: AbortSignal; dispose: () => void } {
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.on('SIGINT', onSigint);
  return { signal: ac.signal, dispose: () => process.off('SIGINT', onSigint) };
}
