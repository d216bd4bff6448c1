import { expect, test } from '@playwright/test';
import { startFixtureServer } from './fixture-server/index.ts';
import { useDemoPanel } from './support/devtools.ts';

/**
 * The API Lens panel in a real DevTools session: the demo page's scenarios call the seed APIs
 * by their real host names (mapped to the fixture server), and the panel explains each one.
 */

const demo = useDemoPanel(() => startFixtureServer({ port: 0 }));

/** The first row matching `filter` whose status is an error, opened in the detail pane. */
async function firstError(filter: string) {
  await demo.ui.filter(`${filter} is:error`);
  await demo.ui.waitForCount(1, `an error row for "${filter}"`);
  const [row] = await demo.ui.rows();
  expect(row, `an error row for ${filter}`).toBeDefined();
  return { row: row!, detail: await demo.ui.open(row!.id) };
}

test('Aurora: 90 requests fit the minute, the 91st is flagged, and the 429 is explained', async () => {
  await demo.play('aurora-burst');
  await demo.ui.filter('profile:aurora');
  await demo.ui.waitForCount(91, 'the Aurora burst in the list');

  await demo.ui.view('rate');
  const meter = await demo.ui.rateMeter('aurora:');
  expect(meter.limit).toBe(90);
  expect(meter.count).toBeGreaterThanOrEqual(91);
  expect(meter.over).toBe('true');
  const throttled = await demo.panel.evaluate<string>(
    `document.querySelector('[data-testid="rate-throttled"]')?.textContent ?? ''`,
  );
  expect(throttled).toMatch(/429 at .*Retry-After/);

  await demo.ui.view('requests');
  const { row, detail } = await firstError('profile:aurora status-code:429');
  expect(row.verdict).toBe('after');
  // The 91st request is flagged in the list and explained in the detail.
  expect(row.over).toBe(true);
  expect(detail.rate).toMatch(/91\/90 in 60s .*over the limit/);
  await demo.ui.filter('profile:aurora -status-code:429');
  expect((await demo.ui.rows()).some((r) => r.over)).toBe(false);
  expect(detail.retry).toMatch(/after/);
  // duration(): "59s", "1m", "1m 5s" — a Retry-After of exactly 60 s reads "1m".
  expect(detail.retry).toMatch(/Retry in \d+(s|m)|The wait is over/);
  expect(detail.status).toMatch(/Source: .*profile/);
});

test('Aurora: errors in the documented formats are decoded, with the documented meanings', async () => {
  await demo.play('aurora-errors');
  await demo.ui.filter('profile:aurora is:error -status-code:429');
  await demo.ui.waitForCount(7, 'Aurora error rows');
  const rows = await demo.ui.rows();
  for (const r of rows) {
    expect(r.message, `${r.status} ${r.url}`).not.toBe('');
    expect(r.statusClass).toBe('s4');
  }
  // The comma-separated format is split into its messages (the Aurora profile says so).
  expect(rows.some((r) => r.message.includes(' · '))).toBe(true);
  // 409 "operation in progress": wait a moment, then try again.
  const busy = rows.find((r) => r.status === '409');
  expect(busy?.verdict).toBe('wait');
  const d = await demo.ui.open(busy!.id);
  expect(d.status).toMatch(/Source: .*Aurora/);
  expect(d.error).toMatch(/Decoded error/);
});

test('Neo4j Aura: a failed create is unsafe to retry blindly, with its X-Request-Id', async () => {
  await demo.play('aura-create-500');
  const { row, detail } = await firstError('profile:neo4j-aura method:POST status-code:500');
  expect(row.verdict).toBe('unsafe');
  expect(row.requestId).not.toBe('');
  expect(detail.requestId).toBe(row.requestId);
  expect(detail.retry).toMatch(/unsafe/);
  expect(detail.status).toMatch(/Source: .*profile/);

  // "Copy support details" works inside DevTools (clipboard API or the selection fallback).
  await demo.ui.click('copy-support');
  expect(
    await demo.panel.waitFor<string>(
      `(() => { const t = document.querySelector('[data-testid="copy-support"]').textContent; return t !== 'Copy support details' && t; })()`,
      'the copy result',
    ),
  ).toBe('Copied');
});

