/**
 * `npm run record-demo`: records `samples/demo.har`, the CLI's bundled sample, from real
 * traffic — Chromium plays the demo page's "all" scenario against the fixture APIs, and
 * Playwright writes what the browser saw as a HAR. Re-run it when the fixture server changes.
 */
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { startFixtureServer } from '../e2e/fixture-server/index.ts';
import { findChromium } from '../e2e/support/chromium.ts';

const OUT = resolve(import.meta.dirname, '../samples/demo.har');

const server = await startFixtureServer({ port: 0 });
const rules = Object.entries(server.hosts)
  .map(([host, port]) => `MAP ${host} 127.0.0.1:${port}`)
  .join(',');
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-quic',
    `--host-resolver-rules=${rules}`,
  ],
});
try {
  // Only the API calls: the demo page's own document, script and style are not API traffic.
  const context = await browser.newContext({
    recordHar: {
      path: OUT,
      content: 'embed',
      mode: 'full',
      urlFilter: /^(?!http:\/\/demo\.apilens\.test)/,
    },
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.click('[data-scenario="all"]');
  await page.waitForFunction(() => document.body.dataset.done === 'all', undefined, {
    timeout: 60_000,
  });
  await context.close();
  console.log(`recorded ${OUT}`);
} finally {
  await browser.close();
  await server.close();
}
