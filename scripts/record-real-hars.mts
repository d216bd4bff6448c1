/**
 * One-off: has real HAR writers record real API error traffic from the fixture server
 * (127.0.0.1, port 0) into fixtures/har/<producer>/, so the tests read what those tools write.
 * The writers are not project dependencies; install them for the run, without saving:
 *
 *   npm i --no-save chrome-har@1.3.1 chrome-har-capturer@0.14.4 node-fetch-har@1.0.1 \
 *     node-fetch@2.7.0 axios-har-tracker@0.8.0 axios@1.21.1
 *   node --import tsx scripts/record-real-hars.mts [producer…]
 *
 * Browsers open an API error as their page and make the calls with fetch(); Node clients make
 * the same calls. Files are written exactly as
 * each tool returns them, `JSON.stringify(har, null, 2)` where the tool hands back an object.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { LookupFunction } from 'node:net';
import { resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { DEMO_HOST, type FixtureServer, startFixtureServer } from '../e2e/fixture-server/index.ts';
import { findChromium, isolatedChromiumArgs } from '../e2e/support/chromium.ts';
import { chromeScope, launchHeadlessFirefox } from '../e2e/support/firefox.ts';

const ROOT = resolve(import.meta.dirname, '../fixtures/har');

// The writers are installed only for a run (see above): loaded by name, untyped.
// biome-ignore lint/suspicious/noExplicitAny: third-party modules without declarations
type Loose = any;
const tool = (name: string): Promise<Loose> => import(name);

function write(producer: string, file: string, text: string): void {
  mkdirSync(resolve(ROOT, producer), { recursive: true });
  writeFileSync(resolve(ROOT, producer, file), text);
  console.log(`wrote ${producer}/${file} (${text.length} chars)`);
}

async function launchChromium(server: FixtureServer): Promise<Browser> {
  const rules = Object.entries(server.hosts)
    .map(([host, port]) => `MAP ${host} 127.0.0.1:${port}`)
    .join(',');
  return puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: isolatedChromiumArgs(rules),
  });
}

/**
 * What a browser page does: its document is an API error (401 problem+json, no token), then it
 * calls the APIs with fetch(). No page script or body carries a token before the request that
 * sends it (a secret's first appearance is the header that reveals it).
 */
/** The page a browser opens: the HAL API's 401 (problem+json) for an order list. */
const pageUrl = (server: FixtureServer) => `http://hal.apilens.test:${server.port}/orders`;

const play = (server: FixtureServer) => `(async () => {
  for (const c of ${JSON.stringify(apiCalls(server))}) {
    const res = await fetch(c.url, { method: c.method, headers: c.headers, body: c.body });
    await res.text();
  }
})()`;

/** chrome-har (sitespeed.io's builder, used by browsertime) from DevTools protocol events. */
async function chromeHar(server: FixtureServer): Promise<void> {
  const { harFromMessages } = await tool('chrome-har');
  const browser = await launchChromium(server);
  try {
    const page = await browser.newPage();
    const cdp = await page.createCDPSession();
    const events: { method: string; params: Record<string, unknown> }[] = [];
    const responses = new Map<string, { response: Record<string, unknown> }>();
    const bodies: Promise<void>[] = [];
    for (const method of [
      'Page.frameStartedLoading',
      'Page.frameRequestedNavigation',
      'Page.navigatedWithinDocument',
      'Page.domContentEventFired',
      'Page.loadEventFired',
      'Network.requestWillBeSent',
      'Network.requestServedFromCache',
      'Network.dataReceived',
      'Network.responseReceived',
      'Network.resourceChangedPriority',
      'Network.loadingFinished',
      'Network.loadingFailed',
    ]) {
      cdp.on(method, (event: unknown) => {
        const params = event as Record<string, unknown>;
        events.push({ method, params });
        const id = params.requestId as string;
        if (method === 'Network.responseReceived')
          responses.set(id, params as { response: Record<string, unknown> });
        // The README's way to include bodies: set them on the response object.
        if (method === 'Network.loadingFinished' && responses.has(id))
          bodies.push(
            cdp
              .send('Network.getResponseBody', { requestId: id })
              .then((b) => {
                responses.get(id)!.response.body = b.body;
              })
              .catch(() => {}),
          );
      });
    }
    await cdp.send('Page.enable');
    await cdp.send('Network.enable');
    await page.goto(pageUrl(server), { waitUntil: 'load' });
    await page.evaluate(play(server));
    await Promise.all(bodies);
    const har = harFromMessages(events, { includeTextFromResponseBody: true });
    write('chrome-har', 'fixture-api-errors.har', JSON.stringify(har, null, 2));
  } finally {
    await browser.close();
  }
}

/** chrome-har-capturer (cyrus-and): its own CDP client loads the page and builds the HAR. */
async function chromeHarCapturer(server: FixtureServer): Promise<void> {
  const CHC = (await tool('chrome-har-capturer')).default;
  const browser = await launchChromium(server);
  try {
    const port = Number(new URL(browser.wsEndpoint()).port);
    const har = await new Promise((ok, fail) => {
      CHC.run([pageUrl(server)], {
        host: '127.0.0.1',
        port,
        content: true,
        postHook: (_url: string, client: { Runtime: { evaluate(p: object): Promise<object> } }) =>
          client.Runtime.evaluate({ expression: play(server), awaitPromise: true }),
      })
        .on('fail', (_u: string, e: Error) => fail(e))
        .on('har', ok);
    });
    write('chrome-har-capturer', 'fixture-api-errors.har', JSON.stringify(har, null, 2));
  } finally {
    await browser.close();
  }
}