test('Neo4j Aura v1beta3: the legacy version is named', async () => {
  await demo.play('aura-v1beta3');
  await demo.ui.filter('profile:neo4j-aura v1beta3');
  await demo.ui.waitForCount(1, 'a v1beta3 row');
  const [row] = await demo.ui.rows();
  const d = await demo.ui.open(row!.id);
  expect(d.status).toContain('API version v1beta3');
});

test('EVRYTHNG: 415 for a non-JSON body, and documented error codes with their meanings', async () => {
  await demo.play('evrythng-bad-content-type');
  const { row, detail } = await firstError('profile:evrythng status-code:415');
  expect(row.verdict).toBe('fix');
  expect(row.message).not.toBe('');
  expect(detail.notes).toMatch(/application\/json/);

  await demo.play('evrythng-errors');
  await demo.ui.filter('profile:evrythng is:error -status-code:415 -status-code:401');
  await demo.ui.waitForCount(6, 'EVRYTHNG error rows');
  const rows = await demo.ui.rows();
  const d = await demo.ui.open(rows[0]!.id);
  // The code and the provider's meaning of it, e.g. "Code: INVALID_ID — The formatting of…".
  expect(d.error).toMatch(/Code: [A-Z_]+ — \w/);
});

test('HAL + Problem Details: a validation problem is decoded, HAL links are listed', async () => {
  await demo.play('problem-validation');
  const { row, detail } = await firstError('profile:hal-problem');
  expect(row.verdict).toBe('fix');
  expect(detail.error).toMatch(/problem/i);
  expect(
    await demo.panel.evaluate<number>(
      `document.querySelectorAll('[data-testid="detail-error"] .messages li').length`,
    ),
  ).toBeGreaterThan(0);

  await demo.play('hal-success');
  await demo.ui.filter('profile:hal-problem -is:error');
  await demo.ui.waitForCount(1, 'a HAL success row');
  const [ok] = await demo.ui.rows();
  await demo.ui.open(ok!.id);
  const hal = await demo.panel.waitFor<string>(
    `document.querySelector('[data-testid="detail-hal"]')?.textContent`,
    'the HAL links',
  );
  expect(hal).toMatch(/self → /);
});

test("the rate meter spots a polling loop and gives the provider's advice", async () => {
  await demo.play('polling');
  await demo.ui.view('rate');
  const polling = await demo.panel.waitFor<string>(
    `[...document.querySelectorAll('[data-testid="rate-polling"]')].map((p) => p.textContent).join('\\n')`,
    'the polling insight',
  );
  expect(polling).toMatch(/Polling: GET \S+\/status every ~\d+(\.\d+)?s/);
  expect(polling).toMatch(/webhook/i);
  await demo.ui.view('requests');
});

test('error groups count repeats and clicking one shows exactly its rows, whatever the filter', async () => {
  await demo.play('aura-errors');
  await demo.play('hal-all');
  await demo.ui.filter('');
  await demo.ui.view('groups');
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="error-group"]')`,
    'an error group',
  );
  const counts = await demo.panel.evaluate<number[]>(
    `[...document.querySelectorAll('[data-testid="error-group"]')].map((g) => Number(g.querySelector('td').textContent))`,
  );
  expect(counts.length).toBeGreaterThan(1);
  for (let i = 0; i < Math.min(counts.length, 8); i++) {
    // A filter that matches nothing: the group replaces it.
    await demo.ui.view('requests');
    await demo.ui.filter('no-row-matches-this');
    await demo.ui.view('groups');
    await demo.panel.evaluate(
      `document.querySelectorAll('[data-testid="error-group"]')[${i}].click()`,
    );
    await demo.panel.waitFor(
      `document.querySelector('.list')?.dataset.filter === '' && document.querySelector('.chip')`,
      'the group shown in the list',
    );
    expect(await demo.ui.count(), `group ${i}`).toBe(counts[i]);
    await demo.panel.evaluate(`document.querySelector('.chip button').click()`);
  }
});
