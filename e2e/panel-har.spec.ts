import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Har } from 'har-format';
import { annotateHar } from '../src/core/har/annotate.ts';
import { parseHar } from '../src/core/har/parse.ts';
import { PLANTED_PROFILE, plantedHar, survivors } from '../src/core/har/redact/test-planted.ts';
import { stringifyIterative } from '../src/core/json-text.ts';
import { startFixtureServer } from './fixture-server/index.ts';
import { useDemoPanel } from './support/devtools.ts';

/** HAR export/import and preserve-log, in a real DevTools session against the fixture APIs. */

const demo = useDemoPanel(() => startFixtureServer({ port: 0 }));

/** Waits for the import of `name` to end as its session, and fails on an import error. */
async function importedWithoutError(name: string, timeout?: number) {
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="import-error"]')?.textContent ||
      document.querySelector('[data-testid="session-switcher"]')?.selectedOptions[0]?.textContent.includes(${JSON.stringify(name)})`,
    `the ${name} session`,
    timeout,
  );
  expect(
    await demo.panel.evaluate(
      `document.querySelector('[data-testid="import-error"]')?.textContent ?? ''`,
    ),
  ).toBe('');
}

const annotations = (har: Har) =>
  har.log.entries.map((e) => (e as unknown as { _apiLens: unknown })._apiLens);

/** Values of credential-carrying request headers in a HAR (what must never leak). */
function secretsIn(har: Har): string[] {
  const out = new Set<string>();
  for (const e of har.log.entries) {
    for (const h of e.request.headers) {
      if (/^(authorization|x-api-key|api-key|cookie|x-evrythng-key)$/i.test(h.name)) {
        out.add(h.value.replace(/^(Bearer|Basic|Token)\s+/i, ''));
      }
    }
  }
  return [...out].filter((s) => s.length >= 8);
}

test('preserve log keeps rows and their bodies across a navigation', async () => {
  await demo.play('aura-create-500');
  await demo.ui.filter('profile:neo4j-aura status-code:500');
  await demo.ui.waitForCount(1, 'the Aura 500');
  const before = await demo.ui.rows();
  const handled = () =>
    demo.panel.evaluate<number>(`Number(document.body.dataset.navigationsHandled ?? 0)`);
  const navigations = await handled();
  await demo.page.reload();
  await demo.page.waitForLoadState('load');
  // Capture has handled the reload (rows before it kept, its recovery run) and settled.
  await demo.panel.waitFor(
    `Number(document.body.dataset.navigationsHandled) > ${navigations} && document.body.dataset.capturePending === '0'`,
    'the reload handled by capture',
  );
  await demo.ui.filter('profile:neo4j-aura status-code:500');
  expect(await demo.ui.count()).toBeGreaterThanOrEqual(before.length);
  const d = await demo.ui.open(before[0]!.id);
  expect(d.body.length).toBeGreaterThan(0);
});

test('export: redacted by default, no secret in the file, annotations equal the CLI', async () => {
  await demo.play('all');
  await demo.ui.filter('');
  const withSecrets = JSON.parse((await demo.ui.exportHar(true)).text) as Har;
  const exported = await demo.ui.exportHar(false);
  expect(exported.name).toMatch(/^apilens-.*\.har$/);
  expect(exported.name).not.toContain('secrets');
  const redacted = JSON.parse(exported.text) as Har;

  // The traffic really carried credentials, and none of them is in the redacted file.
  const secrets = secretsIn(withSecrets);
  expect(secrets.length).toBeGreaterThan(0);
  for (const s of secrets) expect(exported.text).not.toContain(s);
  expect((redacted.log as unknown as { _apiLens: { redacted: boolean } })._apiLens.redacted).toBe(
    true,
  );

  // What `apilens annotate` writes for the same traffic (annotateHar is the CLI's path).
  const cli = annotateHar(withSecrets, { redact: true });
  expect(annotations(redacted)).toEqual(annotations(cli));
  expect(redacted.log.entries.length).toBeGreaterThan(100);
});

test('import: a HAR is validated, annotated and shown as its own session', async () => {
  const text = (await demo.ui.exportHar(false)).text;
  await demo.ui.importHar('bad.har', '{"log": {"entries": "nope"}}');
  const error = await demo.panel.waitFor<string>(
    `document.querySelector('[data-testid="import-error"]')?.textContent`,
    'the import error',
  );
  expect(error).toMatch(/^bad\.har: .*entries/);

  await demo.ui.importHar('session.har', text);
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="session-switcher"]').selectedOptions[0].textContent.includes('session.har')`,
    'the imported session',
  );
  await demo.ui.filter('');
  const total = (JSON.parse(text) as Har).log.entries.length;
  await demo.ui.waitForCount(1, 'imported rows');
  await demo.ui.filter('is:error');
  expect(await demo.ui.count()).toBeGreaterThan(0);
  await demo.ui.filter('');
  await demo.panel.waitFor(
    `document.querySelector('.list').dataset.total === '${total}'`,
    'all imported entries',
  );
});

