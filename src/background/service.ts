import { dispatcher, type Handlers } from '../core/messages.ts';
import { parseUserProfiles } from '../core/profiles/index.ts';
import type { Profile } from '../core/profiles/schema.ts';
import { USER_PROFILES_KEY } from '../core/profiles/storage.ts';
import { GENERATOR } from '../core/version.ts';
import type { Platform, Unsubscribe } from '../platform/types.ts';
import { nextBadgeChange } from './badge.ts';
import { observeRequests } from './observe.ts';
import { ObservedRing } from './observed.ts';
import { type BackgroundOptionsInput, resolveOptions } from './options.ts';
import { permissionState } from './permissions.ts';
import { createTabStore, type TabStore } from './store.ts';

export interface Background {
  store: TabStore;
  /** Resolves when persisted state and user profiles are loaded. */
  ready: Promise<void>;
  stop: Unsubscribe;
}

/**
 * Wires the platform to the tab store: webRequest → engine → store → badge; tab close clears;
 * messages answer the popup. Listeners are added synchronously, before anything is awaited,
 * because an MV3 worker woken by an event only delivers it to listeners registered in the first
 * turn of its top-level script.
 */
export function startBackground(
  platform: Platform,
  input: BackgroundOptionsInput = {},
  schedule: (fn: () => void, ms: number) => void = (fn, ms) => setTimeout(fn, ms),
): Background {
  const options = resolveOptions(input);
  const store = createTabStore(platform.storage.session, options, schedule);
  let userProfiles: Profile[] = [];
  const applyProfiles = (raw: unknown) => {
    const parsed = parseUserProfiles(raw ?? []);
    // Storage written by an older version may no longer validate: keep the built-ins working.
    userProfiles = parsed.ok ? parsed.profiles : [];
    store.setUserProfiles(userProfiles);
  };
  const ready = Promise.all([
    store.ready,
    platform.storage.local.get<unknown>(USER_PROFILES_KEY).then(applyProfiles, () => {}),
  ]).then(() => {});

  const observed = new ObservedRing();
  const badgeTimers = new Map<number, number>();
  const updateBadge = (tabId: number) => {
    const now = platform.clock();
    const s = store.summary(tabId, now);
    void platform.badge.set(tabId, s?.badge ?? { text: '', color: '#00000000', title: 'API Lens' });
    // Throttle countdowns end and windows slide without new traffic: look again then.
    const next = s ? nextBadgeChange(s, s.rates, now) : undefined;
    if (next !== undefined && badgeTimers.get(tabId) !== next) {
      badgeTimers.set(tabId, next);
      schedule(
        () => {
          if (badgeTimers.get(tabId) !== next) return;
          badgeTimers.delete(tabId);
          updateBadge(tabId);
        },
        next - now + 50,
      );
    }
  };

  const summary = async (tabId: number) => {
    await ready;
    return store.summary(tabId, platform.clock()) ?? null;
  };
  const requests = observeRequests(
    platform.webRequest,
    ({ tabId, entry }) => {
      observed.record(tabId, entry);
      void ready.then(() => {
        if (store.record(tabId, entry)) updateBadge(tabId);
      });
    },
    options.maxPendingRequests,
  );
  const handlers: Handlers = {
    'summary:get': ({ tabId }) => summary(tabId),
    async 'summary:clear'({ tabId }) {
      await ready;
      store.clear(tabId);
      updateBadge(tabId);
      return { ok: true };
    },
    async 'summary:export'({ tabId }) {
      const s = await summary(tabId);
      return (
        s && { generator: { ...GENERATOR }, exportedAt: new Date(s.now).toISOString(), summary: s }
      );
    },
    'observed:get': ({ tabId, since, until }) => ({
      entries: observed.between(tabId, since, until),
      unfinished: requests.unfinished(tabId, since, until),
    }),
    'permissions:get': () => permissionState(platform.permissions, userProfiles),
    async 'settings:changed'() {
      applyProfiles(await platform.storage.local.get<unknown>(USER_PROFILES_KEY));
      return { ok: true };
    },
  };

  const offs: Unsubscribe[] = [
    requests.stop,
    platform.tabs.onRemoved((tabId) => {
      observed.clear(tabId);
      void ready.then(() => store.clear(tabId));
    }),
    platform.messaging.onMessage(dispatcher(handlers)),
    platform.storage.local.onChanged((changes) => {
      if (USER_PROFILES_KEY in changes) applyProfiles(changes[USER_PROFILES_KEY]);
    }),
  ];

  return {
    store,
    ready,
    stop() {
      for (const off of offs) off();
    },
  };
}
