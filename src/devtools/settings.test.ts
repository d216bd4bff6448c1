import { describe, expect, it } from 'vitest';
import { USER_PROFILES_KEY } from '../core/profiles/storage.ts';
import { createFakePlatform } from '../platform/fake.ts';
import { bindSettings, PANEL_SETTINGS_KEY } from './settings.ts';
import { createPanelStore } from './store.ts';
import { stubEngine } from './test-support.ts';

const MY_API = { id: 'my-api', name: 'My API', match: { hosts: ['api.example.com'] } };

describe('panel settings', () => {
  it('loads preferences and user profiles from storage, and persists changes', async () => {
    const storage = createFakePlatform().platform.storage.local;
    await storage.set(PANEL_SETTINGS_KEY, { maxEntries: 500, preserveLog: false });
    await storage.set(USER_PROFILES_KEY, [MY_API]);
    const store = createPanelStore({ createEngine: stubEngine });
    await bindSettings(store, storage);
    expect(store.getState()).toMatchObject({ maxEntries: 500, preserveLog: false });
    expect(store.getState().userProfiles.map((p) => p.id)).toEqual(['my-api']);
    store.setPreserveLog(true);
    expect(await storage.get(PANEL_SETTINGS_KEY)).toEqual({ maxEntries: 500, preserveLog: true });
  });

  it('follows profiles saved elsewhere (the popup), and ignores ones that no longer validate', async () => {
    const storage = createFakePlatform().platform.storage.local;
    const store = createPanelStore({ createEngine: stubEngine });
    await bindSettings(store, storage);
    await storage.set(USER_PROFILES_KEY, [MY_API]);
    expect(store.getState().userProfiles).toHaveLength(1);
    await storage.set(USER_PROFILES_KEY, [{ id: 'Not Valid' }]);
    expect(store.getState().userProfiles).toEqual([]);
  });
});
