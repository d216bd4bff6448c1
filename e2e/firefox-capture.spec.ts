import { test } from '@playwright/test';
import { builtinHostPatterns, DEMO_PATTERN } from './support/background.ts';
import {
  burstUrl,
  clearForBursts,
  expectBodiesOrNotes,
  expectExactCounts,
  waitForBursts,
} from './support/bursts.ts';
import { poll } from './support/devtools.ts';
import { useFirefoxPanel } from './support/firefox.ts';

/**
 * Capture loses nothing (issue 8 §1) in real Firefox DevTools: the burst page of capture.spec.ts
 * (ten API calls at once, then at once a location change, a form submit or a reload), round after
 * round, on one site (a cross-site form submit never navigated in Firefox). Firefox reports few
 * of these requests to extensions and its getHAR() loses requests while the page is busy, so the
 * panel recovers them from the background's webRequest observations, which need the host grant
 * the popup asks for (given here at install, as in firefox-popup.spec.ts). Every count is exact.
 */
test.describe.configure({ mode: 'serial' });

// The profiles' hosts and the page's (the popup's grant), and the HAL host the page calls too:
// requests to a host without access are not observed, so not recovered (README).
const fx = useFirefoxPanel({
  grant: [...builtinHostPatterns(), DEMO_PATTERN, '*://hal.apilens.test/*'],
});

async function playBursts(run: string, options = '') {
  const handled = await clearForBursts(fx);
  await fx.ff.page.goto(burstUrl(fx.server.url, run, options, 'demo.apilens.test'));
  // The page navigates itself round after round: read its marker on whichever page is current.
  await poll(
    () =>
      fx.ff.page
        .evaluate(() => document.body?.dataset.done)
        .then((done) => done === run)
        .catch(() => false),
    `the burst page's last round (${run})`,
    60_000,
  );
  await waitForBursts(fx, handled);
}

/** The Network panel's "Persist Logs", as the user ticks it (off by default). */
const persistLogs = (on: boolean) =>
  fx.ff.chrome(`Services.prefs.setBoolPref('devtools.netmonitor.persistlog', ${on})`);

// Without Persist Logs Firefox DevTools reported 0 of the 60 API requests to extensions, with it
// 6 to 12 (README): the rows come from the background's webRequest observations either way.
for (const on of [false, true]) {
  const logs = on ? 'Persist Logs on' : 'Persist Logs off';
  test(`Firefox, ${logs}: bursts each followed at once by a navigation: every row, rate count and error group`, async () => {
    await persistLogs(on);
    const run = `f${on ? 1 : 0}${Date.now().toString(36)}`;
    await playBursts(run);
    await expectExactCounts(fx, run);
    await expectBodiesOrNotes(fx);
  });

  test(`Firefox, ${logs}: pages that navigate before reading the bodies lose no row`, async () => {
    await persistLogs(on);
    const run = `g${on ? 1 : 0}${Date.now().toString(36)}`;
    await playBursts(run, '&read=0');
    await expectExactCounts(fx, run);
  });
}
