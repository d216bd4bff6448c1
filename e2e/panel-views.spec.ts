import { expect, test } from '@playwright/test';
import { startFixtureServer } from './fixture-server/index.ts';
import { useDemoPanel } from './support/devtools.ts';

/** The detail views that show what the data holds: RFC 9457 problems and HAL, in real DevTools. */

const demo = useDemoPanel(() => startFixtureServer({ port: 0 }));
const text = (testid: string) =>
  demo.panel.evaluate<string>(
    `document.querySelector('[data-testid="${testid}"]')?.textContent ?? ''`,
  );

test('the problem view shows every member of a problem+json validation error', async () => {
  await demo.play('problem-validation');
  await demo.ui.filter('hal.apilens.test method:POST status-code:400');
  await demo.ui.waitForCount(1, 'the validation problem');
  const [row] = await demo.ui.rows();
  await demo.ui.open(row!.id);
  await demo.panel.waitFor(`document.querySelector('[data-testid="detail-problem"]')`, 'problem');
  expect(await text('problem-type')).toBe('about:blank');
  expect(
    await demo.panel.evaluate(`document.querySelector('[data-testid="problem-type"] a')`),
  ).toBeNull();
  expect(await text('problem-title')).toBe('Bad Request');
  expect(await text('problem-status')).toBe('400');
  expect(await text('problem-detail')).toBe('Request failed validation');
  const errors = await demo.panel.evaluate<string[][]>(
    `[...document.querySelectorAll('[data-testid="problem-errors"] tbody tr')].map((r) => [...r.cells].map((c) => c.textContent))`,
  );
  expect(errors).toEqual([
    ['/name', 'invalid_type: `body.name` is `undefined`, but `string` is expected.'],
  ]);
});

test('HAL links resolve against the request URL and jump to the captured request', async () => {
  await demo.play('hal-success');
  // The page follows the first embedded order's self link, as a HAL client would.
  await demo.page.evaluate(
    async (port) => {
      await fetch(`http://hal.apilens.test${port}/orders/1`, {
        headers: { Authorization: 'Bearer hal-demo-token' },
      });
    },
    `:${new URL(demo.fixture.url).port}`,
  );
  await demo.ui.filter('url:/orders/1 method:GET');
  await demo.ui.waitForCount(1, 'the followed link');
  const [order1] = await demo.ui.rows();

  await demo.ui.filter('hal.apilens.test method:GET status-code:200 -url:/orders/');
  await demo.ui.waitForCount(1, 'the HAL list');
  const [list] = await demo.ui.rows();
  await demo.ui.open(list!.id);
  await demo.panel.waitFor(`document.querySelector('[data-testid="detail-hal"]')`, 'HAL view');
  const origin = new URL(list!.url).origin;
  const next = await demo.panel.evaluate<string>(
    `document.querySelector('[data-testid="hal-links"] [data-rel="next"] a').getAttribute('href')`,
  );
  expect(next).toBe(`${origin}/orders?page=2`);
  expect(
    await demo.panel.evaluate<string>(
      `document.querySelector('[data-testid="hal-links"] [data-rel="find"]').textContent`,
    ),
  ).toContain('variables: id');

  // _embedded folds open; its order's self link is the captured request: it jumps there.
  await demo.ui.mouse('[data-testid="hal-embedded"] > summary');
  await demo.ui.mouse('[data-testid="hal-embedded"] .hal-embedded-item > summary');
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="hal-embedded-links"] [data-testid="hal-jump"]')?.offsetParent`,
    'the jump button of the embedded order',
  );
  await demo.ui.mouse('[data-testid="hal-embedded-links"] [data-testid="hal-jump"]');
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="detail"]')?.dataset.rowId === '${order1!.id}'`,
    'the detail of the followed request',
  );
});

test('seed facts show on the rows: Created, Already created, legacy v1beta3', async () => {
  await demo.play('evrythng-errors');
  await demo.play('hal-all');
  await demo.play('aura-v1beta3');
  const fact = async (filter: string, kind: string) => {
    await demo.ui.filter(filter);
    await demo.ui.waitForCount(1, filter);
    return demo.panel.waitFor<{ text: string; title: string }>(
      `(() => { const b = document.querySelector('.row [data-fact="${kind}"]'); return b && { text: b.textContent, title: b.title }; })()`,
      `the ${kind} badge for ${filter}`,
    );
  };
  const created = await fact('api.eu.evrythng.com status-code:201', 'created');
  expect(created.text).toMatch(/^Created: http:\/\/api\.eu\.evrythng\.com:\d+\/thngs\/\w+$/);
  const again = await fact('hal.apilens.test method:POST status-code:200', 'repeated-create');
  expect(again.text).toBe('Already created');
  expect(again.title).toMatch(/200 OK instead of 201 Created/);
  const legacy = await fact('url:/v1beta3/', 'legacy');
  expect(legacy.text).toBe('v1beta3: legacy');
  expect(legacy.title).toMatch(/Enterprise/);
});
