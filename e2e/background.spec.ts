import { expect, type Page, test } from '@playwright/test';
import {
  type BackgroundSession,
  badgeOf,
  builtinHostPatterns,
  classCounts,
  DEMO_PATTERN,
  liveWorker,
  openPopup,
  openTab,
  pageStatuses,
  play,
  startBackgroundSession,
  until,
  workerSummary,
} from './support/background.ts';

/**
 * The service worker against real Chromium webRequest and the fixture APIs under their real
 * host names. Host access is pre-granted (see support/background.ts for why).
 */
let s: BackgroundSession;
test.beforeAll(async () => {
  // webRequest needs access to the initiator too: the demo page's origin as well as the APIs.
  s = await startBackgroundSession({ grant: [...builtinHostPatterns(), DEMO_PATTERN] });
  const { warmUp } = await import('./support/background.ts');
  await warmUp(s);
});
test.afterAll(async () => {
  await s?.close();
});

// Background colours from src/background/options.ts DEFAULT_OPTIONS, as chrome.action reports them.
const THROTTLED_RGBA = [0x8b, 0x00, 0x00, 255];
const ERRORS_RGBA = [0xc2, 0x41, 0x0c, 255];

test.describe.configure({ mode: 'serial' });

let burstTab: number;
let burstPage: Page;

test('a burst past Aurora’s 90/min: counts, window over the limit, 429 badge', async () => {
  const { page, tabId } = await openTab(s, s.server.url);
  await play(page, 'aurora-burst');
  burstTab = tabId;
  burstPage = page;
  const statuses = await pageStatuses(page);
  expect(statuses.length).toBeGreaterThan(90);
  expect(statuses).toContain(429);
  const sum = await until(async () => {
    const x = await workerSummary(s, tabId);
    return x && x.total === statuses.length && x;
  }, `${statuses.length} requests counted`);
  expect(sum.byStatusClass).toEqual(classCounts(statuses));
  expect(sum.errors).toBe(statuses.filter((c) => c >= 400).length);
  const aurora = sum.rates.filter((r) => r.profile === 'aurora');
  expect(aurora).toHaveLength(1);
  expect(aurora[0]).toMatchObject({ count: statuses.length, limit: 90, over: true });
  expect(aurora[0]!.key).toMatch(/^aurora:k:[0-9a-f]{12}$/);
  expect(sum.recentErrors[0]).toMatchObject({ status: 429, method: 'GET' });

  const badge = await until(async () => {
    const b = await badgeOf(s, tabId);
    return b.text === '429' && b;
  }, 'the 429 badge');
  expect(badge.color).toEqual(THROTTLED_RGBA);
  expect(badge.title).toMatch(/Throttled \(429\): retry in \d+ s/);
  expect(badge.title).toContain(`Over the rate limit: aurora ${statuses.length}/90`);
});

test('counts stay per tab', async () => {
  const before = await workerSummary(s, burstTab);
  const { page, tabId } = await openTab(s, s.server.url);
  await play(page, 'aurora-errors');
  const statuses = await pageStatuses(page);
  expect(statuses.every((c) => c >= 400)).toBe(true);
  const sum = await until(async () => {
    const x = await workerSummary(s, tabId);
    return x && x.total === statuses.length && x;
  }, `the second tab’s ${statuses.length} requests`);
  expect(sum.byStatusClass).toEqual(classCounts(statuses));
  expect(sum.recentErrors.map((e) => e.status)).toEqual([...statuses].reverse());
  const badge = await badgeOf(s, tabId);
  expect(badge).toMatchObject({ text: String(statuses.length), color: ERRORS_RGBA });
  // The first tab is untouched.
  expect((await workerSummary(s, burstTab))!.total).toBe(before!.total);
});

test('stopping the service worker loses nothing', async () => {
  const before = await workerSummary(s, burstTab);
  const total = before!.total;
  // Wait for the debounced storage.session write to hold the burst.
  const w = await liveWorker(s);
  await until(
    () =>
      w.evaluate(async (t) => {
        const got = await chrome.storage.session.get('apiLens.tabs');
        return JSON.stringify(got).includes(`"total":${t}`);
      }, total),
    'the snapshot in storage.session',
  );
  const stored = await w.evaluate(async () =>
    JSON.stringify(await chrome.storage.session.get(null)),
  );
  expect(stored).not.toContain('aurora-demo');

  const popup = await openPopup(s, burstTab);
  const cdp = await s.context.newCDPSession(popup);
  await cdp.send('ServiceWorker.enable');
  const marker = () =>
    s.context
      .serviceWorkers()
      .find((x) => x.url().includes(s.extensionId))
      ?.evaluate(() => (globalThis as { apiLensStartedAt?: number }).apiLensStartedAt)
      .catch(() => undefined);
  const startedBefore = await marker();
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();

  // Any message wakes the worker; its fresh start restores from storage.session.
  await popup.reload();
  const after = await until(async () => {
    const started = await marker();
    return started !== undefined && started !== startedBefore && workerSummary(s, burstTab);
  }, 'a restarted worker with the tab restored');
  expect(after).toMatchObject({
    total: before!.total,
    byStatusClass: before!.byStatusClass,
    errors: before!.errors,
    recentErrors: before!.recentErrors,
  });
  expect(after!.rates.map((r) => [r.key, r.count])).toEqual(
    before!.rates.map((r) => [r.key, r.count]),
  );
  await expect(popup.getByTestId('total')).toHaveText(String(total));
  await popup.close();

  // The restarted worker keeps counting the same tab on top of what it restored.
  await play(burstPage, 'aura-errors');
  const more = (await pageStatuses(burstPage)).length;
  await until(
    async () => (await workerSummary(s, burstTab))?.total === total + more,
    'new traffic counted after the restart',
  );
});
