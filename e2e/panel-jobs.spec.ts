import { expect, test } from '@playwright/test';
import type { Har } from 'har-format';
import { generateHar } from '../bench/generate.ts';
import { annotateHar } from '../src/core/har/annotate.ts';
import { startFixtureServer } from './fixture-server/index.ts';
import { useDemoPanel } from './support/devtools.ts';
import { pickLargeFile } from './support/files.ts';

/**
 * The panel's worker jobs in a real DevTools session: a large import shows progress and can be
 * cancelled, export equals `apilens annotate`, saving a profile re-annotates the rows already
 * captured, and the memory budget drops the oldest bodies with a notice.
 */

const demo = useDemoPanel(() => startFixtureServer({ port: 0 }));

const js = (s: string) => JSON.stringify(s);
const sessionNames = () =>
  demo.panel.evaluate<string[]>(
    `[...document.querySelector('[data-testid="session-switcher"]').options].map((o) => o.textContent)`,
  );
const noJobs = () =>
  demo.panel.waitFor(`document.querySelectorAll('[data-testid="job"]').length === 0`, 'no job');

test('a large import shows its progress and can be cancelled', async () => {
  test.setTimeout(180_000); // the file crosses CDP in 1 MB pieces
  const N = 20_000;
  await pickLargeFile(demo.panel, 'large.har', JSON.stringify(generateHar(N, 11)));
  // The job is on screen, counting entries against the file's total.
  const progress = await demo.panel.waitFor<{ phase: string; done: number; total: number }>(
    `(() => {
      const j = document.querySelector('[data-testid="job"][data-job-kind="import"]');
      if (!j || j.dataset.phase !== 'annotating' || Number(j.dataset.done) === 0) return null;
      return { phase: j.dataset.phase, done: Number(j.dataset.done), total: Number(j.dataset.total),
        text: j.textContent };
    })()`,
    'the import progress',
    60_000,
  );
  expect(progress.total).toBe(N);
  expect(progress.done).toBeGreaterThan(0);
  await demo.ui.click('job-cancel');
  await noJobs();
  expect((await sessionNames()).some((n) => n.includes('large.har'))).toBe(false);
  expect(
    await demo.panel.evaluate(`document.querySelector('[data-testid="import-error"]')`),
  ).toBeNull();
});

test('export runs in the worker and equals `apilens annotate` of the same traffic', async () => {
  await demo.play('all');
  await demo.ui.filter('');
  const raw = JSON.parse((await demo.ui.exportHar(true)).text) as Har;
  const exported = (await demo.ui.exportHar(false)).text;
  // The with-secrets export is the captured traffic; the CLI's path annotates and redacts it.
  const cli = JSON.parse(JSON.stringify(annotateHar(raw, { redact: true }))) as Har;
  expect(JSON.parse(exported)).toEqual(cli);
  expect(exported.endsWith('}\n')).toBe(true);
});

test('saving a profile re-annotates the rows already captured', async () => {
  await demo.play('problem-validation');
  await demo.ui.filter('profile:hal-problem status-code:400');
  await demo.ui.waitForCount(1, 'the validation problem');
  const [before] = await demo.ui.rows();
  expect(before!.verdict).not.toMatch(/wait/i);
  const meaning = 'Our staging HAL API rejects the widget form while a migration runs.';
  const profile = [
    {
      id: 'staging-hal',
      name: 'Staging HAL',
      match: { hosts: ['hal.apilens.test'] },
      statuses: { '400': { meaning, retry: 'wait' } },
    },
  ];
  await demo.ui.view('profiles');
  await demo.panel.evaluate(`(() => {
    const t = document.querySelector('[data-testid="profiles-editor"]');
    t.value = ${js(JSON.stringify(profile))};
    t.dispatchEvent(new Event('input', { bubbles: true }));
  })()`);
  await demo.ui.click('profiles-save');
  await demo.panel.waitFor(
    `document.querySelector('[data-profile-id="staging-hal"]')`,
    'the saved profile',
  );
  await demo.ui.view('requests');
  await demo.ui.filter('profile:staging-hal status-code:400');
  await demo.ui.waitForCount(1, 'the row re-annotated with the saved profile', 30_000);
  const [after] = await demo.ui.rows();
  expect(after!.id).toBe(before!.id);
  expect(after!.profile).toBe('staging-hal');
  const detail = await demo.ui.open(after!.id);
  expect(detail.status).toContain(meaning);
  await noJobs();
});

test('the memory budget drops the oldest bodies, keeps their rows, and says so', async () => {
  await demo.ui.view('profiles');
  await demo.panel.evaluate(`(() => {
    const i = document.querySelector('[data-testid="memory-budget"]');
    i.value = '1';
    i.dispatchEvent(new Event('change', { bubbles: true }));
  })()`);
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="memory-budget"]').value === '1'`,
    'the 1 MiB budget',
  );
  await demo.ui.view('requests');
  const har = generateHar(3_000, 5);
  const bodies = har.log.entries.reduce((n, e) => n + (e.response.content.text?.length ?? 0), 0);
  expect(bodies).toBeGreaterThan(2 * 1024 * 1024);
  await pickLargeFile(demo.panel, 'budget.har', JSON.stringify(har));
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="session-switcher"]').selectedOptions[0].textContent.includes('budget.har')`,
    'the imported session',
    60_000,
  );
  const dropped = await demo.panel.waitFor<number>(
    `Number(document.querySelector('[data-testid="budget-notice"]')?.dataset.dropped ?? 0)`,
    'the budget notice',
  );
  expect(dropped).toBeGreaterThan(0);
  const notice = await demo.panel.evaluate<string>(
    `document.querySelector('[data-testid="budget-notice"]').textContent`,
  );
  expect(notice).toContain(dropped.toLocaleString('en'));
  // Every row stays; the oldest says its body went to the budget.
  await demo.ui.filter('');
  await demo.panel.waitFor(`document.querySelector('.list').dataset.total === '3000'`, 'all rows');
  const rows = await demo.ui.rows();
  let note = '';
  for (const r of rows.slice(0, 5)) {
    await demo.ui.open(r.id);
    note = await demo.panel.evaluate<string>(
      `[...document.querySelectorAll('.detail .d-body .note')].map((n) => n.textContent).join(' ')`,
    );
    if (note.includes('memory budget')) break;
  }
  expect(note).toMatch(/dropped by the memory budget/);
});
