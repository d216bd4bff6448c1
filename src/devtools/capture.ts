import type { Entry } from 'har-format';
import type { DevtoolsApi, DevtoolsRequest, Unsubscribe } from '../platform/types.ts';
import { ObservedLedger } from './observed.ts';
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
  /**
   * Firefox: while webRequest has not seen every request of the page finish, the background is
   * asked again this often, for at most `unfinishedMaxMs` after the grace period. Some requests
   * outlive the navigation (`keepalive` fetches, beacons), and a cancelled one's end can reach
   * the background late on a loaded machine; no later window reaches back to them.
   */
  unfinishedPollMs: 250,
  unfinishedMaxMs: 10_000,
  /** getHAR() snapshots continue this long after the last reported request. */
  activeMs: 2_000,
  /** Snapshot spacing: ten times what the last one took, within these bounds (DevTools' cost). */
  minIntervalMs: 20,
  maxIntervalMs: 1_000,
  /** Requests started this long before the previous navigation still count as the page's. */
  pageSlackMs: 2_000,
  /**
   * No snapshot while busy that would list more requests than this: DevTools hands the whole
   * log over in one message, which the panel's thread unpacks in one task (~27 µs a request:
   * bench trace, 26.7 ms at 1,000, and on a loaded machine that task's scavenge and wait for a
   * core made it 100-300 ms long). 250 keeps it inside a slice (slices.ts, 8 ms). Larger pages
   * are recovered by the snapshot after each navigation, complete with DevTools' own "Preserve
   * log" on (recovery.ts); busy snapshots were best-effort anyway, and on a log that size their
   * spacing (ten times what one took) let most short requests through.
   */
  maxBusySnapshotEntries: 250,
};

/** What DevTools serves for a body: the body, or null when it dropped it. */
function askBody(req: DevtoolsRequest): Promise<Body> {
  return req.getContent().then(
    (b) => b,
    () => ({ text: null }),
  );
}

/** Resolves with `content`, or with 'late' once `ms` have passed without it. */
function within(content: Promise<Body>, after: CaptureTimers['after'], ms: number) {
  return new Promise<Body | 'late'>((resolve) => {
    let done = false;
    const finish = (b: Body | 'late') => {
      if (done) return;
      done = true;
      cancel();
      resolve(b);
    };
    const cancel = after(ms, () => finish('late'));
    content.then(finish);
  });
}

/**
 * Feeds the live session from DevTools; loses no request DevTools logged.
 * - Each body is asked for the moment its request finishes (DevTools drops bodies at a
 *   navigation and evicts them under pressure); after `bodyTimeoutMs` without it the row is
 *   added as dropped, so it cannot stall the requests queued behind it, and takes the body if
 *   DevTools still serves it later.
 * - Requests are ingested in the order they finished, navigations in between.
 * - Requests made before the panel opened are backfilled from getHAR() (without bodies:
 *   DevTools reports none there).
 * - Requests DevTools logged but never reported finished are recovered from getHAR()
 *   snapshots after the next navigation (see recovery.ts), without their bodies; a report
 *   that still comes later gives its recovered row the body. Only where getHAR() is safe while
 *   the page is busy (not in Firefox: DevTools' `harWhileBusy`).
 * - Where it is not (Firefox), with preserve log on, the requests of the page it left that
 *   DevTools never reported are recovered from the background's webRequest observations
 *   (`observed`; none without host access), the same way (see observed.ts).
 */
export interface CaptureOptions {
  /** Called once the listeners are in place (requests made after this are seen). */
  onSubscribed?: () => void;
  timers?: CaptureTimers;
  /** Bodies awaited plus navigations awaiting recovery; 0 when capture has settled. */
  onPending?: (pending: number) => void;
  /** How many navigations capture has handled (rows before it in, recovery done), in order. */
  onNavigationHandled?: (handled: number) => void;
  /**
   * The inspected tab's requests webRequest saw start in [since, until) and finish (the
   * background's), and how many more started then and are not finished yet.
   */
  observed?: (since: number, until: number) => Promise<{ entries: Entry[]; unfinished: number }>;
}

