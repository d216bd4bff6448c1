import { expect, test } from '@playwright/test';
import { type FixtureServer, startFixtureServer } from './fixture-server/index.ts';
import {
  builtinHostPatterns,
  classCounts,
  DEMO_PATTERN,
  logStatuses,
  until,
} from './support/background.ts';
import {
  type FirefoxSession,
  launchFirefox,
  openExtensionPage,
  packageFirefox,
} from './support/firefox.ts';

/**
 * The toolbar popup in real Firefox (firefox-esr, headless, over WebDriver BiDi): the Firefox
 * build's background observes a tab's traffic through webRequest, and the popup (opened as a
 * page for that tab, like the Chromium popup tests) shows the meter, counts and errors.
 */
let server: FixtureServer;
let ff: FirefoxSession;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  packageFirefox();
  server = await startFixtureServer();
  ff = await launchFirefox({ grant: [...builtinHostPatterns(), DEMO_PATTERN] });
});

test.afterAll(async () => {
  await ff?.close();
  await server?.close();
});

test('Firefox popup: the meter, status counts and explained errors of the tab', async () => {
  const { page } = ff;
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('[data-scenario="aurora-burst"]');
  await page.waitForSelector('body[data-done="aurora-burst"]', { timeout: 30_000 });
  const statuses = logStatuses(await page.$eval('#log', (e) => e.textContent ?? ''));
  expect(statuses.length).toBeGreaterThan(90);

  // The tab's id as the extension knows it, asked from one of its own pages.
  const probe = await openExtensionPage(ff, 'src/popup/index.html');
  const tabId = await probe.evaluate(
    async (url) =>
      (
        await (
          globalThis as unknown as {
            browser: { tabs: { query(q: object): Promise<{ id: number; url: string }[]> } };
          }
        ).browser.tabs.query({})
      ).find((t) => t.url === url)?.id,
    server.url,
  );
  expect(tabId).toBeGreaterThan(0);
  await probe.close();
  const popup = await openExtensionPage(ff, `src/popup/index.html?tab=${tabId}`);

  const text = (sel: string) => popup.$eval(sel, (e) => e.textContent ?? '').catch(() => '');
  await until(
    async () => (await text('[data-testid="total"]')) === String(statuses.length),
    'the popup to count the burst',
  );
  expect(await text('[data-testid="meter-count"]')).toContain(`${statuses.length} / 90 per 60 s`);
  expect(
    await popup.$eval('[data-testid="meter"]', (e) => e.className.includes('meter-over')),
  ).toBe(true);
  for (const [cls, n] of Object.entries(classCounts(statuses))) {
    expect(await text(`[data-class="${cls}"] dd`)).toBe(String(n));
  }
  expect(await text('[data-testid="error"]')).toContain('429');
  expect(await text('[data-testid="error"] [data-testid="meaning"]')).toMatch(/rate limit/);

  // Light and dark follow the system's colour scheme, as in Chromium.
  const background = () => popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe('rgb(255, 255, 255)');
  await ff.chrome(`Services.prefs.setIntPref('ui.systemUsesDarkTheme', 1)`);
  await until(async () => (await background()) === 'rgb(13, 17, 23)', 'the dark popup');
  await popup.close();
});
