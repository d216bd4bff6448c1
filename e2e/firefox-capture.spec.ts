import { test } from '@playwright/test';
import { type FixtureServer, startFixtureServer } from './fixture-server/index.ts';
import { builtinHostPatterns, DEMO_PATTERN } from './support/background.ts';
import {
  type BurstPanel,
  burstUrl,
  clearForBursts,
  expectBodiesOrNotes,
  expectExactCounts,
  waitForBursts,
} from './support/bursts.ts';
import { panelDom, poll } from './support/devtools.ts';
import {
  type FirefoxSession,
  launchFirefox,
  openFirefoxPanel,
  packageFirefox,
} from './support/firefox.ts';

/**
 * Capture loses nothing (issue 8 §1) in real Firefox DevTools: the burst page of capture.spec.ts
 * (ten API calls at once, then at once a location change, a form submit or a reload), round after
 * round, on one site (a cross-site form submit never navigated in Firefox). Firefox reports few
 * of these requests to extensions and its getHAR() loses requests while the page is busy, so the
 * panel recovers them from the background's webRequest observations, which need the host grant
 * the popup asks for (given here at install, as in firefox-popup.spec.ts). Every count is exact.
 */
let server: FixtureServer;
let ff: FirefoxSession;
let p: BurstPanel;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  packageFirefox();
  server = await startFixtureServer();
  // The profiles' hosts and the page's (the popup's grant), and the HAL host the page calls too:
  // requests to a host without access are not observed, so not recovered (README).
  ff = await launchFirefox({
    grant: [...builtinHostPatterns(), DEMO_PATTERN, '*://hal.apilens.test/*'],
  });
  await ff.page.goto(server.url);
  const panel = await openFirefoxPanel(ff);
  p = { ui: panelDom(panel), panel };
  await p.ui.ready();
});

test.afterAll(async () => {
  await ff?.close();
  await server?.close();
});

async function playBursts(run: string, options = '') {
  const handled = await clearForBursts(p);
  await ff.page.goto(burstUrl(server.url, run, options, 'demo.apilens.test'));
  // The page navigates itself round after round: read its marker on whichever page is current.
  await poll(
    () =>
      ff.page
        .evaluate(() => document.body?.dataset.done)
        .then((done) => done === run)
        .catch(() => false),
    `the burst page's last round (${run})`,
    60_000,
  );
  await waitForBursts(p, handled);
}

/** The Network panel's "Persist Logs", as the user ticks it (off by default). */
const persistLogs = (on: boolean) =>
  ff.chrome(`Services.prefs.setBoolPref('devtools.netmonitor.persistlog', ${on})`);

// Without Persist Logs Firefox DevTools reported 0 of the 60 API requests to extensions, with it
// 6 to 12 (README): the rows come from the background's webRequest observations either way.
for (const on of [false, true]) {
  const logs = on ? 'Persist Logs on' : 'Persist Logs off';
  test(`Firefox, ${logs}: bursts each followed at once by a navigation: every row, rate count and error group`, async () => {
    await persistLogs(on);
    const run = `f${on ? 1 : 0}${Date.now().toString(36)}`;
    await playBursts(run);
    await expectExactCounts(p, run);
    await expectBodiesOrNotes(p);
  });

  test(`Firefox, ${logs}: pages that navigate before reading the bodies lose no row`, async () => {
    await persistLogs(on);
    const run = `g${on ? 1 : 0}${Date.now().toString(36)}`;
    await playBursts(run, '&read=0');
    await expectExactCounts(p, run);
  });
}
