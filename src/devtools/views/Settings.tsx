import { useEnv, usePanelState } from '../context.ts';

/** Panel preferences (persisted by settings.ts). */
export function Settings() {
  const { store } = useEnv();
  const state = usePanelState();
  return (
    <section class="settings">
      <h3>Settings</h3>
      <label>
        Keep at most{' '}
        <input
          type="number"
          min={100}
          step={1000}
          data-testid="max-entries"
          value={state.maxEntries}
          onChange={(e) => store.setMaxEntries(Number((e.currentTarget as HTMLInputElement).value))}
        />{' '}
        entries (the oldest are dropped beyond this)
      </label>
      <p class="note">Theme follows DevTools (Settings → Appearance).</p>
    </section>
  );
}
