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
    await storage.set(PANEL_SETTINGS_KEY, {
      maxEntries: 500,
      preserveLog: false,
      budgetBytes: 8 * 1024 * 1024,
    });
    await storage.set(USER_PROFILES_KEY, [MY_API]);
    const store = createPanelStore({ createEngine: stubEngine });
    await bindSettings(store, storage);
    expect(store.getState()).toMatchObject({
      maxEntries: 500,
      preserveLog: false,
      budgetBytes: 8 * 1024 * 1024,
    });
    expect(store.getState().userProfiles.map((p) => p.id)).toEqual(['my-api']);
    store.setPreserveLog(true);
    store.setBudgetBytes(2 * 1024 * 1024);
    expect(await storage.get(PANEL_SETTINGS_KEY)).toMatchObject({
      maxEntries: 500,
      preserveLog: true,
      budgetBytes: 2 * 1024 * 1024,
    });
  });

  it('persists hidden columns and widths, and drops nonsense read back from storage', async () => {
    const storage = createFakePlatform().platform.storage.local;
    await storage.set(PANEL_SETTINGS_KEY, {
      columns: { hidden: ['profile', 'url', '__proto__', 7], widths: { message: 9e9, nope: 3 } },
    });
    const store = createPanelStore({ createEngine: stubEngine });
    await bindSettings(store, storage);
    // The URL column cannot be hidden; widths are clamped; unknown keys are dropped.
    expect(store.getState().columns).toEqual({ hidden: ['profile'], widths: { message: 2000 } });
    store.setColumns({ hidden: ['profile', 'time'], widths: { url: 300 } });
    expect(await storage.get(PANEL_SETTINGS_KEY)).toMatchObject({
      columns: { hidden: ['profile', 'time'], widths: { url: 300 } },
    });
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
