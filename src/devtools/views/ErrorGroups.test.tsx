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
  return store;
}

describe('error groups', () => {
  it('groups by endpoint template, status and message, biggest first', () => {
    const groups = groupErrors(storeWith().session().rows);
    expect(groups.map((g) => [g.endpoint, g.status, g.ids.size])).toEqual([
      ['api.neo4j.io/v1/instances/{id}', 404, 2],
      ['api.neo4j.io/v1/instances/{id}', 500, 1],
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
    await act(() => {
      fireEvent.click(rows[0]!);
    });
    expect(store.getState().view).toBe('requests');
    expect(store.visibleRows().map((r) => r.status)).toEqual([404, 404]);
  });
});
