import { expect, test } from '@playwright/test';
import { startFixtureServer } from './fixture-server/index.ts';
import { useDemoPanel } from './support/devtools.ts';

/**
 * The request list as a Network-panel user's hands expect it, in a real DevTools session with
 * real input events (CDP Input): one click opens, the keyboard walks the grid, columns resize
 * and hide from the header's context menu, and the choice survives a reload of the panel.
 */

const demo = useDemoPanel(() => startFixtureServer({ port: 0 }));

const selected = () =>
  demo.panel.evaluate<{ id: number; index: number; focused: boolean }>(`(() => {
    const r = document.querySelector('.row[aria-selected="true"]');
    return r && { id: Number(r.dataset.rowId), index: Number(r.getAttribute('aria-rowindex')) - 2,
      focused: document.activeElement === r };
  })()`);

async function waitSelected(index: number, what: string) {
  return demo.panel.waitFor<{ index: number; focused: boolean }>(
    `(() => { const r = document.querySelector('.row[aria-selected="true"]');
      return r && Number(r.getAttribute('aria-rowindex')) - 2 === ${index} && document.activeElement === r && { index: ${index}, focused: true }; })()`,
    what,
  );
}

test('one click opens a row; arrows, Home/End, PageUp/PageDown and Enter walk the grid', async () => {
  await demo.play('hal-all');
  await demo.ui.filter('hal.apilens.test');
  const n = await demo.ui.waitForCount(10, 'the HAL rows');
  expect(await demo.panel.evaluate(`document.querySelector('.list').getAttribute('role')`)).toBe(
    'grid',
  );

  const [first] = await demo.ui.rows();
  await demo.ui.mouse(`.row[data-row-id="${first!.id}"] .c-url`);
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="detail"][data-row-id="${first!.id}"]')`,
    'the detail after one click',
  );
  await demo.ui.press('Escape');
  await demo.panel.waitFor(`!document.querySelector('[data-testid="detail"]')`, 'detail closed');
  await demo.panel.evaluate(`document.querySelector('.row[aria-selected="true"]').focus()`);

  await demo.ui.press('ArrowDown');
  await waitSelected(1, 'ArrowDown to the second row');
  await demo.ui.press('ArrowUp');
  await waitSelected(0, 'ArrowUp back');
  await demo.ui.press('End');
  await waitSelected(n - 1, 'End to the last row');
  await demo.ui.press('Home');
  await waitSelected(0, 'Home to the first row');
  await demo.ui.press('PageDown');
  const page = await demo.panel.waitFor<number>(
    `(() => { const r = document.querySelector('.row[aria-selected="true"]'); const i = r && Number(r.getAttribute('aria-rowindex')) - 2; return i > 0 && document.activeElement === r && i; })()`,
    'PageDown',
  );
  expect(page).toBeGreaterThan(1);
  await demo.ui.press('PageUp');
  await waitSelected(0, 'PageUp');
  await demo.ui.press('Enter');
  const s = await selected();
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="detail"][data-row-id="${s.id}"]')`,
    'Enter opens the focused row',
  );
  await demo.ui.press('Escape');
});

test('columns hide from the header menu and resize by their edge, and the choice persists', async () => {
  await demo.play('hal-success');
  await demo.ui.filter('');
  await demo.ui.waitForCount(1, 'a row');
  const headers = () =>
    demo.panel.evaluate<string[]>(
      `[...document.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent)`,
    );
  expect(await headers()).toContain('Profile');

  await demo.ui.mouse('.list-head .c-time', { button: 'right' });
  await demo.panel.waitFor(`document.querySelector('[data-testid="column-menu"]')`, 'the menu');
  await demo.ui.mouse('[data-testid="column-menu"] [data-column="profile"]');
  await demo.panel.waitFor(
    `![...document.querySelectorAll('[role="columnheader"]')].some((h) => h.textContent === 'Profile') && !document.querySelector('.row .c-profile')`,
    'the Profile column hidden',
  );
  await demo.ui.press('Escape');

  const before = await demo.panel.evaluate<number>(
    `document.querySelector('.list-head .c-message').getBoundingClientRect().width`,
  );
  await demo.ui.mouse('[data-testid="resize-message"]', { dragX: 80 });
  const after = await demo.panel.waitFor<number>(
    `(() => { const w = document.querySelector('.list-head .c-message').getBoundingClientRect().width; return Math.abs(w - ${before} - 80) <= 2 && w; })()`,
    'the Message column 80px wider',
  );

  // The panel reloads (as when DevTools reopens) and reads its settings back.
  await demo.panel.evaluate('location.reload()');
  await demo.panel.waitFor(`document.body.dataset.ready === '1'`, 'the panel to come back');
  await demo.panel.waitFor(
    `document.querySelector('.list-head') && ![...document.querySelectorAll('[role="columnheader"]')].some((h) => h.textContent === 'Profile')`,
    'Profile still hidden after the reload',
  );
  const w = await demo.panel.evaluate<number>(
    `document.querySelector('.list-head .c-message').getBoundingClientRect().width`,
  );
  expect(Math.abs(w - after)).toBeLessThanOrEqual(2);

  // Restore the default columns for the other tests.
  await demo.ui.mouse('.list-head .c-time', { button: 'right' });
  await demo.ui.mouse('[data-testid="column-menu"] [data-column="profile"]');
  await demo.ui.mouse('[data-testid="column-menu"] [role="menuitem"]');
});
