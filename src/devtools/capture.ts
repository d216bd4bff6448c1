import type { Entry } from 'har-format';
import type { DevtoolsApi, DevtoolsRequest, Unsubscribe } from '../platform/types.ts';
import { RecoveryLedger } from './recovery.ts';
import type { Body, BodyState, PanelStore } from './store.ts';

/** Time, injected so tests drive it: `after` runs `f` once, `ms` from now, unless cancelled. */
export interface CaptureTimers {
  now(): number;
  after(ms: number, f: () => void): () => void;
}

export const realTimers: CaptureTimers = {
  now: () => Date.now(),
  after(ms, f) {
    const t = setTimeout(f, ms);
    return () => clearTimeout(t);
  },
};

export const CAPTURE_TIMING = {
  /** A body DevTools has not served by then is given up (marked dropped); the queue moves on. */
  bodyTimeoutMs: 3_000,
  /** After a navigation, late reports may still arrive; recovery waits this long for them. */
  graceMs: 1_500,
  /** getHAR() snapshots continue this long after the last reported request. */
  activeMs: 2_000,
  /** Snapshot spacing: ten times what the last one took, within these bounds (DevTools' cost). */
  minIntervalMs: 20,
  maxIntervalMs: 1_000,
  /** Requests started this long before the previous navigation still count as the page's. */
  pageSlackMs: 2_000,
};

/** Resolves with the body, or null when DevTools dropped it or did not answer in time. */
function fetchBody(req: DevtoolsRequest, after: CaptureTimers['after'], ms: number): Promise<Body> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (b: Body) => {
      if (done) return;
      done = true;
      cancel();
      resolve(b);
    };
    const cancel = after(ms, () => finish({ text: null }));
    req.getContent().then(finish, () => finish({ text: null }));
  });
}

/**
 * Feeds the live session from DevTools; loses no request DevTools logged.
 * - Each body is asked for the moment its request finishes (DevTools drops bodies at a
 *   navigation and evicts them under pressure); one that never comes is marked dropped after
 *   `bodyTimeoutMs`, so it cannot stall the requests queued behind it.
 * - Requests are ingested in the order they finished, navigations in between.
 * - Requests made before the panel opened are backfilled from getHAR() (without bodies:
 *   DevTools reports none there).
 * - Requests DevTools logged but never reported finished are recovered from getHAR()
 *   snapshots after the next navigation (see recovery.ts), without their bodies.
 */
export function startCapture(
  store: PanelStore,
  devtools: DevtoolsApi,
  onSubscribed: () => void = () => {},
  timers: CaptureTimers = realTimers,
): Unsubscribe {
  const T = CAPTURE_TIMING;
  const ledger = new RecoveryLedger();
  const cancels = new Set<() => void>();
  let stopped = false;
  let activeUntil = 0;
  let interval = T.minIntervalMs;
  let snapshotting = false;
  let scheduled = false;
  let pageSince = Number.NEGATIVE_INFINITY;

  // Every timer is cancelled when capture stops.
  const later = (ms: number, f: () => void) => {
    const cancel = timers.after(ms, () => {
      cancels.delete(cancel);
      f();
    });
    cancels.add(cancel);
    return () => {
      cancels.delete(cancel);
      cancel();
    };
  };
  const ingestAll = (entries: Entry[], state: BodyState) => {
    for (const e of entries) store.ingest(e, undefined, state);
  };

  // Backfill first; live requests queue behind it so the session stays in time order.
  let chain: Promise<void> = devtools.getHAR().then(
    (log) => {
      if (!stopped) ingestAll(ledger.takeUnseen(log.entries ?? []), 'not-captured');
    },
    () => {},
  );

  function snapshot() {
    scheduled = false;
    if (stopped || snapshotting) return;
    snapshotting = true;
    const started = timers.now();
    devtools.getHAR().then(
      (log) => {
        snapshotting = false;
        if (stopped) return;
        const took = timers.now() - started;
        interval = Math.min(T.maxIntervalMs, Math.max(T.minIntervalMs, took * 10));
        ledger.snapshot(log.entries ?? []);
        keepSnapshotting();
      },
      () => {
        snapshotting = false;
      },
    );
  }
  function keepSnapshotting() {
    if (stopped || scheduled || snapshotting || timers.now() >= activeUntil) return;
    scheduled = true;
    later(interval, snapshot);
  }

  const offFinished = devtools.onRequestFinished((req) => {
    // Counted even while paused, so a paused request is never "recovered" later.
    if (!ledger.reported(req.entry)) return;
    activeUntil = timers.now() + T.activeMs;
    keepSnapshotting();
    if (store.getState().paused) return;
    const body = fetchBody(req, later, T.bodyTimeoutMs);
    chain = chain.then(async () => {
      const b = await body;
      if (stopped) return;
      const captured = b.text !== null;
      store.ingest(req.entry, captured ? b : undefined, captured ? 'captured' : 'evicted');
    });
  });

  // Through the queue, so requests that finished before the navigation land before it clears.
  const offNavigated = devtools.onNavigated(() => {
    const since = pageSince - T.pageSlackMs;
    const until = timers.now();
    pageSince = until;
    chain = chain.then(() => {
      if (!stopped) store.navigated();
    });
    // Late reports get `graceMs` to arrive; then one more look at DevTools' log, and recovery.
    later(T.graceMs, () => {
      chain = chain.then(async () => {
        const log = await devtools.getHAR().catch(() => undefined);
        if (stopped) return;
        if (log) ledger.snapshot(log.entries ?? []);
        const lost = ledger.recover(since, until);
        // Without "preserve log" the page they belong to is gone from the session already.
        if (store.getState().preserveLog) ingestAll(lost, 'recovered');
      });
    });
  });
  onSubscribed();
  return () => {
    stopped = true;
    offFinished();
    offNavigated();
    for (const cancel of cancels) cancel();
    cancels.clear();
  };
}
