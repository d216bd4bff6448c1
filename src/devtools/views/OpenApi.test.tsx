// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../core/engine.ts';
import { INSTANCES_30 } from '../../core/openapi/test-doc.ts';
import { USER_PROFILES_KEY } from '../../core/profiles/storage.ts';
import { createFakePlatform } from '../../platform/fake.ts';
import { EnvContext } from '../context.ts';
import { matches, parseFilter } from '../filter.ts';
import { createPanelStore, type Row } from '../store.ts';
import { BASE_TIME, type EntryInit, harEntry, testEnv } from '../test-support.ts';
import { Detail } from './Detail.tsx';
import { Profiles } from './Profiles.tsx';

afterEach(cleanup);

const BASE = 'https://api.example.test/v1';

function setup() {
  const store = createPanelStore({ createEngine });
  const storage = createFakePlatform().platform.storage.local;
  const t = testEnv(store, storage);
  return { store, storage, env: t.env };
}

async function importDoc(env: ReturnType<typeof setup>['env'], text: string, name = 'doc.json') {
  render(
    <EnvContext.Provider value={env}>
      <Profiles />
    </EnvContext.Provider>,
  );
  const input = screen.getByTestId('import-openapi') as HTMLInputElement;
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    fireEvent.change(input);
  });
  await waitFor(() => expect(screen.getByTestId('openapi-status').dataset.kind).not.toBe('busy'));
}

describe('Profiles: Import OpenAPI…', () => {
  it('stores the compiled profile (not the document) and shows what was loaded', async () => {
    const { store, storage, env } = setup();
    const doc = { ...INSTANCES_30, paths: { ...INSTANCES_30.paths, '/ext': { $ref: 'x.yaml' } } };
    await importDoc(env, JSON.stringify(doc));
    expect(screen.getByTestId('openapi-status').textContent).toBe(
      'Imported Instances API 1.2.0: 7 operations.',
    );
    const card = screen.getByTestId('openapi-profile');
    expect(screen.getByTestId('openapi-title').textContent).toBe('Instances API');
    expect(screen.getByTestId('openapi-version').textContent).toBe('1.2.0');
    expect(screen.getByTestId('openapi-operations').textContent).toBe('7 operations');
    expect(screen.getByTestId('openapi-hosts').textContent).toContain(
      'https://{customer}.example.test/{region}',
    );
    expect(screen.getByTestId('openapi-skipped').textContent).toContain(
      '/paths/~1ext: external $ref "x.yaml" not fetched',
    );
    expect(card.dataset.profileId).toBe('openapi-instances-api');
    const stored = (await storage.get<unknown[]>(USER_PROFILES_KEY))!;
    expect(stored).toHaveLength(1);
    expect((stored[0] as { openapi: { title: string } }).openapi.title).toBe('Instances API');
    expect(JSON.stringify(stored)).not.toContain('"paths"');
    // The panel's engine uses it for new requests.
    expect(store.getState().userProfiles.map((p) => p.id)).toEqual(['openapi-instances-api']);
  });

  it('a second import of the same API replaces it; other profiles stay', async () => {
    const { storage, env } = setup();
    await storage.set(USER_PROFILES_KEY, [
      { id: 'acme', name: 'ACME', match: { hosts: ['a.test'] } },
    ]);
    await importDoc(env, JSON.stringify(INSTANCES_30));
    cleanup();
    await importDoc(
      env,
      JSON.stringify({ ...INSTANCES_30, info: { title: 'Instances API', version: '2.0.0' } }),
    );
    const stored = (await storage.get<{ id: string; openapi?: { version: string } }[]>(
      USER_PROFILES_KEY,
    ))!;
    expect(stored.map((p) => p.id)).toEqual(['acme', 'openapi-instances-api']);
    expect(stored[1]!.openapi!.version).toBe('2.0.0');
  });

  it('a refused document: one line, nothing stored', async () => {
    const { storage, env } = setup();
    await importDoc(env, 'openapi: 3.1.0\ninfo: [unclosed\n', 'bad.yaml');
    const status = screen.getByTestId('openapi-status');
    expect(status.dataset.kind).toBe('error');
    expect(status.textContent).toMatch(/^bad\.yaml: not valid YAML: /);
    expect(await storage.get(USER_PROFILES_KEY)).toBeUndefined();
  });

  it('accepts a dropped file', async () => {
    const { env } = setup();
    render(
      <EnvContext.Provider value={env}>
        <Profiles />
      </EnvContext.Provider>,
    );
    const file = new File([JSON.stringify(INSTANCES_30)], 'doc.json');
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file] } });
    await act(async () => {
      screen.getByTestId('openapi-import').dispatchEvent(drop);
    });
    await waitFor(() => expect(screen.getByTestId('openapi-status').dataset.kind).toBe('ok'));
  });
});