// Structured clone (postMessage) overflows near 2,000 levels: a deep entry crosses the import
// and export workers as JSON text (src/devtools/worker/transfer.ts), and comes back unchanged.
test('import: a custom field nested 5,000 deep makes a row and is exported unchanged', async () => {
  const depth = 5_000;
  const field = `${'{"a":'.repeat(depth - 1)}{"leaf":"deep-end"}${'}'.repeat(depth - 1)}`;
  await demo.play('aura-create-500');
  await demo.ui.filter('');
  await demo.ui.waitForCount(1, 'a captured row to copy');
  const entry = JSON.parse((await demo.ui.exportHar(false)).text).log.entries[0];
  delete entry._apiLens;
  entry.request.url = 'https://api.example.com/deep-field';
  const text = JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'e2e', version: '1' },
      entries: [{ ...entry, _deep: '@@' }],
    },
  }).replace('"@@"', field);
  await demo.ui.importHar('deep.har', text);
  await importedWithoutError('deep.har');
  await demo.ui.filter('');
  await demo.panel.waitFor(
    `document.querySelector('.list')?.dataset.total === '1'`,
    'the deep row',
  );
  const exported = JSON.parse((await demo.ui.exportHar(false)).text) as {
    log: { entries: { _deep: unknown }[] };
  };
  expect(stringifyIterative(exported.log.entries[0]!._deep)).toBe(field);
});

// Real HAR files from real writers (fixtures/har/<producer>/): each imports through Import HAR,
// shows one row per entry, and exported whole is the file exactly as `apilens annotate` writes it
// (every member kept: log-level fields, pages, bent values, entry order).
const REAL = join(import.meta.dirname, '../fixtures/har');
const realFiles = readdirSync(REAL, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(REAL, d.name)).map((f) => `${d.name}/${f}`))
  .filter((f) => f.endsWith('.har'))
  .sort();

/** Sets the "All traffic" toggle (page assets are rows of an import, but not API traffic). */
async function allTraffic(on: boolean) {
  await demo.panel.evaluate(`(() => {
    const box = document.querySelector('[data-testid="all-traffic"]');
    if (box.checked !== ${on}) box.click();
  })()`);
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="all-traffic"]').checked === ${on}`,
    `All traffic ${on ? 'on' : 'off'}`,
  );
}

test('import: every real HAR file in fixtures/har shows one row per entry, and exports as the CLI writes it', async () => {
  expect(realFiles.length).toBeGreaterThan(0);
  await allTraffic(true);
  try {
    for (const [i, file] of realFiles.entries()) {
      const text = readFileSync(join(REAL, file), 'utf8');
      const total = (JSON.parse(text.replace(/^\ufeff/, '')) as Har).log.entries.length;
      const name = `real-${i}-${file.replace('/', '-')}`;
      await demo.ui.importHar(name, text);
      await demo.panel.waitFor(
        `document.querySelector('[data-testid="session-switcher"]')?.selectedOptions[0]?.textContent.includes(${JSON.stringify(name)})`,
        `the imported session ${file}`,
      );
      await demo.ui.filter('');
      await demo.panel.waitFor(
        `document.querySelector('.list')?.dataset.total === '${total}'`,
        `${total} rows from ${file}`,
      );
      expect(
        await demo.panel.evaluate(
          `document.querySelector('[data-testid="import-error"]')?.textContent ?? ''`,
        ),
      ).toBe('');
      const parsed = parseHar(text);
      if (!parsed.ok) throw new Error(parsed.error);
      expect((await demo.ui.exportHar(false)).text, file).toBe(
        `${JSON.stringify(annotateHar(parsed.har), null, 2)}\n`,
      );
    }
  } finally {
    await allTraffic(false);
  }
});

// Issue 8 §3: secrets planted in unusual places (headers, query, userinfo, fragment, Referer,
// Location, redirectURL, :path, custom fields, WebSocket frames, echoed in bodies and error
// messages, bodies of every kind) do not survive the panel's export or its copy actions.
test('planted secrets: none survives Export HAR, Copy as cURL or Copy support details', async () => {
  // The README's own profile: its key header and key parameter are secrets.
  await demo.ui.view('profiles');
  await demo.panel.evaluate(`(() => {
    const t = document.querySelector('[data-testid="profiles-editor"]');
    t.value = ${JSON.stringify(JSON.stringify([PLANTED_PROFILE]))};
    t.dispatchEvent(new Event('input', { bubbles: true }));
  })()`);
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="profiles-editor"]').value.includes('X-Acme-Key')`,
    'the profile typed',
  );
  await demo.ui.click('profiles-save');
  await demo.panel.waitFor(
    `document.querySelector('[data-profile-id="acme"]')`,
    'the saved profile card',
  );
  await demo.ui.view('requests');

  const { har, plants } = plantedHar();
  await demo.ui.importHar('planted.har', JSON.stringify(har));
  // A 10 MB file with a 6,000-deep body: the import runs in the worker, in chunks.
  await importedWithoutError('planted.har', 120_000);
  await demo.ui.filter('');
  await demo.panel.waitFor(
    `document.querySelector('.list')?.dataset.total === '${har.log.entries.length}'`,
    'every planted entry as a row',
    60_000,
  );
  const exported = (await demo.ui.exportHar(false)).text;
  const left = survivors(exported, plants);
  console.log(`panel export: ${left.length} of ${plants.length} planted secrets survive`);
  expect(left.map((p) => p.where)).toEqual([]);
  expect(JSON.parse(exported).log.entries).toHaveLength(har.log.entries.length);

  await demo.ui.filter('profile:acme');
  await demo.ui.waitForCount(1, 'the ACME entry');
  const [row] = await demo.ui.rows();
  await demo.ui.open(row!.id);
  const curl = await demo.ui.copied('copy-curl');
  const support = await demo.ui.copied('copy-support');
  expect(curl).toContain('curl ');
  expect(support).toContain('Request ID: req-planted-1');
  expect(survivors(`${curl}\n${support}`, plants).map((p) => p.where)).toEqual([]);
});
