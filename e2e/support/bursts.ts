import { expect } from '@playwright/test';
import { credentialFingerprint } from '../../src/core/rate/index.ts';
import { type panelDom, poll } from './devtools.ts';

/**
 * The burst page's counts (e2e/fixture-server/demo/burst.js) and how to read them back from the
 * panel (capture.spec.ts): rows, rows per status, both rate meters and the error groups must all
 * be exact.
 */

/** Rounds per run: each a burst, then a navigation (location, form submit, reload in turn). */
export const ROUNDS = 6;
/** One burst: statuses and how many of each. */
export const PER_ROUND = { 200: 1, 400: 3, 404: 2, 409: 1, 422: 3 } as const;
export const CALLS = Object.values(PER_ROUND).reduce((a, b) => a + b, 0);
/** Aurora calls carry the run's Aurora key; Aura calls its Aura token. */
const AURORA_CALLS = 6;
const AURA_CALLS = 2;

export interface BurstPanel {
  ui: ReturnType<typeof panelDom>;
  panel: {
    evaluate<T = unknown>(expression: string): Promise<T>;
    waitFor<T = unknown>(expression: string, what: string, timeoutMs?: number): Promise<T>;
  };
}

/** The burst page's URL for a run, across two sites (`demo.apilens.test` and `localhost`) by default. */
export function burstUrl(
  base: string,
  run: string,
  options = '',
  hosts = 'demo.apilens.test,localhost',
): string {
  return `${base}burst.html?run=${run}&rounds=${ROUNDS}&hosts=${hosts}${options}`;
}

/** Clears the live session and returns how many navigations capture had handled so far. */
export async function clearForBursts({ ui, panel }: BurstPanel): Promise<number> {
  await ui.click('clear');
  await ui.filter('');
  await panel.waitFor(`document.querySelector('.list').dataset.count === '0'`, 'a clear list');
  return Number(await panel.evaluate<string>(`document.body.dataset.navigationsHandled ?? '0'`));
}

/**
 * Waits until capture handled every navigation of the run (`handledBefore` + ROUNDS: rows of
 * the page it left in, recovery run), every body answered or given up, and every request the
 * page sent is a row.
 */
export async function waitForBursts({ panel }: BurstPanel, handledBefore: number) {
  let last = '';
  await poll(async () => {
    const s = await panel.evaluate<{ handled: number; pending: string; rows: number }>(
      `({ handled: Number(document.body.dataset.navigationsHandled ?? 0), pending: document.body.dataset.capturePending, rows: Number(document.querySelector('.list').dataset.count) })`,
    );
    last = JSON.stringify(s);
    return s.handled >= handledBefore + ROUNDS && s.pending === '0' && s.rows >= ROUNDS * CALLS;
  }, 'every navigation handled and every request of the bursts in the panel').catch((e: Error) => {
    throw new Error(`${e.message} (last seen: ${last})`);
  });
}

/** Rows per status, read through the panel's own filter. */
async function rowsByStatus({ ui }: BurstPanel): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const status of Object.keys(PER_ROUND)) {
    await ui.filter(`status-code:${status}`);
    out[status] = await ui.count();
  }
  await ui.filter('');
  return out;
}

/** The rate meter's count for a key, as the Rate view shows it. */
async function meterCount({ ui, panel }: BurstPanel, profile: string, token: string) {
  const fp = credentialFingerprint({
    requestHeaders: [{ name: 'Authorization', value: `Bearer ${token}` }],
    url: 'http://x/',
  });
  await ui.view('rate');
  const selector = JSON.stringify(`[data-testid="rate-meter"][data-key="${profile}:${fp}"]`);
  const count = await panel.waitFor<string>(
    `document.querySelector(${selector})?.dataset.count`,
    `the rate meter of ${profile}`,
  );
  await ui.view('requests');
  return Number(count);
}

/** Error-group counts summed per status, as the Error groups view shows them. */
async function groupedByStatus({ ui, panel }: BurstPanel): Promise<Record<string, number>> {
  await ui.view('groups');
  const groups = await panel.evaluate<{ count: number; status: string }[]>(
    `[...document.querySelectorAll('[data-testid="error-group"]')].map((g) => ({ count: Number(g.cells[0].textContent), status: g.cells[2].textContent }))`,
  );
  await ui.view('requests');
  const out: Record<string, number> = {};
  for (const g of groups) out[g.status] = (out[g.status] ?? 0) + g.count;
  return out;
}

/** Every count of a run is exact: rows, rows per status, both rate meters, error groups. */
export async function expectExactCounts(p: BurstPanel, run: string) {
  await p.ui.filter('');
  expect(await p.ui.count(), 'rows').toBe(ROUNDS * CALLS);
  const expected = Object.fromEntries(
    Object.entries(PER_ROUND).map(([status, n]) => [status, ROUNDS * n]),
  );
  expect(await rowsByStatus(p)).toEqual(expected);
  expect(await meterCount(p, 'aurora', `aurora-${run}`)).toBe(ROUNDS * AURORA_CALLS);
  expect(await meterCount(p, 'neo4j-aura', `aura-${run}`)).toBe(ROUNDS * AURA_CALLS);
  const { 200: _ok, ...errors } = expected;
  expect(await groupedByStatus(p)).toEqual(errors);
}

/** Each 409's body is kept when DevTools still served it; otherwise its row says it was dropped. */
export async function expectBodiesOrNotes({ ui, panel }: BurstPanel) {
  await ui.filter('status-code:409');
  for (const row of await ui.rows()) {
    const d = await ui.open(row.id);
    const text = await panel.evaluate<string>(
      `[...document.querySelectorAll('.detail .d-body')].map((s) => s.textContent).join(' ')`,
    );
    if (d.body) expect(d.body).toContain('simulation is already running');
    else expect(text).toMatch(/DevTools (dropped this body|never reported this request)/);
  }
  await ui.filter('');
}
