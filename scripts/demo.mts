/**
 * `npm start` (after the build): the main job on its built-in demo. Starts the demo API (the e2e
 * fixture server, emulating each seed API) and Chromium with API Lens loaded.
 *
 * - With a display: a browser window on the demo page, DevTools open on the API Lens panel.
 *   Click the scenario buttons; Ctrl-C (or closing the browser) ends the demo.
 * - Without one (CI, SSH) or with --headless: plays every scenario, then writes screenshots of
 *   the panel (list, detail, rate meter, error groups) and the popup, and the annotated HAR,
 *   into one folder (--out, default demo-output/) and prints where.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startFixtureServer } from '../e2e/fixture-server/index.ts';
import { findChromium } from '../e2e/support/chromium.ts';
import { type DevtoolsPanel, openDevtoolsPanel, panelDom } from '../e2e/support/devtools.ts';
import { DIST, launchExtension } from '../e2e/support/extension.ts';

const ROOT = resolve(import.meta.dirname, '..');

function fail(message: string): never {
  console.error(`demo: ${message}`);
  process.exit(1);
}

let values: { port: string; out: string; headless?: boolean; help?: boolean };
try {
  values = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      out: { type: 'string', default: 'demo-output' },
      headless: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values as typeof values;
} catch (e) {
  fail(
    `${(e as Error).message}\nusage: npm start -- [--headless] [--port 8787] [--out demo-output]`,
  );
}
if (values.help) {
  console.log('usage: npm start -- [--headless] [--port 8787] [--out demo-output]');
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port ${values.port} is not a port number`);
const headless =
  values.headless || !!process.env.CI || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

try {
  findChromium();
} catch (e) {
  fail((e as Error).message);
}
if (!existsSync(join(DIST, 'manifest.json')))
  fail('the extension is not built: run `npm run build` first (`npm start` does).');

const server = await startFixtureServer({ port }).catch((e: Error) => fail(e.message));
console.log(`demo API on 127.0.0.1:${server.port}, demo page ${server.url}`);

/**
 * Headless DevTools starts docked to the right of an empty page area; the screenshots show it
 * undocked, filling the window. DockController is DevTools-internal: if it moves, the shots
 * keep the docked layout rather than failing the demo.
 */
async function undock(panel: DevtoolsPanel) {
  await panel.window.evaluate(`(async () => { try {
    const m = await import('./ui/legacy/legacy.js');
    m.DockController.DockController.instance().setDockSide('undocked');
  } catch {} })()`);
}

/** A PNG of the DevTools window. */
async function shoot(panel: DevtoolsPanel, file: string) {
  await panel.window.send('Emulation.setDeviceMetricsOverride', {
    width: 1280,
    height: 760,
    deviceScaleFactor: 1,
    mobile: false,
  });
  await new Promise((r) => setTimeout(r, 300));
  const { data } = await panel.window.send<{ data: string }>('Page.captureScreenshot', {
    format: 'png',
  });
  writeFileSync(file, Buffer.from(data, 'base64'));
  return file;
}

if (!headless) {
  const session = await launchExtension({ hosts: server.hosts, headless: false });
  const page = await session.context.newPage();
  await page.goto(server.url);
  await openDevtoolsPanel(session, page);
  console.log('Chromium is open on the demo page with DevTools on the API Lens panel.');
  console.log('Click a scenario; press Ctrl-C here (or close the browser) to stop.');
  const stop = async () => {
    await session.close().catch(() => {});
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  session.context.on('close', stop);
} else {
  const out = resolve(ROOT, values.out);
  mkdirSync(out, { recursive: true });
  // Headless Chromium never answers the host-permission prompt, so the demo's copy of the
  // extension is granted the demo hosts at install, as if the user had clicked "Allow".
  const granted = mkdtempSync(join(tmpdir(), 'apilens-demo-dist-'));
  cpSync(DIST, granted, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(granted, 'manifest.json'), 'utf8'));
  manifest.host_permissions = Object.keys(server.hosts).map((h) => `*://${h}/*`);
  writeFileSync(join(granted, 'manifest.json'), JSON.stringify(manifest));

  const session = await launchExtension({ hosts: server.hosts, extensionDir: granted });
  const page = await session.context.newPage();
  await page.goto(server.url);
  const tabId = await session.worker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  const panel = await openDevtoolsPanel(session, page);
  const ui = panelDom(panel);
  await ui.ready();
  const demo = {
    session,
    panel,
    ui,
    async close() {
      await panel.close();
      await session.close();
      rmSync(granted, { recursive: true, force: true });
    },
  };
  try {
    console.log('playing every scenario (about 10 s)…');
    await page.click('[data-scenario="all"]');
    await page.waitForFunction(() => document.body.dataset.done === 'all', undefined, {
      timeout: 120_000,
    });
    await undock(panel);
    // What the tool is for: decoded errors, verdicts and the over-limit flag, not rows of 200s.
    await ui.filter('is:error');
    const shots: string[] = [];
    shots.push(await shoot(panel, join(out, 'panel-list.png')));
    await ui.filter('is:error profile:neo4j-aura method:POST');
    await ui.waitForCount(1, 'the failed Aura create');
    const [row] = await ui.rows();
    await ui.open(row!.id);
    shots.push(await shoot(panel, join(out, 'panel-detail.png')));
    await ui.filter('');
    await ui.view('rate');
    shots.push(await shoot(panel, join(out, 'panel-rate.png')));
    await ui.view('groups');
    shots.push(await shoot(panel, join(out, 'panel-groups.png')));
    await ui.view('requests');
    const har = await ui.exportHar(false);
    writeFileSync(join(out, 'apilens-demo.har'), har.text);

    // The popup, opened as a page for the demo tab (a toolbar click cannot be scripted).
    const popup = await demo.session.context.newPage();
    await popup.setViewportSize({ width: 420, height: 640 });
    await popup.goto(
      `chrome-extension://${demo.session.extensionId}/src/popup/index.html?tab=${tabId}`,
    );
    await popup.waitForSelector('[data-testid="popup-root"]');
    await popup.waitForTimeout(500);
    const popupShot = join(out, 'popup.png');
    await popup.screenshot({ path: popupShot, fullPage: true });
    shots.push(popupShot);

    console.log(`\nwrote to ${out}:`);
    for (const f of [...shots, join(out, 'apilens-demo.har')]) console.log(`  ${f}`);
  } finally {
    await demo.close();
    await server.close();
  }
}
