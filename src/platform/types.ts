import type { Entry, Log } from 'har-format';

/**
 * The browser, as the rest of the extension sees it. Only src/platform implements this
 * (browser.ts over webextension-polyfill, fake.ts for tests); background, devtools and popup
 * code receives a Platform and never touches chrome.* or browser.* itself.
 */

export type Unsubscribe = () => void;

export interface KeyValueArea {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
  /** Fires with the keys that changed (and their new values) in this area. */
  onChanged(listener: (changes: Record<string, unknown>) => void): Unsubscribe;
}

/** A webRequest observation, reduced to what the background needs (no bodies). */
export interface ObservedRequest {
  requestId: string;
  tabId: number;
  url: string;
  method: string;
  type: string;
  /** Epoch ms. */
  timeStamp: number;
  requestHeaders?: { name: string; value?: string }[];
}
export interface ObservedCompletion {
  requestId: string;
  tabId: number;
  url: string;
  method: string;
  type: string;
  timeStamp: number;
  statusCode: number;
  statusLine?: string;
  responseHeaders?: { name: string; value?: string }[];
  fromCache?: boolean;
}
export interface ObservedError {
  requestId: string;
  tabId: number;
  url: string;
  method: string;
  type: string;
  timeStamp: number;
  error: string;
}

export interface WebRequestEvents {
  onSendHeaders(listener: (req: ObservedRequest) => void): Unsubscribe;
  onCompleted(listener: (res: ObservedCompletion) => void): Unsubscribe;
  onErrorOccurred(listener: (err: ObservedError) => void): Unsubscribe;
}

export interface BadgeApi {
  set(tabId: number, badge: { text: string; color: string; title: string }): Promise<void>;
}

export interface PermissionsApi {
  contains(origins: string[]): Promise<boolean>;
  /** Must be called from a user gesture (popup click). */
  request(origins: string[]): Promise<boolean>;
  granted(): Promise<string[]>;
  onChanged(listener: () => void): Unsubscribe;
}

export interface TabsApi {
  activeTabId(): Promise<number | undefined>;
  /**
   * The active tab's URL. Hidden without the "tabs" permission, except while "activeTab" is
   * in effect (the user opened the popup from the toolbar on that tab).
   */
  activeTabUrl(): Promise<string | undefined>;
  onRemoved(listener: (tabId: number) => void): Unsubscribe;
}

export interface MessagingApi {
  /** Sends a raw message to the extension's other contexts; resolves with the first reply. */
  send(message: unknown): Promise<unknown>;
  /** Receives raw messages; return a value (or a promise of one) to reply. */
  onMessage(listener: (message: unknown) => unknown | Promise<unknown>): Unsubscribe;
}

/** A finished request as DevTools reports it: a HAR entry plus lazy body access. */
export interface DevtoolsRequest {
  entry: Entry;
  /** Resolves with the body (base64 when `encoding` is "base64"), or null when DevTools evicted it. */
  getContent(): Promise<{ text: string | null; encoding?: string }>;
}

export interface DevtoolsApi {
  tabId: number;
  themeName: string;
  /** DevTools' theme changed (Chrome 99+: panels.setThemeChangeHandler); a no-op elsewhere. */
  onThemeChanged(listener: (themeName: string) => void): Unsubscribe;
  onRequestFinished(listener: (req: DevtoolsRequest) => void): Unsubscribe;
  onNavigated(listener: (url: string) => void): Unsubscribe;
  getHAR(): Promise<Log>;
  /**
   * Whether getHAR() may run while the page is making requests. Not in Firefox: its getHAR()
   * builds the log with the Network monitor's own connector detached from its store
   * (netmonitor har-exporter.js buildHarData: `connector.enableActions(false)`), so requests that
   * start meanwhile never enter the log: no onRequestFinished, absent from later getHAR()s.
   * Measured in Firefox ESR 153 (the Aurora burst of firefox-devtools.spec.ts): 85 of 95
   * requests reported with getHAR() snapshots every ~0.5 s, 95 of 95 without.
   */
  harWhileBusy: boolean;
}

export interface Platform {
  storage: { session: KeyValueArea; local: KeyValueArea };
  messaging: MessagingApi;
  webRequest: WebRequestEvents;
  badge: BadgeApi;
  permissions: PermissionsApi;
  tabs: TabsApi;
  clock: () => number;
}