export function startCapture(
  store: PanelStore,
  devtools: DevtoolsApi,
  {
    onSubscribed = () => {},
    timers = realTimers,
    onPending = () => {},
    onNavigationHandled = () => {},
    observed,
  }: CaptureOptions = {},
): Unsubscribe {
  const T = CAPTURE_TIMING;
  let pending = 0;
  const track = (by: number) => {
    pending += by;
    onPending(pending);
  };
  const ledger = new RecoveryLedger();
  const cancels = new Set<() => void>();
  let stopped = false;
  let activeUntil = 0;
  let interval = T.minIntervalMs;
  let snapshotting = false;
  let scheduled = false;
  let pageSince = Number.NEGATIVE_INFINITY;
  let navigationsHandled = 0;
  let logSize = 0;
  /** Requests reported since DevTools' log was last read: it grew by about that much. */
  let reportedSince = 0;
  const logSizeNow = (entries: readonly Entry[] | undefined) => {
    logSize = entries?.length ?? 0;
    reportedSince = 0;
  };
  const withinBound = () => logSize + reportedSince <= T.maxBusySnapshotEntries;
  const recovering = devtools.harWhileBusy;
  const fromObserved = !recovering && observed ? new ObservedLedger() : undefined;

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
      logSizeNow(log.entries);
      if (stopped) return;
      const unseen = ledger.takeUnseen(log.entries ?? []);
      for (const e of unseen) fromObserved?.reported(e);
      ingestAll(unseen, 'not-captured');
    },
    () => {},
  );

  function snapshot() {
    scheduled = false;
    // The log may have outgrown the bound while this waited for its turn.
    if (stopped || snapshotting || !withinBound()) return;
    snapshotting = true;
    const started = timers.now();
    devtools.getHAR().then(
      (log) => {
        snapshotting = false;
        if (stopped) return;
        const took = timers.now() - started;
        interval = Math.min(T.maxIntervalMs, Math.max(T.minIntervalMs, took * 10));
        logSizeNow(log.entries);
        ledger.snapshot(log.entries ?? []);
        keepSnapshotting();
      },
      () => {
        snapshotting = false;
      },
    );
  }
  function keepSnapshotting() {
    if (!recovering || stopped || scheduled || snapshotting || timers.now() >= activeUntil) return;
    // Recovered rows are kept only with preserve log (the page they belong to is cleared).
    if (!store.getState().preserveLog || !withinBound()) return;
    scheduled = true;
    later(interval, snapshot);
  }

  const offFinished = devtools.onRequestFinished((req) => {
    // Counted even while paused, so a paused request is never "recovered" later.
    const late = ledger.reported(req.entry) === 'late';
    reportedSince++;
    // Recovered from webRequest already: its row exists (it keeps "body not captured").
    if (fromObserved && !fromObserved.reported(req.entry)) return;
    if (!late) {
      activeUntil = timers.now() + T.activeMs;
      keepSnapshotting();
    }
    if (store.getState().paused) return;
    const content = askBody(req);
    const body = within(content, later, T.bodyTimeoutMs);
    track(1);
    chain = chain.then(async () => {
      const b = await body;
      track(-1);
      if (stopped) return;
      // Reported after its recovery (a loaded machine): its row takes the body, if DevTools has it.
      if (late) {
        void (b === 'late' ? content : Promise.resolve(b)).then((c) => {
          if (!stopped) store.upgradeRecovered(req.entry, c);
        });
        return;
      }
      if (b !== 'late') {
        const captured = b.text !== null;
        store.ingest(req.entry, captured ? b : undefined, captured ? 'captured' : 'evicted');
        return;
      }
      // Not served in time: the row goes in now, and takes the body if it still comes.
      const row = store.ingest(req.entry, undefined, 'evicted');
      if (row)
        void content.then((c) => {
          if (!stopped) store.attachBody(row.id, req.entry, c);
        });
    });
  });

  const handled = () => {
    if (!stopped) onNavigationHandled(++navigationsHandled);
  };
  // Through the queue, so requests that finished before the navigation land before it clears.
  const offNavigated = devtools.onNavigated(() => {
    const since = pageSince - T.pageSlackMs;
    const until = timers.now();
    pageSince = until;
    chain = chain.then(() => {
      if (!stopped) store.navigated();
    });
    if (fromObserved && store.getState().preserveLog) {
      recoverObserved(fromObserved, since, until);
      return;
    }
    if (!recovering) {
      chain = chain.then(handled);
      return;
    }
    // Chromium: one more look at DevTools' log, and what it holds that was never reported.
    recoverAfterGrace(async () => {
      const log = await devtools.getHAR().catch(() => undefined);
      if (log) {
        logSizeNow(log.entries);
        ledger.snapshot(log.entries ?? []);
      }
      return ledger.recover(since, until);
    });
  });
  /** Late reports get `graceMs` to arrive; then, on the queue, `lost()` rows are recovered. */
  function recoverAfterGrace(lost: () => Promise<Entry[]>) {
    track(1);
    later(T.graceMs, () => {
      chain = chain.then(async () => {
        const entries = await lost();
        track(-1);
        if (stopped) return;
        // Without "preserve log" the page they belong to is gone from the session already.
        if (store.getState().preserveLog) ingestAll(entries, 'recovered');
        handled();
      });
    });
  }
  /**
   * Firefox: after `graceMs`, what webRequest saw of the page that DevTools did not report;
   * asked again while some of the page's requests have not finished. Live rows keep coming
   * meanwhile; the navigation counts as handled after the last answer.
   */
  function recoverObserved(book: ObservedLedger, since: number, until: number) {
    track(1);
    const giveUpAt = timers.now() + T.graceMs + T.unfinishedMaxMs;
    const ask = () => {
      void observed!(Math.max(0, since), until)
        .catch(() => ({ entries: [], unfinished: 0 }))
        .then(({ entries, unfinished }) => {
          const again = unfinished > 0 && timers.now() < giveUpAt;
          chain = chain.then(() => {
            if (stopped) return;
            // Without "preserve log" the page they belong to is gone from the session already.
            if (store.getState().preserveLog)
              ingestAll(book.missing(entries, since, until), 'recovered');
            if (again) return;
            track(-1);
            handled();
          });
          if (again && !stopped) later(T.unfinishedPollMs, ask);
        });
    };
    later(T.graceMs, ask);
  }
  onSubscribed();
  return () => {
    stopped = true;
    offFinished();
    offNavigated();
    for (const cancel of cancels) cancel();
    cancels.clear();
  };
}
