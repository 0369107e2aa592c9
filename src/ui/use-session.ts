/**
 * The session snapshot as React state, coalesced: the machine may change many times in a burst (five quick
 * steps, a re-simulation) but the view updates at most once per `frameMs` (leading and trailing edge), so the
 * UI never redraws faster than the eye can follow. frameMs 0 updates on every change (tests).
 */
import { useEffect, useState } from 'react';
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { sessionMachine } from '../machines/session.js';

export type SessionActor = ActorRefFrom<typeof sessionMachine>;
export type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

export function useSessionSnapshot(actor: SessionActor, frameMs: number): SessionSnapshot {
  const [snap, setSnap] = useState(() => actor.getSnapshot());
  useEffect(() => {
    let last = 0;
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      last = performance.now();
      setSnap(actor.getSnapshot());
    };
    const sub = actor.subscribe(() => {
      if (timer) return;
      const wait = last + frameMs - performance.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    });
    setSnap(actor.getSnapshot());
    return () => {
      sub.unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [actor, frameMs]);
  return snap;
}
