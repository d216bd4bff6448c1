import { expect, test } from '@playwright/test';
import { openDevtoolsPanel } from './support/devtools.ts';
import { type ExtensionSession, launchExtension } from './support/extension.ts';

let session: ExtensionSession;
test.beforeAll(async () => {
  session = await launchExtension();
});
test.afterAll(async () => {
  await session?.close();
});

test('the service worker starts', async () => {
  expect(session.extensionId).toMatch(/^[a-p]{32}$/);
  expect(
    await session.worker.evaluate(() => (globalThis as { apiLensReady?: boolean }).apiLensReady),
  ).toBe(true);
});

test('the popup page opens', async () => {
  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/src/popup/index.html`);
  await expect(popup.getByTestId('popup-root')).toBeVisible();
  await popup.close();
});

test('the DevTools page registers the "API Lens" panel', async () => {
  const page = await session.context.newPage();
  await page.goto('about:blank');
  const panel = await openDevtoolsPanel(session, page);
  expect(panel.url).toContain(`chrome-extension://${session.extensionId}/src/devtools/panel.html`);
  expect(
    await panel.evaluate<string>(`document.querySelector('[data-testid="panel-root"]') !== null`),
  ).toBe(true);
  await panel.close();
  await page.close();
});
