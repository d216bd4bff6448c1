import type { Entry, Log } from 'har-format';
import browser from 'webextension-polyfill';
import type {
  DevtoolsApi,
  DevtoolsRequest,
  KeyValueArea,
  ObservedCompletion,
  ObservedError,
  ObservedRequest,
  Platform,
  Unsubscribe,
} from './types.ts';

/** Adds a listener to a WebExtension event and returns its remover. */
function on<F extends (...args: never[]) => unknown>(
  event: { addListener(f: F, ...rest: never[]): void; removeListener(f: F): void },
  listener: F,
  ...rest: unknown[]
): Unsubscribe {
  (event.addListener as (f: F, ...r: unknown[]) => void)(listener, ...rest);
  return () => event.removeListener(listener);
}

function area(name: 'session' | 'local'): KeyValueArea {
  const store = browser.storage[name];
  return {
    async get<T>(key: string) {
      const got = await store.get(key);
      return got[key] as T | undefined;
    },
    set: (key, value) => store.set({ [key]: value }),
    remove: (key) => store.remove(key),
    onChanged(listener) {
      const f = (changes: Record<string, browser.Storage.StorageChange>, areaName: string) => {
        if (areaName !== name) return;
        listener(Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.newValue])));
      };
      return on(browser.storage.onChanged, f);
    },
  };
}

// Only API requests matter; images, fonts, media and documents are not observed at all.
const OBSERVED_TYPES: browser.WebRequest.ResourceType[] = ['xmlhttprequest', 'other', 'ping'];
const ALL_URLS = { urls: ['<all_urls>'], types: OBSERVED_TYPES };

export function createBrowserPlatform(): Platform {
  return {
    storage: { session: area('session'), local: area('local') },
    messaging: {
      send: (message) => browser.runtime.sendMessage(message),
      onMessage(listener) {
        // webextension-polyfill: returning a promise sends the reply; undefined means "not mine".
        const f = (message: unknown) => {
          const reply = listener(message);
          return reply === undefined ? undefined : Promise.resolve(reply);
        };
        return on(browser.runtime.onMessage, f as never);
      },
    },
    webRequest: {
      onSendHeaders: (l) =>
        on(browser.webRequest.onSendHeaders, ((d: ObservedRequest) => l(d)) as never, ALL_URLS, [
          'requestHeaders',
        ]),
      onCompleted: (l) =>
        on(browser.webRequest.onCompleted, ((d: ObservedCompletion) => l(d)) as never, ALL_URLS, [
          'responseHeaders',
        ]),
      onErrorOccurred: (l) =>
        on(browser.webRequest.onErrorOccurred, ((d: ObservedError) => l(d)) as never, ALL_URLS),
    },
    badge: {
      async set(tabId, { text, color, title }) {
        await Promise.all([
          browser.action.setBadgeText({ tabId, text }),
          browser.action.setBadgeBackgroundColor({ tabId, color }),
          browser.action.setTitle({ tabId, title }),
        ]).catch(() => {
          // The tab may have closed between the request and the badge update.
        });
      },
    },
    permissions: {
      contains: (origins) => browser.permissions.contains({ origins }),
      request: (origins) => browser.permissions.request({ origins }),
      granted: async () => (await browser.permissions.getAll()).origins ?? [],
      onChanged(listener) {
        const a = on(browser.permissions.onAdded, listener as never);
        const r = on(browser.permissions.onRemoved, listener as never);
        return () => {
          a();
          r();
        };
      },
    },
    tabs: {
      async activeTabId() {
        const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.id;
      },
      async activeTabUrl() {
        const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.url;
      },
      onRemoved: (l) => on(browser.tabs.onRemoved, ((tabId: number) => l(tabId)) as never),
    },
    clock: () => Date.now(),
  };
}

/**
 * DevTools APIs exist only in the devtools page and its panels. Chrome's getContent takes a
 * callback (content, encoding); Firefox's returns a promise of [content, mimeType]
 * (STANDARDS.md §7) — both are normalised here.
 */
export function createDevtoolsApi(): DevtoolsApi {
  const net = chrome.devtools.network;
  return {
    tabId: chrome.devtools.inspectedWindow.tabId,
    themeName: chrome.devtools.panels.themeName ?? 'default',
    onThemeChanged(listener) {
      // Firefox: the devtools.panels.onThemeChanged event (MDN); Chromium: setThemeChangeHandler.
      const panels = chrome.devtools.panels as typeof chrome.devtools.panels & {
        onThemeChanged?: chrome.events.Event<(theme: string) => void>;
      };
      if (panels.onThemeChanged) {
        return on(panels.onThemeChanged, (theme: string) => listener(String(theme)));
      }
      if (typeof panels.setThemeChangeHandler !== 'function') return () => {};
      panels.setThemeChangeHandler((theme) => listener(String(theme)));
      return () => panels.setThemeChangeHandler(undefined);
    },
    onRequestFinished(listener) {
      const f = (request: chrome.devtools.network.Request) => {
        // A plain HAR entry: the method would break structured cloning (the decode worker).
        const { getContent: _getContent, ...entry } = request;
        const req: DevtoolsRequest = {
          entry: entry as unknown as Entry,
          getContent: () =>
            new Promise((resolve) => {
              try {
                const maybe = request.getContent((content: string, encoding: string) =>
                  resolve({ text: content ?? null, encoding: encoding || undefined }),
                ) as unknown;
                if (maybe && typeof (maybe as Promise<unknown>).then === 'function') {
                  (maybe as Promise<[string, string]>).then(
                    ([content]) => resolve({ text: content ?? null }),
                    () => resolve({ text: null }),
                  );
                }
              } catch {
                resolve({ text: null });
              }
            }),
        };
        listener(req);
      };
      return on(net.onRequestFinished, f);
    },
    onNavigated: (l) => on(net.onNavigated, l),
    // Firefox's getHAR() loses the requests that start while it runs (types.ts).
    harWhileBusy: !navigator.userAgent.includes('Firefox/'),
    getHAR: () =>
      new Promise<Log>((resolve) => net.getHAR((log) => resolve(log as unknown as Log))),
  };
}

/** Registers the API Lens panel (called from the devtools page). */
export function registerDevtoolsPanel(title: string, icon: string, page: string): void {
  chrome.devtools.panels.create(title, icon, page);
}
