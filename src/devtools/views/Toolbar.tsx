import { useEnv, usePanelState } from '../context.ts';
import type { View } from '../store.ts';
import { HarControls } from './Har.tsx';
import { Toggle } from './Toggle.tsx';

const VIEWS: { view: View; label: string }[] = [
  { view: 'requests', label: 'Requests' },
  { view: 'rate', label: 'Rate limits' },
  { view: 'groups', label: 'Error groups' },
  { view: 'profiles', label: 'Profiles & settings' },
];

export function Toolbar() {
  const { store } = useEnv();
  const state = usePanelState();
  const live = state.activeId === 'live';
  return (
    <div class="toolbar" role="toolbar">
      <div class="tabs" role="tablist">
        {VIEWS.map((v) => (
          <button
            type="button"
            role="tab"
            key={v.view}
            data-view={v.view}
            aria-selected={state.view === v.view}
            class={state.view === v.view ? 'active' : ''}
            onClick={() => store.setView(v.view)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <select
        aria-label="Session"
        data-testid="session-switcher"
        value={state.activeId}
        onChange={(e) => store.switchSession((e.currentTarget as HTMLSelectElement).value)}
      >
        {state.sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {s.kind === 'live' ? 'Live capture' : `Imported: ${s.name}`}
          </option>
        ))}
      </select>
      {live ? (
        <>
          <button
            type="button"
            data-testid="pause"
            aria-pressed={state.paused}
            onClick={() => store.setPaused(!state.paused)}
          >
            {state.paused ? 'Resume' : 'Pause'}
          </button>
          <Toggle
            label="Preserve log"
            testid="preserve-log"
            checked={state.preserveLog}
            onChange={store.setPreserveLog}
          />
          <button type="button" data-testid="clear" onClick={() => store.clear()}>
            Clear
          </button>
        </>
      ) : (
        <button type="button" onClick={() => store.closeSession(state.activeId)}>
          Close session
        </button>
      )}
      <HarControls />
    </div>
  );
}
