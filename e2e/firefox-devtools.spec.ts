import { expect, test } from '@playwright/test';
import { useFirefoxPanel } from './support/firefox.ts';

/**
 * The API Lens panel inside real Firefox DevTools (Debian's firefox-esr, headless), driven over
 * WebDriver BiDi (e2e/support/firefox.ts): the toolbox opens on the demo page with the Network
 * panel first, API Lens is selected, the page calls the seed APIs by their real host names, and
 * the panel explains them as it does in Chromium.
 */
test.describe.configure({ mode: 'serial' });

const fx = useFirefoxPanel();

/** Clicks a scenario on the demo page and waits until the page says it finished. */
async function play(scenario: string) {
  await fx.ff.page.waitForSelector('body[data-ready="true"]');
  await fx.ff.page.evaluate(() => {
    delete document.body.dataset.done;
  });
  await fx.ff.page.click(`[data-scenario="${scenario}"]`);
  await fx.ff.page.waitForSelector(`body[data-done="${scenario}"]`, { timeout: 30_000 });
}

test('Firefox panel: Neo4j Aura failed create — message, meaning, verdict and request id', async () => {
  await play('aura-create-500');
  await fx.ui.filter('profile:neo4j-aura method:POST status-code:500');
  await fx.ui.waitForCount(1, 'the failed Aura create in the Firefox panel');
  const [row] = await fx.ui.rows();
  expect(row!.verdict).toBe('unsafe');
  expect(row!.message).not.toBe('');
  expect(row!.requestId).toMatch(/^req-/);
  const detail = await fx.ui.open(row!.id);
  expect(detail.requestId).toBe(row!.requestId);
  expect(detail.status).toMatch(/Source: .*profile/);
  expect(detail.retry).toMatch(/unsafe/);
});

test('Firefox panel: the Aurora burst fills the rate meter past 90/min and the 429 is explained', async () => {
  await play('aurora-burst');
  await fx.ui.filter('profile:aurora');
  await fx.ui.waitForCount(91, 'the Aurora burst in the Firefox panel');
  await fx.ui.view('rate');
  const meter = await fx.ui.rateMeter('aurora:');
  expect(meter.limit).toBe(90);
  expect(meter.count).toBeGreaterThanOrEqual(91);
  expect(meter.over).toBe('true');
  await fx.ui.view('requests');
  await fx.ui.filter('profile:aurora status-code:429');
  await fx.ui.waitForCount(1, 'a 429 row');
  const [row] = await fx.ui.rows();
  expect(row!.verdict).toBe('after');
  expect(row!.over).toBe(true);
  const detail = await fx.ui.open(row!.id);
  expect(detail.status).toMatch(/rate limit/i);
  expect(detail.retry).toMatch(/after/);
});

test('Firefox panel: EVRYTHNG 415 is decoded with the documented meaning', async () => {
  await play('evrythng-bad-content-type');
  await fx.ui.filter('profile:evrythng status-code:415');
  await fx.ui.waitForCount(1, 'the EVRYTHNG 415');
  const [row] = await fx.ui.rows();
  expect(row!.verdict).toBe('fix');
  expect(row!.message).not.toBe('');
  const detail = await fx.ui.open(row!.id);
  expect(detail.notes).toMatch(/application\/json/);
  expect(detail.status).toMatch(/Source: .*profile/);
});

test("Firefox panel: follows DevTools' theme as the user switches it", async () => {
  const theme = () =>
    fx.panel.evaluate<{ theme: string; bg: string }>(
      `({ theme: document.documentElement.dataset.theme, bg: getComputedStyle(document.body).backgroundColor })`,
    );
  expect(await theme()).toEqual({ theme: 'light', bg: 'rgb(255, 255, 255)' });
  // What Settings → Themes → Dark does: it sets the devtools.theme pref.
  await fx.ff.chrome(`Services.prefs.setCharPref('devtools.theme', 'dark')`);
  await fx.panel.waitFor(`document.documentElement.dataset.theme === 'dark'`, 'the dark theme');
  expect(await theme()).toEqual({ theme: 'dark', bg: 'rgb(32, 33, 36)' });
  await fx.ff.chrome(`Services.prefs.setCharPref('devtools.theme', 'light')`);
  await fx.panel.waitFor(`document.documentElement.dataset.theme === 'light'`, 'the light theme');
});
