import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page, test } from '@playwright/test';
import { type FixtureServer, startFixtureServer } from '../fixture-server/index.ts';
import { poll } from './devtools.ts';
import { DIST, type ExtensionSession, launchExtension } from './extension.ts';

/**
 * Helpers for the background and popup e2e tests.
 *
 * Host access: `chrome.permissions.request` opens a native prompt that headless Chromium never
 * answers (the promise stays pending), and there is no switch to auto-accept it. So tests that
 * need traffic observed PRE-GRANT: they load a copy of dist/ whose manifest also lists the
 * hosts under `host_permissions`, which an unpacked MV3 extension receives at install. The popup's
 * grant button is tested up to the request (e2e) and through the fake platform (unit).
 */
export interface BackgroundSession extends ExtensionSession {
  server: FixtureServer;
}

/** A copy of the built extension with `origins` granted at install. */
function distGranting(origins: readonly string[]): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'apilens-dist-'));
  cpSync(DIST, dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  manifest.host_permissions = [...origins];
  writeFileSync(path, JSON.stringify(manifest, null, 2));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The manifest's optional host patterns for the built-in profiles (not the catch-alls). */
/** The demo page's origin: Chromium reports a request to webRequest only when the extension may
 * access both its URL and its initiator, so the page that calls the APIs must be granted too. */
export const DEMO_PATTERN = '*://demo.apilens.test/*';

export function builtinHostPatterns(): string[] {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  return (manifest.optional_host_permissions as string[]).filter((p) => p.startsWith('*://'));
}

export async function startBackgroundSession(
  opts: { grant?: readonly string[] } = {},
): Promise<BackgroundSession> {
  const server = await startFixtureServer();
  const copy = opts.grant ? distGranting(opts.grant) : undefined;
  const session = await launchExtension({
    hosts: server.hosts,
    ...(copy ? { extensionDir: copy.dir } : {}),
  });
  return {
    ...session,
    server,
    async close() {
      await session.close();
      copy?.remove();
      await server.close();
    },
  };
}

/** Polls `fn` until it returns a truthy value (no sleeps in assertions: explicit markers only). */
export const until = poll;

/** The live service worker (it changes after a restart). */
export async function liveWorker(s: ExtensionSession) {
  return until(
    async () => s.context.serviceWorkers().find((w) => w.url().includes(s.extensionId)),
    'the service worker',
  );
}

async function tabIds(s: ExtensionSession): Promise<number[]> {
  const w = await liveWorker(s);
  return w.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id!));
}

/**
 * Opens `url` in a new tab and returns the page with its tab id. Without the "tabs" permission
 * tab URLs are hidden, so the id is found as the one tab that appeared.
 */
export async function openTab(
  s: ExtensionSession,
  url: string,
): Promise<{ page: Page; tabId: number }> {
  const before = new Set(await tabIds(s));
  const page = await s.context.newPage();
  const tabId = await until(
    async () => (await tabIds(s)).find((id) => !before.has(id)),
    'the new tab id',
  );
  await page.goto(url);
  return { page, tabId };
}

export interface WorkerSummary {
  total: number;
  byStatusClass: Record<string, number>;
  errors: number;
  rates: { profile: string; key: string; count: number; limit?: number; over: boolean }[];
  recentErrors: { status: number; method: string; path: string; requestId?: string }[];
}

/** The background's summary of a tab, read from the worker (`globalThis.apiLens`, index.ts). */
export async function workerSummary(s: ExtensionSession, tabId: number) {
  const w = await liveWorker(s);
  return w.evaluate(async (id) => {
    const bg = (
      globalThis as unknown as {
        apiLens: { ready: Promise<void>; store: { summary(t: number, n: number): unknown } };
      }
    ).apiLens;
    await bg.ready;
    return (bg.store.summary(id, Date.now()) ?? null) as WorkerSummary | null;
  }, tabId);
}

/** The toolbar badge of a tab: text, background colour (RGBA) and tooltip. */
export async function badgeOf(s: ExtensionSession, tabId: number) {
  const w = await liveWorker(s);
  return w.evaluate(
    async (id) => ({
      text: await chrome.action.getBadgeText({ tabId: id }),
      color: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
    }),
    tabId,
  );
}

/** Plays a demo scenario and waits for the page to say it finished. */
export async function play(page: Page, scenario: string): Promise<void> {
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate(() => {
    delete document.body.dataset.done;
  });
  await page.click(`[data-scenario="${scenario}"]`);
  await page.waitForSelector(`body[data-done="${scenario}"]`, { timeout: 30_000 });
}

/**
 * webRequest misses traffic for a moment after the worker starts, and never reports a tab
 * opened before its listener was live (TOOLCHAIN.md): play a one-request scenario in a throwaway
 * tab until the background has counted it, then close that tab (which clears its state).
 */
export async function warmUp(s: BackgroundSession): Promise<void> {
  const { page, tabId } = await openTab(s, s.server.url);
  await until(async () => {
    await play(page, 'aura-v1beta3');
    return (await workerSummary(s, tabId))?.total;
  }, 'the background to observe traffic');
  await page.close();
  await until(async () => (await workerSummary(s, tabId)) === null, 'the warm-up tab to clear');
  s.server.reset();
}

/**
 * Registers beforeAll/afterAll hooks for a warmed-up session with `grant` (default: the built-in
 * API hosts and the demo page); call the returned function inside a test to get the session.
 */
export function useBackgroundSession(
  grant: () => readonly string[] = () => [...builtinHostPatterns(), DEMO_PATTERN],
): () => BackgroundSession {
  let s: BackgroundSession | undefined;
  test.beforeAll(async () => {
    s = await startBackgroundSession({ grant: grant() });
    await warmUp(s);
  });
  test.afterAll(async () => {
    await s?.close();
  });
  return () => {
    if (!s) throw new Error('the background session has not started');
    return s;
  };
}

/** Opens the popup as a page for `tabId` (?tab=: a page-opened popup would otherwise show its own tab). */
export async function openPopup(s: ExtensionSession, tabId: number): Promise<Page> {
  const popup = await s.context.newPage();
  await popup.goto(`chrome-extension://${s.extensionId}/src/popup/index.html?tab=${tabId}`);
  return popup;
}

/** What the demo page logged for its last scenario: one status per call (0 = network error). */
export async function pageStatuses(page: Page): Promise<number[]> {
  return logStatuses((await page.locator('#log').textContent()) ?? '');
}

/** The statuses of the last scenario in the demo page's log text. */
export function logStatuses(log: string): number[] {
  const lines = log.split('\n');
  const start = lines.findLastIndex((l) => l.startsWith('— '));
  return lines
    .slice(start + 1)
    .map((l) => /→ (\d{3})$/.exec(l)?.[1] ?? (l.includes('network error') ? '0' : undefined))
    .filter((s): s is string => s !== undefined)
    .map(Number);
}

/** Status-class counts as the summary keys them (core har/summary.ts statusClass). */
export function classCounts(statuses: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of statuses) {
    const cls = s === 0 ? 'none' : `${Math.floor(s / 100)}xx`;
    out[cls] = (out[cls] ?? 0) + 1;
  }
  return out;
}
