import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from '@playwright/test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findBrowser, nodeSystem } from '../../scripts/provision-lib.ts';
import { FIXTURE_HOSTS, type FixtureServer, startFixtureServer } from '../fixture-server/index.ts';
import { panelDom, poll } from './devtools.ts';

/**
 * Drives real Firefox (Debian's firefox-esr, headless) over its own WebDriver BiDi, through
 * puppeteer-core 24 (TOOLCHAIN.md "Testing the panel inside real Firefox DevTools"): Playwright
 * cannot drive a stock Firefox. The DevTools toolbox lives in the privileged browser window, which
 * BiDi reaches with `moz:scope: 'chrome'` once Firefox runs with --remote-allow-system-access.
 */
export const DIST_FIREFOX = resolve(import.meta.dirname, '../../dist-firefox');

/** Firefox ESR: FIREFOX_PATH, firefox-esr/firefox on PATH, or the download cache (provision-lib). */
export function findFirefox(): string {
  const found = findBrowser(nodeSystem(), 'firefox');
  if (found) return found.path;
  throw new Error(
    'No Firefox found (FIREFOX_PATH, firefox-esr/firefox on PATH, the download cache).\n' +
      '  `npm run provision` installs one (Debian: apt-get install firefox-esr), or set FIREFOX_PATH.',
  );
}

/** Derives the Firefox build (dist-firefox/) from dist/, as `npm run package` does. */
export function packageFirefox(): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/package.ts'], {
    cwd: resolve(import.meta.dirname, '../..'),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`scripts/package.ts failed:\n${r.stderr}${r.stdout}`);
}

export interface FirefoxSession {
  browser: Browser;
  /** The first tab, on the fixture server's demo page. */
  page: Page;
  addonId: string;
  /** The add-on's moz-extension:// origin. */
  origin: string;
  /** Sends a raw WebDriver BiDi command. */
  bidi(method: string, params: object): Promise<unknown>;
  /** Evaluates `expression` (awaited) in the privileged browser window; returns its JSON value. */
  chrome<T = unknown>(expression: string): Promise<T>;
  close(): Promise<void>;
}

/**
 * Evaluates in Firefox's privileged browser window over BiDi (`moz:scope: 'chrome'`, which needs
 * --remote-allow-system-access): `chrome(expr)` awaits `expr` and returns its JSON value.
 */
export async function chromeScope(
  browser: Browser,
): Promise<Pick<FirefoxSession, 'chrome' | 'bidi'>> {
  const conn = (
    browser as unknown as {
      connection: { send(m: string, p: object): Promise<{ result: unknown }> };
    }
  ).connection;
  const tree = (await conn.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
    contexts: { context: string; url: string }[];
  };
  const win = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!win) throw new Error('Firefox: no browser window in the chrome scope');
  const chrome = async <T>(expression: string): Promise<T> => {
    const { result } = (await conn.send('script.evaluate', {
      expression: `Promise.resolve((${expression})).then((v) => JSON.stringify(v === undefined ? null : v))`,
      target: { context: win.context },
      awaitPromise: true,
    })) as { result: { type: string; result?: { value?: string }; exceptionDetails?: unknown } };
    if (result.type !== 'success')
      throw new Error(`Firefox chrome script failed: ${JSON.stringify(result.exceptionDetails)}`);
    return JSON.parse(result.result!.value!) as T;
  };
  return { chrome, bidi: async (method, params) => (await conn.send(method, params)).result };
}

/**
 * Headless Firefox with the fixture hosts resolved to loopback (`network.dns.localDomains`) and
 * chrome-scope BiDi allowed, plus `prefs`.
 */
export function launchHeadlessFirefox(prefs: Record<string, unknown> = {}): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    // Firefox 138+: chrome-scope BiDi (the toolbox) needs system access.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': FIXTURE_HOSTS.join(','),
      // The fixture server speaks plain HTTP: no HTTPS-first upgrade attempt.
      'dom.security.https_first': false,
      ...prefs,
    },
  });
}

