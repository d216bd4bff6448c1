// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../core/engine.ts';
import { USER_PROFILES_KEY } from '../core/profiles/storage.ts';
import { createFakePlatform } from '../platform/fake.ts';
import { App } from './App.tsx';
import { createPanelStore } from './store.ts';
import { harEntry, testEnv } from './test-support.ts';

afterEach(cleanup);

function setup() {
  const store = createPanelStore({ createEngine });
  for (const status of [200, 404, 500]) {
    const e = harEntry({ url: `https://api.neo4j.io/v1/instances/${status}`, status, body: '{}' });
    store.ingest(e, { text: '{}' }, 'captured');
  }
  const storage = createFakePlatform().platform.storage.local;
  render(<App env={testEnv(store, storage).env} />);
  return { store, storage };
}
const key = (k: string) =>
  act(() => {
    fireEvent.keyDown(document.body, { key: k });
  });

describe('App', () => {
  it('moves with j/k and arrows, opens with Enter and closes with Esc', async () => {
    const { store } = setup();
    await key('j');
    await key('ArrowDown');
    await key('k');
    await key('j');
    const second = store.visibleRows()[1]!;
    expect(store.getState().selectedId).toBe(second.id);
    await key('Enter');
    await waitFor(() => expect(screen.getByTestId('detail')).toBeTruthy());
    expect(screen.getByTestId('detail-status').textContent).toContain('404');
    await key('Escape');
    await waitFor(() => expect(screen.queryByTestId('detail')).toBeNull());
  });

  it('focuses the filter on "/"', async () => {
    setup();
    await key('/');
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByLabelText('Filter requests')),
    );
  });

  it('saves valid user profiles and shows validation errors inline, naming the field', async () => {
    const { store, storage } = setup();
    await act(() => {
      fireEvent.click(screen.getByRole('tab', { name: 'Profiles & settings' }));
    });
    const editor = await screen.findByTestId('profiles-editor');
    const save = async (text: string) => {
      await act(() => {
        fireEvent.input(editor, { target: { value: text } });
      });
      await act(() => {
        fireEvent.click(screen.getByTestId('profiles-save'));
      });
    };
    await save('[{"id":"Bad Id","name":"x"}]');
    await waitFor(() => expect(screen.getByTestId('profiles-errors').textContent).toMatch(/id/));
    expect(await storage.get(USER_PROFILES_KEY)).toBeUndefined();

    await save('[{"id":"my-api","name":"My API","match":{"hosts":["api.example.com"]}}]');
    await waitFor(() => expect(store.getState().userProfiles.map((p) => p.id)).toEqual(['my-api']));
    expect(await storage.get(USER_PROFILES_KEY)).toHaveLength(1);
    expect(screen.getAllByTestId('profile').some((p) => p.dataset.profileId === 'aurora')).toBe(
      true,
    );
  });

  it('keeps what the user typed when the stored profiles arrive after it', async () => {
    const { storage } = setup();
    await storage.set(USER_PROFILES_KEY, [{ id: 'stored', name: 'Stored' }]);
    let answer!: () => void;
    const get = storage.get.bind(storage);
    // Storage answers only once the user has typed (a busy panel; the bench saw it).
    storage.get = <T,>(k: string) =>
      new Promise<void>((r) => {
        answer = r;
      }).then(() => get<T>(k));
    await act(() => {
      fireEvent.click(screen.getByRole('tab', { name: 'Profiles & settings' }));
    });
    const editor = (await screen.findByTestId('profiles-editor')) as HTMLTextAreaElement;
    expect(editor.dataset.loaded).toBeUndefined();
    await act(() => {
      fireEvent.input(editor, { target: { value: '[{"id":"typed","name":"Typed"}]' } });
    });
    await act(async () => {
      answer();
    });
    await waitFor(() => expect(editor.dataset.loaded).toBe('1'));
    expect(editor.value).toBe('[{"id":"typed","name":"Typed"}]');
  });
});
