import { parseUserProfiles } from '../core/profiles/index.ts';
import { USER_PROFILES_KEY } from '../core/profiles/storage.ts';
import type { KeyValueArea, Unsubscribe } from '../platform/types.ts';
import { type ColumnPrefs, sanitizeColumnPrefs } from './columns.ts';
import type { PanelStore } from './store.ts';

/** storage.local key of the panel's own preferences: { maxEntries, preserveLog, budgetBytes, columns }. */
export const PANEL_SETTINGS_KEY = 'panelSettings';

interface PanelSettings {
  maxEntries?: number;
  preserveLog?: boolean;
  budgetBytes?: number;
  columns?: ColumnPrefs;
}

/** Loads settings into the store, follows changes made elsewhere, and persists the panel's own. */
export async function bindSettings(store: PanelStore, storage: KeyValueArea): Promise<Unsubscribe> {
  const applyProfiles = (raw: unknown) => {
    const parsed = parseUserProfiles(raw ?? []);
    // Storage written by an older version may no longer validate: keep the built-ins working.
    store.setUserProfiles(parsed.ok ? parsed.profiles : []);
  };
  const [profiles, settings] = await Promise.all([
    storage.get<unknown>(USER_PROFILES_KEY),
    storage.get<PanelSettings>(PANEL_SETTINGS_KEY),
  ]);
  if (profiles !== undefined) applyProfiles(profiles);
  if (settings?.maxEntries) store.setMaxEntries(settings.maxEntries);
  if (typeof settings?.preserveLog === 'boolean') store.setPreserveLog(settings.preserveLog);
  if (settings?.budgetBytes) store.setBudgetBytes(settings.budgetBytes);
  if (settings?.columns) store.setColumns(sanitizeColumnPrefs(settings.columns));

  const own = (): PanelSettings => {
    const { maxEntries, preserveLog, budgetBytes, columns } = store.getState();
    return { maxEntries, preserveLog, budgetBytes, columns };
  };
  let last = JSON.stringify(own());
  const offStore = store.subscribe(() => {
    const next = own();
    const key = JSON.stringify(next);
    if (key === last) return;
    last = key;
    void storage.set(PANEL_SETTINGS_KEY, next);
  });
  const offStorage = storage.onChanged((changes) => {
    if (USER_PROFILES_KEY in changes) applyProfiles(changes[USER_PROFILES_KEY]);
  });
  return () => {
    offStore();
    offStorage();
  };
}
