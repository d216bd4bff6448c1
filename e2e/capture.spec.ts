import { expect, test } from '@playwright/test';
import { credentialFingerprint } from '../src/core/rate/index.ts';
import { startFixtureServer } from './fixture-server/index.ts';
import { useDemoPanel } from './support/devtools.ts';

/**
 * Capture loses nothing (issue 8 §1), in a real DevTools session: the burst page fires ten API
 * calls at once and navigates the moment the last response is in — by a location change, a form
 * submit and a reload in turn, across two sites — round after round. Every count is exact.
 */

const demo = useDemoPanel(() => startFixtureServer({ port: 0 }));

const ROUNDS = 6;
/** One burst (e2e/fixture-server/demo/burst.js): statuses and how many of each. */
const PER_ROUND = { 200: 1, 400: 3, 404: 2, 409: 1, 422: 3 } as const;
const CALLS = Object.values(PER_ROUND).reduce((a, b) => a + b, 0);
/** Aurora calls carry the run's Aurora key; Aura calls its Aura token. */
const AURORA_CALLS = 6;
const AURA_CALLS = 2;

/** Plays the burst page to its end, on a cleared session. */
async function playBursts(run: string, options = '') {
  await demo.ui.click('clear');
  await demo.ui.filter('');
  await demo.panel.waitFor(`document.querySelector('.list').dataset.count === '0'`, 'a clear list');
  const hosts = `demo.apilens.test,localhost`;
  await demo.page.goto(
    `${demo.fixture.url}burst.html?run=${run}&rounds=${ROUNDS}&hosts=${hosts}${options}`,
  );
  await demo.page.waitForFunction((r) => document.body.dataset.done === r, run, {
    timeout: 60_000,
  });
  // Settled: every body answered or given up, every navigation's recovery done, and at least
  // every request the page sent is a row.
  await demo.panel.waitFor(
    `document.body.dataset.capturePending === '0' && Number(document.querySelector('.list').dataset.count) >= ${ROUNDS * CALLS}`,
    'every request of the bursts in the panel',
    30_000,
  );
}

/** Rows per status, read through the panel's own filter. */
async function rowsByStatus(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const status of Object.keys(PER_ROUND)) {
    await demo.ui.filter(`status-code:${status}`);
    out[status] = await demo.ui.count();
  }
  await demo.ui.filter('');
  return out;
}

/** The rate meter's count for a key, as the Rate view shows it. */
async function meterCount(profile: string, token: string): Promise<number> {
  const fp = credentialFingerprint({
    requestHeaders: [{ name: 'Authorization', value: `Bearer ${token}` }],
    url: 'http://x/',
  });
  await demo.ui.view('rate');
  const selector = JSON.stringify(`[data-testid="rate-meter"][data-key="${profile}:${fp}"]`);
  const count = await demo.panel.waitFor<string>(
    `document.querySelector(${selector})?.dataset.count`,
    `the rate meter of ${profile}`,
  );
  await demo.ui.view('requests');
  return Number(count);
}

/** Error-group counts summed per status, as the Error groups view shows them. */
async function groupedByStatus(): Promise<Record<string, number>> {
  await demo.ui.view('groups');
  const groups = await demo.panel.evaluate<{ count: number; status: string }[]>(
    `[...document.querySelectorAll('[data-testid="error-group"]')].map((g) => ({ count: Number(g.cells[0].textContent), status: g.cells[2].textContent }))`,
  );
  await demo.ui.view('requests');
  const out: Record<string, number> = {};
  for (const g of groups) out[g.status] = (out[g.status] ?? 0) + g.count;
  return out;
}

async function expectExactCounts(run: string) {
  await demo.ui.filter('');
  expect(await demo.ui.count(), 'rows').toBe(ROUNDS * CALLS);
  const expected = Object.fromEntries(
    Object.entries(PER_ROUND).map(([status, n]) => [status, ROUNDS * n]),
  );
  expect(await rowsByStatus()).toEqual(expected);
  expect(await meterCount('aurora', `aurora-${run}`)).toBe(ROUNDS * AURORA_CALLS);
  expect(await meterCount('neo4j-aura', `aura-${run}`)).toBe(ROUNDS * AURA_CALLS);
  const { 200: _ok, ...errors } = expected;
  expect(await groupedByStatus()).toEqual(errors);
}

test('bursts each followed at once by a navigation: every row, rate count and error group', async () => {
  const run = `b${Date.now().toString(36)}`;
  await playBursts(run);
  await expectExactCounts(run);

  // Each body is kept when DevTools still served it; otherwise the row says it was dropped.
  await demo.ui.filter('status-code:409');
  for (const row of await demo.ui.rows()) {
    const d = await demo.ui.open(row.id);
    const text = await demo.panel.evaluate<string>(
      `[...document.querySelectorAll('.detail .d-body')].map((s) => s.textContent).join(' ')`,
    );
    if (d.body) expect(d.body).toContain('simulation is already running');
    else expect(text).toMatch(/DevTools (dropped this body|never reported this request)/);
  }
  await demo.ui.filter('');
});

test("pages that navigate before reading the bodies: with DevTools' Preserve log on, the requests DevTools never reports finished are recovered", async () => {
  // DevTools' own Preserve log (a user setting) keeps its log across navigations, so getHAR()
  // still lists the requests it never reported; without it recovery is best-effort (snapshots).
  const preserve = (on: boolean) =>
    demo.panel.window.evaluate(`(async () => {
      const { Settings } = await import('./core/common/common.js');
      const s = Settings.Settings.instance().moduleSetting('network-log.preserve-log');
      s.set(${on});
      return s.get();
    })()`);
  expect(await preserve(true)).toBe(true);
  try {
    const run = `r${Date.now().toString(36)}`;
    await playBursts(run, '&read=0');
    await expectExactCounts(run);
  } finally {
    await preserve(false);
  }
});
