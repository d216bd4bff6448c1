import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  badgeOf,
  classCounts,
  DEMO_PATTERN,
  openPopup,
  openTab,
  pageStatuses,
  play,
  until,
  useBackgroundSession,
  workerSummary,
} from './support/background.ts';
import { openDevtoolsPanel, panelDom } from './support/devtools.ts';

/** The popup against the real background: what a user sees after traffic in a tab. */
test.describe('popup with host access granted', () => {
  const session = useBackgroundSession();

  test('shows the meter, status counts, throttle countdown and errors; exports and clears', async () => {
    const s = session();
    const { page, tabId } = await openTab(s, s.server.url);
    await play(page, 'aurora-burst');
    const statuses = await pageStatuses(page);
    await until(
      async () => (await workerSummary(s, tabId))?.total === statuses.length,
      'the burst counted',
    );

    const popup = await openPopup(s, tabId);
    await expect(popup.getByTestId('permission')).toHaveCount(0);
    const meter = popup.getByTestId('meter');
    await expect(meter).toHaveCount(1);
    await expect(meter.getByTestId('meter-count')).toContainText(
      `${statuses.length} / 90 per 60 s`,
    );
    await expect(meter).toHaveClass(/meter-over/);
    await expect(popup.getByTestId('total')).toHaveText(String(statuses.length));
    for (const [cls, n] of Object.entries(classCounts(statuses))) {
      await expect(popup.locator(`[data-class="${cls}"] dd`)).toHaveText(String(n));
    }
    const seconds = Number(await popup.getByTestId('throttle-seconds').textContent());
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    const firstError = popup.getByTestId('error').first();
    await expect(firstError).toContainText('429');
    await expect(firstError.getByTestId('meaning')).toContainText('rate limit');

    // Light and dark follow prefers-color-scheme.
    const background = () => popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await popup.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(13, 17, 23)');
    await popup.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(255, 255, 255)');

    // Keyboard: Enter on the focused button exports (no mouse needed).
    const download = popup.waitForEvent('download');
    await popup.getByRole('button', { name: 'Export JSON' }).focus();
    await popup.keyboard.press('Enter');
    const file = await (await download).path();
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.generator.name).toBe('API Lens');
    expect(doc.summary.tabId).toBe(tabId);
    expect(doc.summary.byStatusClass).toEqual(classCounts(statuses));
    expect(readFileSync(file, 'utf8')).not.toContain('aurora-demo-burst');

    await popup.getByRole('button', { name: 'Clear' }).click();
    await expect(popup.getByTestId('empty')).toBeVisible();
    expect(await workerSummary(s, tabId)).toBeNull();
    expect((await badgeOf(s, tabId)).text).toBe('');
    await popup.close();
  });
});

test.describe('popup export with planted secrets', () => {
  const session = useBackgroundSession();

  test('the JSON export carries no secret from the URL, its query or its fragment', async () => {
    const s = session();
    const { page, tabId } = await openTab(s, s.server.url);
    // A bearer token echoed in the path, token-like parameters old rules missed, a fragment.
    const bearer = 'PLNTpopupBearer7Zq';
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwb3B1cCJ9.PLNTpopupJwtSig9Zq';
    const phpsess = 'PLNTpopupPhpSess4Zq';
    const port = new URL(s.server.url).port;
    const url = `http://api.aurorasolar.com:${port}/v2/echo/${bearer}/missing?jwt=${jwt}&PHPSESSID=${phpsess}#access_token=PLNTpopupFrag2Zq`;
    const status = await page.evaluate(
      async ([u, token]) =>
        (await fetch(u, { headers: { Authorization: `Bearer ${token}` } })).status,
      [url, bearer] as const,
    );
    expect(status).toBeGreaterThanOrEqual(400);
    const sum = await until(async () => {
      const x = await workerSummary(s, tabId);
      return x && x.recentErrors.length > 0 && x;
    }, 'the planted request counted');
    expect(sum.recentErrors[0]!.path).toContain('/v2/echo/');

    const popup = await openPopup(s, tabId);
    const download = popup.waitForEvent('download');
    await popup.getByRole('button', { name: 'Export JSON' }).click();
    const text = readFileSync(await (await download).path(), 'utf8');
    expect(text).toContain('/v2/echo/');
    for (const secret of [bearer, 'PLNTpopupJwtSig9Zq', phpsess, 'PLNTpopupFrag2Zq'])
      expect(text).not.toContain(secret);
    await popup.close();
  });
});

test.describe('popup and panel', () => {
  const session = useBackgroundSession();

  test('agree on the same traffic: same key, same count against the same limit', async () => {
    const s = session();
    const { page, tabId } = await openTab(s, s.server.url);
    const panel = await openDevtoolsPanel(s, page);
    const ui = panelDom(panel);
    await ui.ready();
    await play(page, 'aurora-burst');
    const n = (await pageStatuses(page)).length;
    const sum = await until(async () => {
      const x = await workerSummary(s, tabId);
      return x && x.total === n && x;
    }, 'the burst counted by the background');
    const [bgMeter] = sum.rates;
    await ui.view('rate');
    const panelMeter = await panel.waitFor<{ count: number; limit: number; over: string }>(
      `(() => {
        const m = [...document.querySelectorAll('[data-testid="rate-meter"]')]
          .find((e) => e.dataset.key === ${JSON.stringify(bgMeter!.key)});
        return m && Number(m.dataset.count) === ${n} &&
          { count: Number(m.dataset.count), limit: Number(m.dataset.limit), over: m.dataset.over };
      })()`,
      'the panel meter for the same key',
    );
    expect(panelMeter).toEqual({ count: bgMeter!.count, limit: bgMeter!.limit, over: 'true' });

    const popup = await openPopup(s, tabId);
    await expect(popup.getByTestId('meter-count')).toContainText(
      `${panelMeter.count} / ${panelMeter.limit}`,
    );
    await popup.close();
    await panel.close();
  });
});

test.describe('least privilege', () => {
  // Only Neo4j Aura (and the page) granted: Aurora's traffic must stay invisible.
  const session = useBackgroundSession(() => ['*://api.neo4j.io/*', DEMO_PATTERN]);

  test('sees only granted hosts, and the popup offers the grant for the rest', async () => {
    const s = session();
    const { page, tabId } = await openTab(s, s.server.url);
    await play(page, 'aurora-errors');
    await play(page, 'aura-errors');
    const aura = await pageStatuses(page);
    const sum = await until(async () => {
      const x = await workerSummary(s, tabId);
      return x && x.total === aura.length && x;
    }, 'the Aura requests counted');
    // Aurora's requests finished before Aura's began (the page awaits each call).
    expect(sum.rates.every((r) => r.profile === 'neo4j-aura')).toBe(true);
    expect(sum.byStatusClass).toEqual(classCounts(aura));

    const popup = await openPopup(s, tabId);
    const prompt = popup.getByTestId('permission');
    await expect(prompt).toBeVisible();
    await expect(prompt.getByRole('button', { name: 'Allow the known API hosts' })).toBeVisible();
    await prompt.getByText('Which hosts?').click();
    await expect(prompt).toContainText('*://api.aurorasolar.com/*');
    await popup.close();
  });
});
