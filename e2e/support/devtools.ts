import { type CDPSession, type Page, test } from '@playwright/test';
import { type ExtensionSession, launchExtension } from './extension.ts';

/**
 * Drives the real DevTools window over CDP (TOOLCHAIN.md "Testing the real DevTools panel").
 * Playwright never lists devtools:// pages and its CDPSession cannot route flat sessions, so
 * we attach with `flatten: false` and speak through Target.sendMessageToTarget.
 */

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export interface RemoteTarget {
  url: string;
  targetId: string;
  /** Evaluates an expression in the target (promises awaited, value returned by value). */
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** Sends any CDP command to the target. */
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
}

export interface DevtoolsPanel extends RemoteTarget {
  /** The DevTools window itself (for screenshots). */
  window: RemoteTarget;
  /** Polls `expression` in the panel until it is truthy; returns its value. */
  waitFor<T = unknown>(expression: string, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function poll<T>(
  fn: () => Promise<T | undefined | null | false>,
  what: string,
  // A bound on waiting for a marker, not a speed assertion: the DevTools frontend took over 15 s to
  // show the panel with the machine's two cores loaded ~13× over.
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

class Router {
  private nextId = 0;
  private pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  constructor(private readonly browser: CDPSession) {
    browser.on(
      'Target.receivedMessageFromTarget' as never,
      ((e: { message: string }) => {
        const m = JSON.parse(e.message) as {
          id?: number;
          result?: unknown;
          error?: { message: string };
        };
        const p = m.id === undefined ? undefined : this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id!);
        if (m.error) p.reject(new Error(m.error.message));
        else p.resolve(m.result);
      }) as never,
    );
  }
  async attach(target: TargetInfo): Promise<RemoteTarget> {
    const { sessionId } = (await this.browser.send(
      'Target.attachToTarget' as never,
      {
        targetId: target.targetId,
        flatten: false,
      } as never,
    )) as { sessionId: string };
    const send = <T>(method: string, params: Record<string, unknown> = {}) =>
      new Promise<T>((resolve, reject) => {
        const id = ++this.nextId;
        this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        this.browser
          .send(
            'Target.sendMessageToTarget' as never,
            { sessionId, message: JSON.stringify({ id, method, params }) } as never,
          )
          .catch(reject);
      });
    return {
      url: target.url,
      targetId: target.targetId,
      send,
      async evaluate<T>(expression: string) {
        const r = await send<{
          result: { value?: T };
          exceptionDetails?: { text: string; exception?: { description?: string } };
        }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
        if (r.exceptionDetails)
          throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
        return r.result.value as T;
      },
    };
  }
}

/** Opens DevTools for `page`, shows the extension panel titled `title`, and attaches to it. */
export async function openDevtoolsPanel(
  session: ExtensionSession,
  page: Page,
  title = 'API Lens',
): Promise<DevtoolsPanel> {
  const browserSession = await session.context.browser()!.newBrowserCDPSession();
  const router = new Router(browserSession);
  const targets = async () =>
    ((await browserSession.send('Target.getTargets' as never)) as { targetInfos: TargetInfo[] })
      .targetInfos;

  const pageSession = await session.context.newCDPSession(page);
  const { targetInfo } = (await pageSession.send('Target.getTargetInfo' as never)) as {
    targetInfo: TargetInfo;
  };
  await pageSession.detach();
  const known = new Set(
    (await targets()).filter((t) => t.url.startsWith('devtools://')).map((t) => t.targetId),
  );
  await browserSession.send(
    'Target.openDevTools' as never,
    { targetId: targetInfo.targetId } as never,
  );
  const dtInfo = await poll(
    async () =>
      (await targets()).find((t) => t.url.startsWith('devtools://') && !known.has(t.targetId)),
    'the DevTools window',
  );
  const win = await router.attach(dtInfo);
  const panelId = `chrome-extension://${session.extensionId}${title.replace(/\s+/g, '')}`;
  const panelInfo = await poll(async () => {
    await win.evaluate(
      `(() => { try { InspectorFrontendAPI.showPanel(${JSON.stringify(panelId)}); } catch {} })()`,
    );
    return (await targets()).find(
      (t) =>
        t.type === 'iframe' &&
        t.url.startsWith(`chrome-extension://${session.extensionId}/`) &&
        t.url.includes('panel'),
    );
  }, `the "${title}" panel`);
  const panel = await router.attach(panelInfo);
  // The iframe target exists before its page ran: wait for the load (module scripts run before).
  await poll(
    () => panel.evaluate<boolean>(`document.readyState === 'complete'`),
    `the "${title}" panel page to load`,
  );
  return {
    ...panel,
    window: win,
    waitFor: <T>(expression: string, what: string, timeoutMs?: number) =>
      poll(() => panel.evaluate<T>(expression), what, timeoutMs),
    async close() {
      await browserSession
        .send('Target.closeTarget' as never, { targetId: dtInfo.targetId } as never)
        .catch(() => {});
      await browserSession.detach().catch(() => {});
    },
  };
}

/** Windows virtual key codes CDP needs for keys that produce no text. */
const KEY_CODES = {
  ArrowDown: 40,
  ArrowUp: 38,
  ArrowLeft: 37,
  ArrowRight: 39,
  Home: 36,
  End: 35,
  PageUp: 33,
  PageDown: 34,
  Enter: 13,
  Escape: 27,
  Tab: 9,
} as const;

/** A request-list row as the API Lens panel shows it. */
export interface PanelRow {
  id: number;
  method: string;
  url: string;
  status: string;
  statusClass: string;
  /** The row is flagged as over its rate limit. */
  over: boolean;
  profile: string;
  message: string;
  verdict: string;
  requestId: string;
}

/** The detail pane's sections, as text. */
export interface PanelDetail {
  status: string;
  error: string;
  retry: string;
  requestId: string;
  notes: string;
  rate: string;
  body: string;
}

/**
 * Reads and drives the API Lens panel's DOM (the panel's own markup: `.row`, data-testid).
 * Everything goes through the page's DOM, as a user would, never through panel internals.
 */
export function panelDom(
  panel: Pick<DevtoolsPanel, 'evaluate' | 'waitFor'> & Partial<Pick<DevtoolsPanel, 'send'>>,
) {
  const js = (s: string) => JSON.stringify(s);
  // Real input events go through CDP: Chromium's panel has it, Firefox's (over BiDi) does not.
  const cdp = <T>(method: string, params: Record<string, unknown>) => {
    if (!panel.send) throw new Error(`${method} needs a CDP panel (Chromium)`);
    return panel.send<T>(method, params);
  };
  return {
    /** Waits for the panel to have subscribed to onRequestFinished (requests after this are seen). */
    ready: () =>
      panel.waitFor<boolean>(`document.body.dataset.ready === '1'`, 'the panel to subscribe'),
    async view(name: 'requests' | 'rate' | 'groups' | 'profiles') {
      await panel.evaluate(`document.querySelector('[data-view=${js(name)}]').click()`);
      await panel.waitFor(
        `document.querySelector('[data-view=${js(name)}]').getAttribute('aria-selected') === 'true'`,
        `the ${name} view`,
      );
    },
    /** Types a filter and waits for the list to re-render with it. */
    async filter(text: string) {
      await panel.evaluate(`(() => {
        const i = document.querySelector('input.filter');
        i.value = ${js(text)};
        i.dispatchEvent(new Event('input', { bubbles: true }));
      })()`);
      await panel.waitFor(
        `document.querySelector('.list')?.dataset.filter === ${js(text)}`,
        'the list to render with the filter',
      );
    },
    /** Visible rows count after filtering (the list is windowed: not all are in the DOM). */
    count: () =>
      panel.evaluate<number>(`Number(document.querySelector('.list')?.dataset.count ?? -1)`),
    /** Waits until at least `n` rows match the current filter. */
    waitForCount: (n: number, what: string, timeoutMs?: number) =>
      panel.waitFor<number>(
        `(() => { const c = Number(document.querySelector('.list')?.dataset.count ?? 0); return c >= ${n} ? c : 0; })()`,
        what,
        timeoutMs,
      ),
    /** The rows in view, every column read (an open detail narrows the list: it is closed first). */
    rows: async () => {
      await panel.evaluate(`document.querySelector('.detail .close')?.click()`);
      await panel.waitFor(
        `!document.querySelector('.detail') && document.querySelector('.list-head .c-message')`,
        'the full list (detail closed)',
      );
      return panel.evaluate<PanelRow[]>(`[...document.querySelectorAll('.row')].map((r) => {
        const t = (c) => r.querySelector(c)?.textContent ?? '';
        return { id: Number(r.dataset.rowId), method: t('.c-method'), url: r.querySelector('.c-url').title,
          status: t('.c-status'), statusClass: r.querySelector('.c-status').className.replace('c-status', '').trim(), over: r.classList.contains('over'),
          profile: t('.c-profile'), message: t('.c-message'), verdict: t('.c-verdict'), requestId: t('.c-reqid') };
      })`);
    },
    /** Opens a row's detail pane (one click, as in the Network panel) and returns its sections' text. */
    async open(id: number): Promise<PanelDetail> {
      await panel.evaluate(`document.querySelector('.row[data-row-id="${id}"]').click()`);
      await panel.waitFor(
        `document.querySelector('[data-testid="detail"][data-row-id="${id}"]')`,
        'the detail pane of this row',
      );
      return panel.evaluate<PanelDetail>(`(() => {
        const t = (id) => document.querySelector('[data-testid="' + id + '"]')?.textContent ?? '';
        return { status: t('detail-status'), error: t('detail-error'), retry: t('detail-retry'),
          requestId: t('detail-request-id'), notes: document.querySelector('.detail .notes')?.textContent ?? '',
          rate: document.querySelector('.detail .d-rate')?.textContent ?? '',
          body: t('body-response-body') };
      })()`);
    },
    /**
     * Clicks "Export HAR" (with or without secrets) and returns the file the panel offered:
     * the anchor's click is intercepted and its Blob URL read back.
     */
    async exportHar(secrets = false): Promise<{ name: string; text: string }> {
      // The choice is rendered into the button before it is clicked (state updates are async).
      const choose = async (on: boolean) => {
        await panel.evaluate(`(() => {
          const box = document.querySelector('[data-testid="export-secrets"]');
          if (box.checked !== ${on}) box.click();
        })()`);
        await panel.waitFor(
          `document.querySelector('[data-testid="export-har"]').dataset.secrets === '${on}'`,
          'the export choice',
        );
      };
      await choose(secrets);
      const file = await panel.evaluate<{ name: string; text: string }>(`(async () => {
        const orig = HTMLAnchorElement.prototype.click;
        const got = new Promise((resolve) => {
          HTMLAnchorElement.prototype.click = function () {
            HTMLAnchorElement.prototype.click = orig;
            resolve({ name: this.download, href: this.href });
          };
        });
        document.querySelector('[data-testid="export-har"]').click();
        const { name, href } = await got;
        return { name, text: await (await fetch(href)).text() };
      })()`);
      await choose(false);
      return file;
    },
    /** Picks a file in "Import HAR", as a user choosing it in the file dialog. */
    importHar: (name: string, text: string) =>
      panel.evaluate(`(() => {
        const dt = new DataTransfer();
        dt.items.add(new File([${js(text)}], ${js(name)}, { type: 'application/json' }));
        const input = document.querySelector('[data-testid="import-har"]');
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      })()`),
    /**
     * Clicks a copy button and returns the text it put on the clipboard: the panel's clipboard
     * write (navigator.clipboard, or the selection fallback DevTools panels often need) is
     * recorded on its way through, then the button must say "Copied".
     */
    async copied(testid: string): Promise<string> {
      const text = await panel.evaluate<string>(`(async () => {
        const got = new Promise((resolve) => {
          const write = navigator.clipboard.writeText;
          const exec = document.execCommand;
          const restore = () => { navigator.clipboard.writeText = write; document.execCommand = exec; };
          navigator.clipboard.writeText = function (t) { restore(); resolve(t); return write.call(this, t); };
          document.execCommand = function (cmd, ...rest) {
            if (cmd === 'copy' && document.activeElement instanceof HTMLTextAreaElement) { restore(); resolve(document.activeElement.value); }
            return exec.call(this, cmd, ...rest);
          };
        });
        document.querySelector('[data-testid=${js(testid)}]').click();
        return got;
      })()`);
      await panel.waitFor(
        `document.querySelector('[data-testid=${js(testid)}]').textContent === 'Copied'`,
        `the ${testid} button to report the copy`,
      );
      return text;
    },
    /** A real key press in the panel (CDP Input), delivered to whatever has focus. */
    async press(key: keyof typeof KEY_CODES) {
      const k = { key, code: key, windowsVirtualKeyCode: KEY_CODES[key] };
      await cdp('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...k });
      await cdp('Input.dispatchKeyEvent', { type: 'keyUp', ...k });
    },
    /** A real mouse click (CDP Input) at the centre of the first element matching `selector`. */
    async mouse(selector: string, opts: { button?: 'left' | 'right'; dragX?: number } = {}) {
      const box = await panel.evaluate<{ x: number; y: number } | null>(`(() => {
        const el = document.querySelector(${js(selector)});
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      })()`);
      if (!box) throw new Error(`nothing matches ${selector}`);
      const button = opts.button ?? 'left';
      const at = (type: string, x: number, extra: Record<string, unknown> = {}) =>
        cdp('Input.dispatchMouseEvent', { type, x, y: box.y, button, ...extra });
      await at('mouseMoved', box.x, { button: 'none' });
      await at('mousePressed', box.x, { clickCount: 1, buttons: button === 'left' ? 1 : 2 });
      if (opts.dragX) {
        for (let i = 1; i <= 4; i++)
          await at('mouseMoved', box.x + (opts.dragX * i) / 4, { buttons: 1 });
      }
      await at('mouseReleased', box.x + (opts.dragX ?? 0), { clickCount: 1, buttons: 0 });
    },
    /** Waits for the fullest rate meter whose key starts with `keyPrefix` (in the rate view). */
    rateMeter: (keyPrefix: string) =>
      panel.waitFor<{ count: number; limit: number; over: string }>(
        `(() => { const m = [...document.querySelectorAll('[data-testid="rate-meter"]')].filter((m) => m.dataset.key.startsWith(${js(keyPrefix)})).sort((a, b) => b.dataset.count - a.dataset.count)[0];
          return m && { count: Number(m.dataset.count), limit: Number(m.dataset.limit), over: m.dataset.over }; })()`,
        `the ${keyPrefix} rate meter`,
      ),
    /** Clicks a button by data-testid. */
    click: (testid: string) =>
      panel.evaluate(`document.querySelector('[data-testid=${js(testid)}]').click()`),
  };
}

/** Launches Chromium with the extension, opens the demo page and the API Lens panel on it. */
export async function openPanelOnDemo(fixture: { url: string; hosts: Record<string, number> }) {
  const session = await launchExtension({ hosts: fixture.hosts });
  const page = await session.context.newPage();
  await page.goto(fixture.url);
  const panel = await openDevtoolsPanel(session, page);
  const ui = panelDom(panel);
  await ui.ready();
  return {
    session,
    page,
    panel,
    ui,
    /**
     * Clicks a scenario button on the demo page, waits for it to finish, and then until the panel
     * holds an API row for every call the page made: the page's `done` comes before DevTools has
     * reported its last responses. Preflights and page assets are rows too, so only API rows
     * count against the page's calls. Then until the list, rendered at its own pace, shows
     * those rows: a count read at once could otherwise miss the last ones.
     */
    async play(scenario: string) {
      const apiRows = () => panel.evaluate<string>(`document.body.dataset.liveApiRows ?? '0'`);
      const rowsBefore = Number(await apiRows());
      const callsBefore = await page.evaluate(() => {
        delete document.body.dataset.done;
        return Number(document.body.dataset.calls ?? 0);
      });
      await page.click(`[data-scenario="${scenario}"]`);
      await page.waitForFunction(() => document.body.dataset.done !== undefined, undefined, {
        timeout: 30_000,
      });
      const calls =
        (await page.evaluate(() => Number(document.body.dataset.calls ?? 0))) - callsBefore;
      await poll(
        async () =>
          Number(await apiRows()) >= rowsBefore + calls &&
          (await panel.evaluate<boolean>(`!(Number(document.body.dataset.capturePending) > 0)`)),
        `a row for each of the ${calls} requests of "${scenario}"`,
      );
      await panel.waitFor(
        `(() => { const l = document.querySelector('.list');
          return !l || l.dataset.session !== 'live' || Number(l.dataset.version) >= Number(document.body.dataset.liveVersion); })()`,
        `the list to show the rows of "${scenario}"`,
      );
    },
    async close() {
      await panel.close();
      await session.close();
    },
  };
}
export type DemoPanel = Awaited<ReturnType<typeof openPanelOnDemo>>;

/**
 * Registers beforeAll/afterAll hooks that start a fixture server (`start`) and open the panel
 * on its demo page; the returned object is filled in once the hooks ran.
 */
export function useDemoPanel<
  F extends { url: string; hosts: Record<string, number>; close(): Promise<unknown> },
>(start: () => Promise<F>) {
  const ctx = {} as DemoPanel & { fixture: F };
  test.beforeAll(async () => {
    ctx.fixture = await start();
    Object.assign(ctx, await openPanelOnDemo(ctx.fixture));
  });
  test.afterAll(async () => {
    await ctx.close?.();
    await ctx.fixture?.close();
  });
  return ctx;
}
