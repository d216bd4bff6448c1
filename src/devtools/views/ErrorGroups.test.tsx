// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakePlatform } from '../../platform/fake.ts';
import { EnvContext } from '../context.ts';
import { createPanelStore } from '../store.ts';
import { harEntry, stubEngine, testEnv } from '../test-support.ts';
import { ErrorGroups, groupErrors } from './ErrorGroups.tsx';

afterEach(cleanup);

function storeWith() {
  const store = createPanelStore({ createEngine: stubEngine });
  const add = (url: string, status: number, error: string) =>
    store.ingest(harEntry({ url, status, body: JSON.stringify({ error }) }), undefined, 'captured');
  add('https://api.neo4j.io/v1/instances/1a2b3c4d', 404, 'Instance not found');
  add('https://api.neo4j.io/v1/instances/9f8e7d6c', 404, 'Instance not found');
  add('https://api.neo4j.io/v1/instances/9f8e7d6c', 500, 'Internal error');
  add('https://api.neo4j.io/v1/instances', 200, '');
  add('https://api.neo4j.io/v1/instances/zz99', 404, 'Instance zz99 not found');
  add('https://api.neo4j.io/v1/instances/ab12', 404, 'Instance ab12 not found');
  // Not API traffic (a page script): not grouped unless "All traffic" is on.
  store.ingest(
    harEntry({
      url: 'https://cdn.example.com/app.js',
      status: 404,
      contentType: 'text/javascript',
      resourceType: 'script',
      body: '{"error":"Instance not found"}',
    }),
    undefined,
    'captured',
  );
  return store;
}

describe('error groups', () => {
  it('groups by endpoint template, status and message, biggest first', () => {
    const groups = groupErrors(storeWith().trafficRows());
    expect(groups.map((g) => [g.endpoint, g.status, g.message, g.ids.size])).toEqual([
      ['api.neo4j.io/v1/instances/{id}', 404, 'Instance not found', 2],
      ['api.neo4j.io/v1/instances/{id}', 404, 'Instance {id} not found', 2],
      ['api.neo4j.io/v1/instances/{id}', 500, 'Internal error', 1],
    ]);
  });

  it('filters the request list to a group when clicked', async () => {
    const store = storeWith();
    const { env } = testEnv(store, createFakePlatform().platform.storage.local);
    render(
      <EnvContext.Provider value={env}>
        <ErrorGroups />
      </EnvContext.Provider>,
    );
    const rows = screen.getAllByTestId('error-group');
    expect(rows[0]!.textContent).toContain('Instance not found');
    expect(rows).toHaveLength(3);
    // A filter that would hide some of the group's rows is replaced, not combined.
    store.setFilter('zz99');
    store.toggleStatusClass(5);
    await act(() => {
      fireEvent.click(rows[1]!);
    });
    expect(store.getState().view).toBe('requests');
    expect(store.getState().filterText).toBe('');
    expect(store.visibleRows().map((r) => r.url.split('/').pop())).toEqual(['zz99', 'ab12']);
  });
});
