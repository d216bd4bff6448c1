import { expect, test } from '@playwright/test';
import { startFixtureServer } from './fixture-server/index.ts';
import { useDemoPanel } from './support/devtools.ts';

/** The response body's JSON tree in real DevTools: folding by mouse and keyboard, search, raw. */

const demo = useDemoPanel(() => startFixtureServer({ port: 0 }));
const node = (path: unknown[]) => `[data-path='${JSON.stringify(path)}']`;
const expanded = (path: unknown[]) =>
  demo.panel.evaluate<string | null>(
    `document.querySelector(${JSON.stringify(`${node(path)} > .jt-toggle`)})?.getAttribute('aria-expanded') ?? null`,
  );

test('an error body folds and unfolds, search expands to the match, raw shows the exact text', async () => {
  await demo.play('problem-validation');
  await demo.ui.filter('hal.apilens.test method:POST status-code:400');
  await demo.ui.waitForCount(1, 'the validation problem');
  const [row] = await demo.ui.rows();
  await demo.ui.open(row!.id);
  await demo.panel.waitFor(
    `document.querySelector(${JSON.stringify(`[data-testid="body-response-body"].jt-root ${node(['errors'])}`)})`,
    'the body tree with its errors member',
  );
  expect(await expanded(['errors'])).toBe('false');

  // Unfold with a real click; the toggle keeps focus, so ArrowLeft folds it again.
  const toggle = `${node(['errors'])} > .jt-toggle`;
  // The body sits below the detail's other sections: scroll it into view as a user would.
  await demo.panel.evaluate(
    `document.querySelector(${JSON.stringify(toggle)}).scrollIntoView({ block: 'center' })`,
  );
  await demo.ui.mouse(toggle);
  await demo.panel.waitFor(
    `document.querySelector(${JSON.stringify(node(['errors', 0]))})`,
    'errors[0]',
  );
  expect(await expanded(['errors'])).toBe('true');
  await demo.ui.press('ArrowLeft');
  await demo.panel.waitFor(
    `!document.querySelector(${JSON.stringify(node(['errors', 0]))})`,
    'errors folded',
  );
  expect(await expanded(['errors'])).toBe('false');

  // Search opens errors and errors[0] to reach the value.
  await demo.panel.evaluate(`(() => {
    const i = document.querySelector('[data-testid="body-response-body-search"]');
    i.value = 'IS \\u0060UNDEFINED'; // \u0060: a backtick, as in the body
    i.dispatchEvent(new Event('input', { bubbles: true }));
  })()`);
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="body-response-body-search-count"]')`,
    'the match count',
  );
  const current = await demo.panel.waitFor<string>(
    `document.querySelector('.jt-current')?.textContent`,
    'the current match',
  );
  expect(current).toBe('"detail": "`body.name` is `undefined`, but `string` is expected."');
  expect(await demo.panel.evaluate(`document.querySelector('.jt-current').dataset.path`)).toBe(
    JSON.stringify(['errors', 0, 'detail']),
  );
  expect(
    await demo.panel.evaluate(
      `document.querySelector('[data-testid="body-response-body-search-count"]').textContent`,
    ),
  ).toBe('1 of 1');
  expect(await expanded(['errors'])).toBe('true');

  await demo.ui.click('body-response-body-raw');
  const raw = await demo.panel.waitFor<string>(
    `document.querySelector('pre[data-testid="body-response-body"]')?.textContent`,
    'the raw body',
  );
  expect(JSON.parse(raw).errors[0].pointer).toBe('/name');
});
