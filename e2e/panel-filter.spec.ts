import { expect, test } from '@playwright/test';
import type { Entry, Har } from 'har-format';
import { startFixtureServer } from './fixture-server/index.ts';
import { useDemoPanel } from './support/devtools.ts';

/**
 * Chrome's filter keys in the real panel: every key's count equals the count worked out
 * independently from the exported HAR of the same rows; suggestions appear as you type.
 */

const demo = useDemoPanel(() => startFixtureServer({ port: 0 }));

const media = (e: Entry) => (e.response.content.mimeType ?? '').split(';')[0]!.trim().toLowerCase();
const size = (e: Entry) =>
  e.response.content.size >= 0 ? e.response.content.size : (e.response.content.text?.length ?? 0);
const hasHeader = (e: Entry, n: string) =>
  e.response.headers.some((h) => h.name.toLowerCase() === n);
const type = (e: Entry) => (e as { _resourceType?: string })._resourceType ?? '';

test('every Chrome filter key counts what the HAR holds', async () => {
  await demo.play('all');
  await demo.ui.filter('');
  const total = await demo.ui.count();
  const har = JSON.parse((await demo.ui.exportHar(false)).text) as Har;
  const entries = har.log.entries;
  expect(entries.length).toBe(total);

  const cases: [string, (e: Entry) => boolean][] = [
    ['larger-than:100', (e) => size(e) > 100],
    ['larger-than:1k', (e) => size(e) > 1024],
    ['-larger-than:1k', (e) => !(size(e) > 1024)],
    ['mime-type:application/problem+json', (e) => media(e) === 'application/problem+json'],
    ['mime-type:application/hal+json', (e) => media(e) === 'application/hal+json'],
    ['scheme:http', (e) => e.request.url.startsWith('http:')],
    ['scheme:https', (e) => e.request.url.startsWith('https:')],
    ['has-response-header:retry-after', (e) => hasHeader(e, 'retry-after')],
    ['has-response-header:location', (e) => hasHeader(e, 'location')],
    ['resource-type:fetch', (e) => type(e) === 'fetch'],
    ['resource-type:xhr', (e) => type(e) === 'xhr'],
    ['url:/v1beta3/', (e) => e.request.url.includes('/v1beta3/')],
    ['url:*/orders/*', (e) => /\/orders\/./.test(e.request.url)],
    ['/instances/g', (e) => /instances/i.test(e.request.url)],
  ];
  for (const [filter, keep] of cases) {
    const expected = entries.filter(keep).length;
    await demo.ui.filter(filter);
    await demo.panel.waitFor(
      `Number(document.querySelector('.list').dataset.count) === ${expected}`,
      `${expected} rows for "${filter}" (the list shows ${await demo.ui.count()})`,
    );
  }
  // Not vacuous: these select some rows and leave others out (the demo is all http and fetch,
  // its bodies all under 1k).
  for (const [filter, keep] of cases) {
    if (/^(scheme|resource-type):|1k$/.test(filter)) continue;
    const n = entries.filter(keep).length;
    expect(n > 0 && n < total, `${filter} selects ${n} of ${total}`).toBe(true);
  }
});

test('the filter box suggests keys, then values seen in the session', async () => {
  await demo.play('hal-all');
  await demo.ui.filter('');
  await demo.panel.evaluate(`document.querySelector('input.filter').focus()`);
  await demo.panel.send('Input.insertText', { text: 'has-resp' });
  await demo.panel.waitFor(
    `[...document.querySelectorAll('#filter-suggestions [role="option"]')].map((o) => o.dataset.value).join() === 'has-response-header:'`,
    'the key suggestion',
  );
  await demo.ui.press('Enter');
  await demo.panel.send('Input.insertText', { text: 'retry' });
  await demo.panel.waitFor(
    `[...document.querySelectorAll('#filter-suggestions [role="option"]')].some((o) => o.dataset.value === 'has-response-header:retry-after')`,
    'the header-name suggestion',
  );
  await demo.ui.press('Enter');
  await demo.panel.waitFor(
    `document.querySelector('.list').dataset.filter === 'has-response-header:retry-after ' && Number(document.querySelector('.list').dataset.count) > 0`,
    'the accepted filter applied',
  );
  await demo.ui.press('Escape');
});
