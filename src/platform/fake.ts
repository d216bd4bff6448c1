import type { Entry, Log } from 'har-format';
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

/** A tiny synchronous event emitter for the fakes. */
class Emitter<T extends unknown[]> {
  private listeners = new Set<(...args: T) => void>();
  on(l: (...args: T) => void): Unsubscribe {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  emit(...args: T): void {
    for (const l of [...this.listeners]) l(...args);
  }
  get size(): number {
    return this.listeners.size;
  }
}

class FakeArea implements KeyValueArea {
  readonly data = new Map<string, unknown>();
  private changes = new Emitter<[Record<string, unknown>]>();
  async get<T>(key: string) {
    // Round-trip through JSON like real extension storage, so tests catch unserialisable state.
    const v = this.data.get(key);
    return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as T);
  }
  async set(key: string, value: unknown) {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
    this.changes.emit({ [key]: value });
  }
  async remove(key: string) {
    this.data.delete(key);
    this.changes.emit({ [key]: undefined });
  }
  onChanged(listener: (changes: Record<string, unknown>) => void) {
    return this.changes.on(listener);
  }
}

/** An in-memory Platform for unit and component tests; drive it through the `emit`/state fields. */
export function createFakePlatform(
  opts: { now?: () => number; activeTabId?: number; activeTabUrl?: string } = {},
) {
  const sendHeaders = new Emitter<[ObservedRequest]>();
  const completed = new Emitter<[ObservedCompletion]>();
  const errored = new Emitter<[ObservedError]>();
  const removed = new Emitter<[number]>();
  const permChanged = new Emitter<[]>();
  const messageHandlers = new Set<(m: unknown) => unknown>();
  const badges = new Map<number, { text: string; color: string; title: string }>();
  const granted = new Set<string>();
  let activeTabId = opts.activeTabId;
  let grantOnRequest = true;

  const platform: Platform = {
    storage: { session: new FakeArea(), local: new FakeArea() },
    messaging: {
      async send(message) {
        for (const h of messageHandlers) {
          const reply = await h(JSON.parse(JSON.stringify(message)));
          if (reply !== undefined) return JSON.parse(JSON.stringify(reply));
        }
        return undefined;
      },
      onMessage(listener) {
        messageHandlers.add(listener);
        return () => messageHandlers.delete(listener);
      },
    },
    webRequest: {
      onSendHeaders: (l) => sendHeaders.on(l),
      onCompleted: (l) => completed.on(l),
      onErrorOccurred: (l) => errored.on(l),
    },
    badge: {
      async set(tabId, badge) {
        badges.set(tabId, badge);
      },
    },
    permissions: {
      contains: async (origins) => origins.every((o) => granted.has(o)),
      async request(origins) {
        if (!grantOnRequest) return false;
        for (const o of origins) granted.add(o);
        permChanged.emit();
        return true;
      },
      granted: async () => [...granted],
      onChanged: (l) => permChanged.on(l),
    },
    tabs: {
      activeTabId: async () => activeTabId,
      activeTabUrl: async () => opts.activeTabUrl,
      onRemoved: (l) => removed.on(l),
    },
    clock: opts.now ?? (() => Date.now()),
  };

  return {
    platform,
    badges,
    granted,
    emitSendHeaders: (r: ObservedRequest) => sendHeaders.emit(r),
    emitCompleted: (r: ObservedCompletion) => completed.emit(r),
    emitError: (e: ObservedError) => errored.emit(e),
    closeTab: (tabId: number) => removed.emit(tabId),
    setActiveTab: (tabId: number | undefined) => {
      activeTabId = tabId;
    },
    denyPermissionRequests: () => {
      grantOnRequest = false;
    },
    listenerCount: () => ({
      sendHeaders: sendHeaders.size,
      completed: completed.size,
      errored: errored.size,
    }),
  };
}
export type FakePlatform = ReturnType<typeof createFakePlatform>;

type FakeBody = { text: string | null; encoding?: string };

/**
 * A fake DevTools network API: push HAR entries (with bodies) as DevTools would report them.
 * Like DevTools, getHAR() lists what the network log holds, and a navigation clears the log
 * unless `keepLogOnNavigate` (DevTools' own "Preserve log").
 */
export function createFakeDevtools(
  opts: {
    tabId?: number;
    themeName?: string;
    har?: Entry[];
    keepLogOnNavigate?: boolean;
    /** False: like Firefox's, getHAR() must not run while the page is busy (types.ts). */
    harWhileBusy?: boolean;
  } = {},
) {
  const finished = new Emitter<[DevtoolsRequest]>();
  const navigated = new Emitter<[string]>();
  const theme = new Emitter<[string]>();
  let har: Entry[] = [...(opts.har ?? [])];
  let harCalls = 0;
  const api: DevtoolsApi = {
    tabId: opts.tabId ?? 1,
    themeName: opts.themeName ?? 'default',
    onThemeChanged: (l) => theme.on(l),
    onRequestFinished: (l) => finished.on(l),
    onNavigated: (l) => navigated.on(l),
    harWhileBusy: opts.harWhileBusy ?? true,
    async getHAR(): Promise<Log> {
      harCalls++;
      return {
        version: '1.2',
        creator: { name: 'fake', version: '0' },
        entries: har.map(stripBody),
      };
    },
  };
  return {
    api,
    /**
     * Reports a finished request; its body is served by getContent (null = evicted, 'never' =
     * getContent never answers, a promise = it answers when that settles).
     */
    finish(entry: Entry, body: FakeBody | 'never' | Promise<FakeBody> = bodyOf(entry)) {
      har.push(entry);
      finished.emit({
        entry: stripBody(entry),
        getContent: body === 'never' ? () => new Promise(() => {}) : async () => body,
      });
    },
    /** Logs a request that DevTools never reports finished (it is in getHAR() only). */
    log(entry: Entry) {
      har.push(entry);
    },
    navigate(url: string) {
      if (!opts.keepLogOnNavigate) har = [];
      navigated.emit(url);
    },
    changeTheme: (name: string) => theme.emit(name),
    listenerCount: () => finished.size,
    harCalls: () => harCalls,
  };
}

function bodyOf(entry: Entry): { text: string | null; encoding?: string } {
  const c = entry.response.content;
  return { text: c.text ?? null, ...(c.encoding ? { encoding: c.encoding } : {}) };
}
function stripBody(entry: Entry): Entry {
  // DevTools reports entries without bodies ("for efficiency reasons", chrome.devtools.network).
  const { text: _text, encoding: _encoding, ...content } = entry.response.content;
  return { ...entry, response: { ...entry.response, content } };
}
