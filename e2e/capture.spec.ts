import { expect, test } from '@playwright/test';
import { startFixtureServer } from './fixture-server/index.ts';
import {
  burstUrl,
  clearForBursts,
  expectBodiesOrNotes,
  expectExactCounts,
  waitForBursts,
} from './support/bursts.ts';
import { useDemoPanel } from './support/devtools.ts';

/**
 * Capture loses nothing (issue 8 §1), in a real DevTools session: the burst page fires ten API
 * calls at once and navigates the moment the last response is in — by a location change, a form
 * submit and a reload in turn, across two sites — round after round. Every count is exact.
 */

const demo = useDemoPanel(() => startFixtureServer({ port: 0 }));

/** Plays the burst page to its end, on a cleared session. */
async function playBursts(run: string, options = '') {
  const handled = await clearForBursts(demo);
  await demo.page.goto(burstUrl(demo.fixture.url, run, options));
  await demo.page.waitForFunction((r) => document.body.dataset.done === r, run, {
    timeout: 60_000,
  });
  await waitForBursts(demo, handled);
}

test('bursts each followed at once by a navigation: every row, rate count and error group', async () => {
  const run = `b${Date.now().toString(36)}`;
  await playBursts(run);
  await expectExactCounts(demo, run);
  await expectBodiesOrNotes(demo);
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
    await expectExactCounts(demo, run);
  } finally {
    await preserve(false);
  }
});
