import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { harEntry } from '../src/core/har/test-entry.ts';
import { startFixtureServer } from './fixture-server/index.ts';
import { call } from './fixture-server/test-client.ts';
import { useDemoPanel } from './support/devtools.ts';
import { curlArgv as argvIn } from './support/shell.ts';

/**
 * The copy actions in a real DevTools session: what each button puts on the clipboard, and
 * that the copied text does what it says when it runs (a shell, Node).
 */

const demo = useDemoPanel(() => startFixtureServer({ port: 0 }));
const dir = mkdtempSync(join(tmpdir(), 'apilens-copy-e2e-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const curlArgv = (command: string) => argvIn(command, dir);

async function openAuraCreate() {
  await demo.play('aura-create-500');
  await demo.ui.filter('profile:neo4j-aura method:POST status-code:500');
  await demo.ui.waitForCount(1, 'the Aura create that failed');
  const [row] = await demo.ui.rows();
  return { row: row!, detail: await demo.ui.open(row!.id) };
}

test('Copy support details is a support packet, redacted', async () => {
  const { row } = await openAuraCreate();
  const text = await demo.ui.copied('copy-support');
  const lines = text.split('\n');
  expect(lines[0]).toBe('Contact: a Neo4j support ticket');
  expect(lines[1]).toBe('API: Neo4j Aura API, version v1');
  expect(lines).toContain(`Request ID: ${row.requestId}`);
  expect(text).toMatch(/^Time \(UTC\): \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/m);
  expect(text).toMatch(/^Request: POST http:\/\/api\.neo4j\.io:\d+\/v1\/instances$/m);
  expect(text).toMatch(
    /^Status: 500 .*\nError: An internal error occurred while creating the instance/m,
  );
  expect(text).toContain('cURL (credentials redacted):');
  expect(text).not.toContain('aura-demo-token');
  const curl = text.slice(text.indexOf('curl '));
  expect(curlArgv(curl)).toContain('POST');
});

test('Copy as cURL, fetch and Node fetch reproduce the request, redacted unless chosen', async () => {
  const { row } = await openAuraCreate();
  const curl = curlArgv(await demo.ui.copied('copy-curl'));
  expect(curl[0]).toBe(row.url);
  expect(curl.slice(1, 3)).toEqual(['-X', 'POST']);
  expect(curl.join(' ')).not.toContain('aura-demo-token');
  expect(curl.find((a) => a.startsWith('Authorization: '))).toMatch(/REDACTED/);

  // The copied JS runs with a recording fetch: the request it makes is the captured one.
  const AsyncFunction = (async () => {}).constructor as new (
    ...a: string[]
  ) => (...b: unknown[]) => Promise<void>;
  for (const testid of ['copy-fetch', 'copy-node-fetch']) {
    const code = await demo.ui.copied(testid);
    const calls: {
      url: string;
      init: { method: string; headers: Record<string, string>; body: string };
    }[] = [];
    await new AsyncFunction('fetch', 'console', code)(
      async (url: string, init: (typeof calls)[0]['init']) => {
        calls.push({ url, init });
        return { status: 200, text: async () => '' };
      },
      { log: () => {} },
    );
    expect(calls, testid).toHaveLength(1);
    expect(calls[0]!.url).toBe(row.url);
    expect(calls[0]!.init.method).toBe('POST');
    expect(JSON.parse(calls[0]!.init.body).name).toBe('demo-fail');
    expect(code).not.toContain('aura-demo-token');
  }

  await demo.ui.click('curl-secrets');
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="curl-secrets"]').checked`,
    'Include secrets on',
  );
  expect(await demo.ui.copied('copy-curl')).toContain("'Authorization: Bearer aura-demo-token'");
  await demo.ui.click('curl-secrets');
});

test('Copy retry code runs in Node against the API and reuses one Idempotency-Key', async () => {
  const { row } = await openAuraCreate();
  await demo.ui.click('curl-secrets');
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="curl-secrets"]').checked`,
    'Include secrets on',
  );
  const code = await demo.ui.copied('copy-retry');
  await demo.ui.click('curl-secrets');
  expect(code).toContain('Verdict "unsafe"');
  const file = join(dir, 'retry.mjs');
  writeFileSync(file, `${code}\nexport default requestWithRetry;\n`);
  const fn = (await import(pathToFileURL(file).href)).default as (
    o: Record<string, unknown>,
  ) => Promise<Response>;
  const sent: Record<string, string>[] = [];
  const sleeps: number[] = [];
  const res = await fn({
    fetch: async (
      url: string,
      init: { method: string; headers: Record<string, string>; body: string },
    ) => {
      sent.push(init.headers);
      const u = new URL(url);
      const r = await call(demo.fixture.port, u.host, init.method, u.pathname, {
        headers: init.headers,
        body: init.body,
      });
      return new Response(r.text, {
        status: r.status,
        headers: { 'retry-after': String(r.headers['retry-after'] ?? '') },
      });
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  });
  expect(row.status).toBe('500');
  expect(res.status).toBe(500);
  expect(sent.length).toBeGreaterThan(1);
  expect(new Set(sent.map((h) => h['Idempotency-Key'])).size).toBe(1);
  // The fixture's failed create answers Retry-After: 10, honoured on every try.
  expect(sleeps).toEqual(Array(sent.length - 1).fill(10_000));
});

test('Copy as cURL of hostile methods from an imported HAR runs nothing', async () => {
  const marker = join(dir, 'ran');
  const methods = ['GET$HOME', 'GET`id`', `DELETE$(touch ${marker})`];
  const entries = methods.map((method, i) =>
    harEntry({ method, url: `https://api.example.com/v1/hostile/${i}`, status: 200 }),
  );
  await demo.ui.importHar(
    'hostile.har',
    JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries } }),
  );
  await demo.ui.filter('hostile');
  await demo.ui.waitForCount(3, 'the imported hostile rows');
  for (const r of await demo.ui.rows()) {
    await demo.ui.open(r.id);
    const argv = curlArgv(await demo.ui.copied('copy-curl'));
    const i = Number(r.url.split('/').pop());
    expect(argv).toEqual([r.url, '-X', methods[i]!]);
  }
  expect(existsSync(marker)).toBe(false);
});
