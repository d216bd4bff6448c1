import { useEffect, useState } from 'preact/hooks';
import { EnvContext, type PanelEnv, useEnv, usePanelState } from './context.ts';
import { BudgetNotice } from './views/BudgetNotice.tsx';
import { Detail } from './views/Detail.tsx';
import { ErrorGroups } from './views/ErrorGroups.tsx';
import { FilterBar } from './views/FilterBar.tsx';
import { Jobs } from './views/Jobs.tsx';
import { Profiles } from './views/Profiles.tsx';
import { RateMeter } from './views/RateMeter.tsx';
import { RequestList } from './views/RequestList.tsx';
import { Settings } from './views/Settings.tsx';
import { Toolbar } from './views/Toolbar.tsx';

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.tagName === 'INPUT' ||
    t.tagName === 'TEXTAREA' ||
    t.tagName === 'SELECT' ||
    t.isContentEditable);

function Requests({ env }: { env: PanelEnv }) {
  const { store } = env;
  const state = usePanelState();
  const [focus, setFocus] = useState(0);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        store.close();
        return;
      }
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const keys: Record<string, () => void> = {
        ArrowDown: () => store.move(1),
        j: () => store.move(1),
        ArrowUp: () => store.move(-1),
        k: () => store.move(-1),
        Enter: () => store.open(),
        '/': () => setFocus((n) => n + 1),
      };
      const f = keys[e.key];
      if (f) {
        e.preventDefault();
        f();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);
  const row = state.detailOpen ? store.selectedRow() : undefined;
  return (
    <div class={`requests${row ? ' with-detail' : ''}`}>
      <FilterBar focusSignal={focus} />
      <div class="split">
        <RequestList />
        {row ? <Detail key={row.id} row={row} /> : null}
      </div>
    </div>
  );
}

function Notice() {
  const state = usePanelState();
  const { store } = useEnv();
  if (!state.notice) return null;
  return (
    <div class="notice" role="status" data-testid="notice">
      {state.notice}
      <button type="button" aria-label="Dismiss" onClick={() => store.dismissNotice()}>
        ×
      </button>
    </div>
  );
}

function Views({ env }: { env: PanelEnv }) {
  const state = usePanelState();
  switch (state.view) {
    case 'rate':
      return <RateMeter />;
    case 'groups':
      return <ErrorGroups />;
    case 'profiles':
      return (
        <>
          <Settings />
          <Profiles />
        </>
      );
    default:
      return <Requests env={env} />;
  }
}

/** The panel: toolbar, notice, and the active view. Receives everything through `env`. */
export function App({ env }: { env: PanelEnv }) {
  return (
    <EnvContext.Provider value={env}>
      <main data-testid="panel-root" class="panel">
        <Toolbar />
        <Jobs />
        <Notice />
        <BudgetNotice />
        <Views env={env} />
      </main>
    </EnvContext.Provider>
  );
}
