import type { Entry } from 'har-format';
import { z } from 'zod';
import { createEngine, type Engine } from '../core/engine.ts';
import { isApiTraffic } from '../core/har/traffic.ts';
import { type RateMeter, TabCounters, type TabSummary } from '../core/messages.ts';
import type { Profile } from '../core/profiles/schema.ts';
import { RateTracker } from '../core/rate/index.ts';
import type { RateState } from '../core/rate/types.ts';
import { byUrgency } from '../core/rate/urgency.ts';
import type { KeyValueArea } from '../platform/types.ts';
import { computeBadge } from './badge.ts';
import type { BackgroundOptions } from './options.ts';
import { countRequest, emptyCounters } from './tab-state.ts';

/**
 * Per-tab state: one core engine per tab (its own RateTracker, like the panel's one engine per
 * inspected tab, so the numbers agree) and the tab's counters. Persisted to storage.session,
 * debounced, so a service-worker restart loses nothing; storage.session is memory-only and
 * cleared when the browser quits, and what we put there holds fingerprints, never credentials.
 */
export const STORAGE_KEY = 'apiLens.tabs';

const Persisted = z.object({
  v: z.literal(1),
  tabs: z.record(z.string(), z.object({ counters: TabCounters, rate: z.unknown() })),
});

interface Tab {
  engine: Engine;
  counters: TabCounters;
}

export interface TabStore {
  /** Resolves once the persisted state is restored; events before that are applied after it. */
  readonly ready: Promise<void>;
  /** Annotates and counts one request; returns false when it is not API traffic. */
  record(tabId: number, entry: Entry): boolean;
  summary(tabId: number, now: number): TabSummary | undefined;
  clear(tabId: number): void;
  tabIds(): number[];
  setUserProfiles(profiles: readonly Profile[]): void;
  /** Writes pending changes now (tests; before the worker is suspended). */
  flush(): Promise<void>;
}

function meter(s: RateState): RateMeter {
  const { perSecond: _perSecond, polling, ...rest } = s;
  return {
    ...rest,
    ...(polling?.advice ? { pollingAdvice: polling.advice } : {}),
  };
}

export function createTabStore(
  storage: KeyValueArea,
  options: BackgroundOptions,
  schedule: (fn: () => void, ms: number) => void = (fn, ms) => setTimeout(fn, ms),
): TabStore {
  const tabs = new Map<number, Tab>();
  let userProfiles: readonly Profile[] = [];
  // Matches URLs to profiles for tabs not yet seen, without creating their engine.
  let matcher = createEngine();
  let dirty = false;
  let timer = false;

  const newTab = (rate?: RateTracker): Tab => ({
    engine: createEngine({ userProfiles: [...userProfiles], ...(rate ? { rate } : {}) }),
    counters: emptyCounters(),
  });

  const ready = storage.get<unknown>(STORAGE_KEY).then(
    (raw) => {
      const parsed = Persisted.safeParse(raw);
      // A snapshot from another version, or none: start empty rather than fail.
      if (!parsed.success) return;
      for (const [id, t] of Object.entries(parsed.data.tabs)) {
        // Traffic recorded while we were restoring wins over nothing; merge is not worth it.
        if (tabs.has(Number(id))) continue;
        const tab = newTab(RateTracker.fromJSON(t.rate));
        tab.counters = t.counters;
        tabs.set(Number(id), tab);
      }
    },
    () => {},
  );

  async function write(): Promise<void> {
    dirty = false;
    const out: z.infer<typeof Persisted> = { v: 1, tabs: {} };
    for (const [id, t] of tabs)
      out.tabs[id] = { counters: t.counters, rate: t.engine.rate.toJSON() };
    await storage.set(STORAGE_KEY, out);
  }

  function persist(): void {
    dirty = true;
    if (timer) return;
    timer = true;
    schedule(() => {
      timer = false;
      if (dirty) void write();
    }, options.persistDebounceMs);
  }

  return {
    ready,
    record(tabId, entry) {
      let tab = tabs.get(tabId);
      const { profile } = (tab?.engine ?? matcher).profileFor(entry.request.url);
      if (!isApiTraffic(entry, profile.id)) return false;
      if (!tab) {
        tab = newTab();
        tabs.set(tabId, tab);
      }
      const a = tab.engine.annotate(entry, { text: null });
      countRequest(tab.counters, entry, a, options.maxRecentErrors, userProfiles);
      persist();
      return true;
    },
    summary(tabId, now) {
      const tab = tabs.get(tabId);
      if (!tab) return undefined;
      const rates = byUrgency(tab.engine.rate.states(now)).map(meter);
      const c = tab.counters;
      return {
        v: 1,
        tabId,
        now,
        ...structuredClone(c),
        rates,
        badge: computeBadge(c, rates, now, options.badge),
      };
    },
    clear(tabId) {
      if (tabs.delete(tabId)) persist();
    },
    tabIds: () => [...tabs.keys()],
    setUserProfiles(profiles) {
      userProfiles = profiles;
      matcher = createEngine({ userProfiles: [...profiles] });
      for (const t of tabs.values()) {
        t.engine = createEngine({ userProfiles: [...profiles], rate: t.engine.rate });
      }
    },
    async flush() {
      await ready;
      if (dirty) await write();
    },
  };
}