/**
 * Firefox resolves the providers' real host names to loopback (network.dns.localDomains) and
 * the pages' URLs carry the fixture server's port, as in Chromium with --host-resolver-rules.
 */
export async function launchFirefox(
  opts: { grant?: readonly string[] } = {},
): Promise<FirefoxSession> {
  const dir = mkdtempSync(join(tmpdir(), 'apilens-firefox-'));
  cpSync(DIST_FIREFOX, dir, { recursive: true });
  if (opts.grant) {
    // Granted at install, as if the user had accepted the popup's request (no prompt headless).
    const path = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    manifest.host_permissions = [...opts.grant];
    writeFileSync(path, JSON.stringify(manifest, null, 2));
  }
  const browser = await launchHeadlessFirefox({ 'devtools.theme': 'light' });
  try {
    const addonId = await browser.installExtension(dir);
    const [page] = await browser.pages();
    const { chrome, bidi } = await chromeScope(browser);
    const host = await chrome<string>(
      `WebExtensionPolicy.getByID(${JSON.stringify(addonId)}).mozExtensionHostname`,
    );
    return {
      browser,
      page: page ?? (await browser.newPage()),
      addonId,
      origin: `moz-extension://${host}`,
      bidi,
      chrome,
      async close() {
        await browser.close().catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** What panelDom needs of a panel: evaluate in its page, and poll an expression there. */
export interface FirefoxPanel {
  toolId: string;
  evaluate<T = unknown>(expression: string): Promise<T>;
  waitFor<T = unknown>(expression: string, what: string, timeoutMs?: number): Promise<T>;
}

/**
 * A frame script in the panel's <browser>: it evaluates an expression in the panel page (a
 * sandbox whose prototype is the page's window, without X-rays, so it sees the page as the page
 * does) and answers by message. Frame scripts are legacy but work in ESR 153; BiDi itself cannot
 * address an extension panel's document (Mozilla bug 1996311).
 */
const FRAME_SCRIPT = `addMessageListener('apilens:eval', ({ data: { id, expr } }) => {
  let p;
  try {
    const sb = Components.utils.Sandbox(content, { sandboxPrototype: content, wantXrays: false });
    p = Promise.resolve(Components.utils.evalInSandbox(
      'Promise.resolve((' + expr + ')).then((v) => JSON.stringify(v === undefined ? null : v))', sb));
  } catch (e) {
    p = Promise.reject(e);
  }
  p.then((value) => sendAsyncMessage('apilens:result', { id, value }),
    (e) => sendAsyncMessage('apilens:result', { id, error: String((e && e.message) || e) }));
});`;

/**
 * Opens the toolbox on the first tab with the Network panel (Firefox reports nothing to
 * extensions before it was opened once), selects the panel titled `title`, and bridges into it.
 */
export async function openFirefoxPanel(
  s: FirefoxSession,
  title = 'API Lens',
): Promise<FirefoxPanel> {
  const pageUrl = s.page.url();
  await s.chrome(`(async () => {
    const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
    const { gDevTools } = require('devtools/client/framework/devtools');
    const tab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === ${JSON.stringify(pageUrl)});
    if (!tab) throw new Error('no tab shows ' + ${JSON.stringify(pageUrl)});
    const toolbox = await gDevTools.showToolboxForTab(tab, { toolId: 'netmonitor' });
    window.__apilensToolbox = toolbox;
    return null;
  })()`);
  const id = await poll(
    () =>
      s.chrome<string | null>(
        `window.__apilensToolbox.getAdditionalTools().find((t) => t.label === ${JSON.stringify(title)})?.id ?? null`,
      ),
    `the "${title}" tool in the Firefox toolbox`,
  );
  await s.chrome(`window.__apilensToolbox.selectTool(${JSON.stringify(id)}).then(() => null)`);
  // The tool's iframe holds a <browser> that loads the extension's panel page.
  await poll(
    () =>
      s.chrome<boolean>(`(() => {
        const frame = window.__apilensToolbox.doc.getElementById('toolbox-panel-iframe-' + ${JSON.stringify(id)});
        const b = frame?.contentDocument?.querySelector('browser');
        return !!b && b.currentURI.spec.startsWith(${JSON.stringify(s.origin)}) && b.currentURI.spec.includes('panel');
      })()`),
    `the "${title}" panel page`,
  );
  await s.chrome(`(() => {
    const frame = window.__apilensToolbox.doc.getElementById('toolbox-panel-iframe-' + ${JSON.stringify(id)});
    const mm = frame.contentDocument.querySelector('browser').messageManager;
    const pending = new Map();
    mm.addMessageListener('apilens:result', ({ data }) => {
      const p = pending.get(data.id);
      pending.delete(data.id);
      if (!p) return;
      if ('error' in data) p.reject(new Error(data.error));
      else p.resolve(data.value);
    });
    let next = 0;
    window.__apilensPanelEval = (expr) => new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      mm.sendAsyncMessage('apilens:eval', { id, expr });
      // A frame script that never answers (page gone, script broken) fails the call, not the run.
      setTimeout(() => pending.delete(id) && reject(new Error('the panel did not answer: ' + expr.slice(0, 80))), 10000);
    });
    mm.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(FRAME_SCRIPT)}), false);
    return null;
  })()`);
  const evaluate = async <T>(expression: string): Promise<T> => {
    const json = await s.chrome<string>(`window.__apilensPanelEval(${JSON.stringify(expression)})`);
    return JSON.parse(json) as T;
  };
  await poll(
    () => evaluate<boolean>(`document.readyState === 'complete'`),
    `the "${title}" panel page to load`,
  );
  return {
    toolId: id,
    evaluate,
    waitFor: <T>(expression: string, what: string, timeoutMs?: number) =>
      poll(() => evaluate<T>(expression), what, timeoutMs),
  };
}

/**
 * Opens one of the add-on's pages in a new tab. Puppeteer does not see a navigation into the
 * moz-extension process finish (its goto times out though the page loads), so the tab is sent
 * there without waiting (a web page's script may not) and the page's own readiness is polled.
 */
export async function openExtensionPage(s: FirefoxSession, path: string): Promise<Page> {
  const page = await s.browser.newPage();
  const url = `${s.origin}/${path.replace(/^\//, '')}`;
  const frame = page.mainFrame() as unknown as { browsingContext: { id: string } };
  await s.bidi('browsingContext.navigate', {
    context: frame.browsingContext.id,
    url,
    wait: 'none',
  });
  await poll(
    () => page.evaluate((u) => location.href === u && document.readyState === 'complete', url),
    `${path} to load in Firefox`,
  );
  return page;
}

/**
 * For a serial spec, as useDemoPanel is for Chromium: the fixture server, Firefox with the
 * packaged extension (and `grant`'s host permissions), and the API Lens panel open and ready on
 * the demo page. Read its members inside tests, after the hooks ran.
 */
export function useFirefoxPanel(opts: { grant?: readonly string[] } = {}) {
  const ctx = {} as {
    server: FixtureServer;
    ff: FirefoxSession;
    panel: FirefoxPanel;
    ui: ReturnType<typeof panelDom>;
  };
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    packageFirefox();
    ctx.server = await startFixtureServer();
    ctx.ff = await launchFirefox(opts);
    await ctx.ff.page.goto(ctx.server.url);
    ctx.panel = await openFirefoxPanel(ctx.ff);
    ctx.ui = panelDom(ctx.panel);
    await ctx.ui.ready();
  });
  test.afterAll(async () => {
    await ctx.ff?.close();
    await ctx.server?.close();
  });
  return ctx;
}
