import { createFakePlatform, type FakePlatform } from '../platform/fake.ts';

/** A fake platform with a hand-driven clock and timer queue, and a webRequest traffic driver. */
export function testBackgroundEnv(start = Date.UTC(2026, 10, 2, 9, 0, 0)) {
  let now = start;
  const timers: { at: number; fn: () => void }[] = [];
  const fake: FakePlatform = createFakePlatform({ now: () => now, activeTabId: 1 });
  let seq = 0;

  /** Runs due timers (debounced writes, badge re-checks) after moving the clock by `ms`. */
  function advance(ms: number): void {
    now += ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0];
      if (!due) return;
      timers.splice(timers.indexOf(due), 1);
      due.fn();
    }
  }

  type RequestOptions = {
    url: string;
    method?: string;
    status?: number;
    requestHeaders?: Record<string, string>;
    responseHeaders?: Record<string, string>;
    error?: string;
    type?: string;
    tookMs?: number;
  };

  /**
   * A request webRequest saw start (send headers) now; the returned function reports its
   * completion (or network error) at the clock's time then, plus `tookMs`.
   */
  function startRequest(tabId: number, opts: RequestOptions): () => void {
    const requestId = String(++seq);
    const base = { requestId, tabId, url: opts.url, method: opts.method ?? 'GET' };
    const type = opts.type ?? 'xmlhttprequest';
    const list = (h: Record<string, string> = {}) =>
      Object.entries(h).map(([name, value]) => ({ name, value }));
    fake.emitSendHeaders({
      ...base,
      type,
      timeStamp: now,
      requestHeaders: list(opts.requestHeaders),
    });
    return () => {
      const end = now + (opts.tookMs ?? 0);
      if (opts.error) {
        fake.emitError({ ...base, type, timeStamp: end, error: opts.error });
        return;
      }
      const status = opts.status ?? 200;
      fake.emitCompleted({
        ...base,
        type,
        timeStamp: end,
        statusCode: status,
        statusLine: `HTTP/1.1 ${status} X`,
        responseHeaders: list({ 'Content-Type': 'application/json', ...opts.responseHeaders }),
      });
    };
  }

  /** One request as webRequest reports it: send headers, then completion (or a network error). */
  function request(tabId: number, opts: RequestOptions): void {
    startRequest(tabId, opts)();
  }

  return {
    fake,
    platform: fake.platform,
    now: () => now,
    advance,
    request,
    startRequest,
    schedule: (fn: () => void, ms: number) => {
      timers.push({ at: now + ms, fn });
    },
    pendingTimers: () => timers.length,
  };
}

/** Lets queued promise callbacks (ready.then chains, fake storage) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}
