import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startFixtureServer } from './fixture-server/index.ts';
import { useDemoPanel } from './support/devtools.ts';

/**
 * OpenAPI in a real DevTools session: a document is imported in the Profiles view (file picker,
 * then drag and drop); the rows already captured are re-annotated, and requests show the
 * matched operation, the documented (or undocumented) status and schema violations by JSON
 * Pointer.
 */

const demo = useDemoPanel(() => startFixtureServer({ port: 0 }));
const ROOT = resolve(import.meta.dirname, '..');
const DEMO_DOC = readFileSync(join(ROOT, 'fixtures/openapi/demo-seed-apis.yaml'), 'utf8');

// A stricter description of two Aura operations: getInstance documents only 200, and refusals
// of createInstance must carry an error `code` the fixture does not send.
const STRICT = `openapi: 3.0.3
info: { title: Aura strict (e2e), version: e2e-1 }
servers: [{ url: 'https://api.neo4j.io/v1' }]
paths:
  /instances/{instanceId}:
    get:
      operationId: getInstance
      responses:
        '200': { description: The instance. }
  /instances:
    post:
      operationId: createInstance
      responses:
        4XX:
          description: Refused.
          content:
            application/json:
              schema:
                type: object
                required: [errors]
                properties:
                  errors:
                    type: array
                    items: { type: object, required: [code], properties: { code: { type: string } } }
`;

const text = (testid: string) =>
  demo.panel.evaluate<string>(
    `document.querySelector('[data-testid=${JSON.stringify(testid)}]')?.textContent ?? ''`,
  );
const attr = (testid: string, name: string) =>
  demo.panel.evaluate<string>(
    `document.querySelector('[data-testid=${JSON.stringify(testid)}]')?.dataset[${JSON.stringify(name)}] ?? ''`,
  );

async function waitImported(title: string) {
  await demo.panel.waitFor(
    `document.querySelector('[data-testid="openapi-status"]')?.dataset.kind === 'ok' &&
     document.querySelector('[data-testid="openapi-status"]').textContent.includes(${JSON.stringify(title)})`,
    `the import of ${title}`,
    30_000,
  );
}

test('importing a document re-annotates the rows already there: operation, documented status, schema check', async () => {
  // The requests come first: loading the document must change these existing rows.
  await demo.play('aura-errors');
  await demo.ui.filter('profile:neo4j-aura status-code:404');
  await demo.ui.waitForCount(1, 'the Aura 404 under the built-in profile');

  await demo.ui.view('profiles');
  // The file picker, as a user choosing the file.
  await demo.panel.evaluate(`(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([${JSON.stringify(DEMO_DOC)}], 'demo-seed-apis.yaml', { type: 'application/yaml' }));
    const input = document.querySelector('[data-testid="import-openapi"]');
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  })()`);
  await waitImported('Neo4j Aura API (API Lens demo)');
  expect(await text('openapi-title')).toBe('Neo4j Aura API (API Lens demo)');
  expect(await text('openapi-version')).toBe('v1');
  expect(await text('openapi-operations')).toBe('4 operations');
  expect(await text('openapi-hosts')).toContain('https://api.neo4j.io');

  await demo.ui.view('requests');
  await demo.ui.filter('profile:openapi-neo4j-aura-api-api-lens-demo status-code:404');
  await demo.ui.waitForCount(1, 'the existing Aura 404, re-annotated with the document');
  const [row] = await demo.ui.rows();
  const detail = await demo.ui.open(row!.id);
  expect(await text('operation-line')).toBe('getInstance — GET /v1/instances/{instanceId}');
  expect(await text('operation-spec')).toBe('Neo4j Aura API (API Lens demo)');
  expect(detail.status).toContain('No instance with that id is visible to this token.');
  expect(await attr('operation-documented', 'documented')).toBe('true');
  expect(await attr('detail-schema', 'valid')).toBe('true');
});

test('a dropped document wins where it overlaps: not documented, and schema violations by JSON Pointer', async () => {
  await demo.ui.view('profiles');
  // Drag and drop onto the OpenAPI section.
  await demo.panel.evaluate(`(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([${JSON.stringify(STRICT)}], 'strict.yaml', { type: 'application/yaml' }));
    const zone = document.querySelector('[data-testid="openapi-import"]');
    zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
    zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  })()`);
  await waitImported('Aura strict (e2e)');

  await demo.ui.view('requests');
  await demo.play('aura-errors');
  await demo.ui.filter('documented:false');
  await demo.ui.waitForCount(1, 'the 404 the strict document does not document');
  const [undocumented] = await demo.ui.rows();
  expect(undocumented!.status).toBe('404');
  await demo.ui.open(undocumented!.id);
  expect(await text('operation-line')).toBe('getInstance — GET /instances/{instanceId}');
  expect(await text('operation-spec')).toBe('Aura strict (e2e)');
  expect(await text('operation-documented')).toBe('404: not documented for this operation');

  await demo.ui.filter('schema:invalid method:POST');
  await demo.ui.waitForCount(2, 'the refused creates (400, 403) breaking the strict schema');
  const [invalid] = await demo.ui.rows();
  await demo.ui.open(invalid!.id);
  expect(await attr('detail-schema', 'valid')).toBe('false');
  const violations = await demo.panel.evaluate<string[]>(
    `[...document.querySelectorAll('[data-testid="schema-violation"]')].map((li) => li.textContent)`,
  );
  expect(violations).toEqual(['/errors/0 required member "code" is missing']);
  // The violations sit next to the response body.
  const nextToBody = await demo.panel.evaluate<boolean>(
    `document.querySelector('[data-testid="detail-schema"]').nextElementSibling?.textContent.includes('Response body') ?? false`,
  );
  expect(nextToBody).toBe(true);
});