function detailFor(
  store: ReturnType<typeof setup>['store'],
  env: ReturnType<typeof setup>['env'],
  init: EntryInit,
) {
  const entry = harEntry({ at: BASE_TIME, ...init });
  const row = store.ingest(entry, { text: init.body ?? '' }, 'captured') as Row;
  render(
    <EnvContext.Provider value={env}>
      <Detail row={row} />
    </EnvContext.Provider>,
  );
  return row;
}

describe('Detail and filters: what a document adds', () => {
  async function withDoc() {
    const s = setup();
    await importDoc(s.env, JSON.stringify(INSTANCES_30));
    cleanup();
    return s;
  }

  it('the operation line with the title, documented status, valid body', async () => {
    const { store, env } = await withDoc();
    const row = detailFor(store, env, {
      url: `${BASE}/instances/i-1`,
      body: '{"id":"i-1","name":"db"}',
    });
    expect(screen.getByTestId('operation-line').textContent).toBe(
      'getInstance — GET /instances/{instanceId}',
    );
    expect(screen.getByTestId('operation-spec').textContent).toBe('Instances API');
    expect(screen.getByTestId('operation-documented').dataset.documented).toBe('true');
    // The description as written; the page collapses its whitespace.
    expect(screen.getByTestId('detail-status').textContent).toContain(
      'The **instance**,\n  as stored.',
    );
    expect(screen.getByTestId('detail-schema').dataset.valid).toBe('true');
    expect(matches(parseFilter('documented:true'), row)).toBe(true);
    expect(matches(parseFilter('schema:valid'), row)).toBe(true);
    expect(matches(parseFilter('schema:invalid'), row)).toBe(false);
  });

  it('"not documented for this operation", and documented:false finds it', async () => {
    const { store, env } = await withDoc();
    const row = detailFor(store, env, { url: `${BASE}/instances/i-1`, status: 503, body: '' });
    expect(screen.getByTestId('operation-documented').textContent).toBe(
      '503: not documented for this operation',
    );
    expect(matches(parseFilter('documented:false'), row)).toBe(true);
  });

  it('each schema violation with its JSON Pointer, next to the body; schema:invalid finds it', async () => {
    const { store, env } = await withDoc();
    const row = detailFor(store, env, { url: `${BASE}/instances/i-1`, body: '{"id":"i-1","x":1}' });
    const items = screen.getAllByTestId('schema-violation').map((li) => li.textContent);
    expect(items).toEqual([
      '(root) required member "name" is missing',
      '/x member "x" is not documented here',
    ]);
    expect(matches(parseFilter('schema:invalid'), row)).toBe(true);
  });

  it('an unmatched request shows no operation and matches neither documented filter', async () => {
    const { store, env } = await withDoc();
    const row = detailFor(store, env, { url: 'https://other.test/x', status: 404, body: '' });
    expect(screen.queryByTestId('detail-operation')).toBeNull();
    expect(matches(parseFilter('documented:false'), row)).toBe(false);
    expect(matches(parseFilter('documented:true'), row)).toBe(false);
  });

  it('bad values for the new keys are reported', () => {
    expect(parseFilter('documented:maybe schema:meh').errors).toEqual([
      'documented: expects true or false, not "maybe"',
      'schema: expects valid or invalid, not "meh"',
    ]);
  });
});
