import type { DevtoolsApi, Unsubscribe } from '../platform/types.ts';
import { type Body, entryKey, type PanelStore } from './store.ts';

/**
 * Feeds the live session from DevTools. Each body is fetched the moment its request finishes
 * (DevTools drops bodies on navigation and evicts them under pressure), and requests are
 * ingested in the order they finished. Requests made before the panel opened are backfilled
 * from getHAR() (without bodies: DevTools reports none there), skipping any seen live.
 */
export function startCapture(
  store: PanelStore,
  devtools: DevtoolsApi,
  onSubscribed: () => void = () => {},
): Unsubscribe {
  // Requests reported live before the backfill resolved; counted, since two identical requests
  // can start in the same millisecond (a burst) and both must be kept.
  const liveKeys = new Map<string, number>();
  let stopped = false;
  let backfilled = false;
  // Backfill first; live requests queue behind it so the session stays in time order.
  let chain: Promise<void> = devtools.getHAR().then(
    (log) => {
      if (stopped) return;
      for (const e of log.entries ?? []) {
        const key = entryKey(e);
        const live = liveKeys.get(key) ?? 0;
        if (live > 0) liveKeys.set(key, live - 1);
        else store.ingest(e, undefined, 'not-captured');
      }
      liveKeys.clear();
      backfilled = true;
    },
    () => {
      backfilled = true;
    },
  );

  const offFinished = devtools.onRequestFinished((req) => {
    if (store.getState().paused) return;
    if (!backfilled) {
      const key = entryKey(req.entry);
      liveKeys.set(key, (liveKeys.get(key) ?? 0) + 1);
    }
    const body: Promise<Body> = req.getContent().catch(() => ({ text: null }));
    chain = chain.then(async () => {
      const b = await body;
      if (stopped) return;
      const captured = b.text !== null;
      store.ingest(req.entry, captured ? b : undefined, captured ? 'captured' : 'evicted');
    });
  });
  // Through the queue, so requests that finished before the navigation land before it clears.
  const offNavigated = devtools.onNavigated(() => {
    chain = chain.then(() => {
      if (!stopped) store.navigated();
    });
  });
  onSubscribed();
  return () => {
    stopped = true;
    offFinished();
    offNavigated();
  };
}