/** Node clients reach the fixture hosts by their names: an agent resolves them to loopback. */
const loopback: LookupFunction = (_host, opts, cb) => {
  if ((opts as { all?: boolean }).all)
    (cb as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ]);
  else cb(null, '127.0.0.1', 4);
};

/** API calls from the demo's scenarios (aurora-errors, aura-errors, problem-validation). */
function apiCalls(server: FixtureServer) {
  const port = server.port;
  const aurora = `http://api.aurorasolar.com:${port}/tenants/demo`;
  const aura = `http://api.neo4j.io:${port}`;
  const hal = `http://hal.apilens.test:${port}`;
  const json = { 'Content-Type': 'application/json' };
  const auth = { Authorization: 'Bearer aura-demo-token' };
  const key = { Authorization: 'Bearer aurora-demo-key-errors' };
  return [
    { method: 'GET', url: `${aurora}/designs/d404`, headers: key },
    { method: 'POST', url: `${aurora}/projects`, headers: { ...key, ...json }, body: '{}' },
    {
      method: 'POST',
      url: `${aurora}/designs/d1/simulations`,
      headers: { ...key, ...json },
      body: '{}',
    },
    { method: 'GET', url: `${aura}/v1/instances/zz99`, headers: auth },
    { method: 'GET', url: `${aura}/v1/instances`, headers: {} },
    { method: 'POST', url: `${aura}/v1/instances`, headers: { ...auth, ...json }, body: '{}' },
    {
      method: 'POST',
      url: `${hal}/orders`,
      headers: { Authorization: 'Bearer hal-demo-token', ...json },
      body: '{}',
    },
  ];
}

async function nodeFetchHar(server: FixtureServer): Promise<void> {
  const { withHar, createHarLog } = await tool('node-fetch-har');
  const nodeFetch = (await tool('node-fetch')).default;
  const agent = new http.Agent({ lookup: loopback });
  const entries: unknown[] = [];
  const fetch = withHar(nodeFetch, { onHarEntry: (e: unknown) => entries.push(e) });
  for (const c of apiCalls(server)) {
    const res = await fetch(c.url, { method: c.method, headers: c.headers, body: c.body, agent });
    await res.text();
  }
  write('node-fetch-har', 'fixture-api-errors.har', JSON.stringify(createHarLog(entries), null, 2));
}

async function axiosHarTracker(server: FixtureServer): Promise<void> {
  const axios = (await tool('axios')).default;
  const { AxiosHarTracker } = await tool('axios-har-tracker');
  const client = axios.create({
    httpAgent: new http.Agent({ lookup: loopback }),
    validateStatus: () => true,
    proxy: false,
  });
  const tracker = new AxiosHarTracker(client);
  for (const c of apiCalls(server))
    await client.request({ method: c.method, url: c.url, headers: c.headers, data: c.body });
  write(
    'axios-har-tracker',
    'fixture-api-errors.har',
    JSON.stringify(tracker.getGeneratedHar(), null, 2),
  );
}

/**
 * Firefox's own HAR writer (the Network panel's HarExporter, as "Save All As HAR" and
 * devtools.network.getHAR use it), from chrome script with the toolbox open on the tab.
 */
async function firefox(server: FixtureServer): Promise<void> {
  const browser = await launchHeadlessFirefox();
  try {
    const [page] = await browser.pages();
    const { chrome } = await chromeScope(browser);
    await chrome(`(async () => {
      const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
      const { gDevTools } = require('devtools/client/framework/devtools');
      window.__harToolbox = await gDevTools.showToolboxForTab(gBrowser.selectedTab, { toolId: 'netmonitor' });
    })()`);
    // Firefox's BiDi fails a navigation that ends on an HTTP error: it opens a 200 document
    // that holds no token (the demo's stylesheet), then makes the same calls.
    await page!.goto(`http://${DEMO_HOST}:${server.port}/demo.css`, { waitUntil: 'load' });
    await page!.evaluate(play(server));
    // Firefox's HarExporter.stringify: JSON.stringify(har, null, "  ").
    const text = await chrome<string>(`(async () => {
      const api = await window.__harToolbox.getNetMonitorAPI();
      for (let i = 0; i < 200; i++) {
        const har = await api.getHar();
        const entries = har ? har.log.entries : [];
        const calls = entries.filter((e) => e.request.method !== 'OPTIONS');
        const finished = entries.every((e) => e.response.status > 0);
        if (finished && calls.length >= ${1 + apiCalls(server).length}) return JSON.stringify(har, null, '  ');
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the Network panel did not see every request');
    })()`);
    write('firefox', 'fixture-api-errors.har', text);
  } finally {
    await browser.close();
  }
}

const PRODUCERS: Record<string, (s: FixtureServer) => Promise<void>> = {
  'chrome-har': chromeHar,
  'chrome-har-capturer': chromeHarCapturer,
  'node-fetch-har': nodeFetchHar,
  'axios-har-tracker': axiosHarTracker,
  firefox,
};

const chosen = process.argv.slice(2);
const server = await startFixtureServer({ port: 0 });
try {
  for (const [name, run] of Object.entries(PRODUCERS))
    if (chosen.length === 0 || chosen.includes(name)) {
      server.reset();
      await run(server);
    }
} finally {
  await server.close();
}
