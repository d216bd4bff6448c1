import { useEffect, useRef } from 'preact/hooks';
import { useEnv, usePanelState } from '../context.ts';
import { Toggle } from './Toggle.tsx';

const CLASSES: { cls: number; label: string }[] = [
  { cls: 2, label: '2xx' },
  { cls: 3, label: '3xx' },
  { cls: 4, label: '4xx' },
  { cls: 5, label: '5xx' },
  { cls: 0, label: 'failed' },
];

/** Filter input (Network-panel language) and quick toggles. `/` focuses it (see App). */
export function FilterBar({ focusSignal }: { focusSignal: number }) {
  const { store } = useEnv();
  const state = usePanelState();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusSignal > 0) input.current?.focus();
  }, [focusSignal]);
  const errors = store.filterErrors();
  return (
    <div class="filterbar">
      <input
        ref={input}
        type="search"
        class="filter"
        placeholder="Filter: text, /regex/, status-code:429, method:POST, domain:*.neo4j.io, profile:, verdict:, is:error, -negate"
        aria-label="Filter requests"
        value={state.filterText}
        onInput={(e) => store.setFilter((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') (e.currentTarget as HTMLInputElement).blur();
        }}
      />
      {CLASSES.map(({ cls, label }) => (
        <Toggle
          key={cls}
          label={label}
          checked={state.statusClasses.includes(cls)}
          onChange={() => store.toggleStatusClass(cls)}
        />
      ))}
      <Toggle
        label="Errors only"
        testid="errors-only"
        checked={state.errorsOnly}
        onChange={store.setErrorsOnly}
      />
      <Toggle
        label="All traffic"
        testid="all-traffic"
        checked={state.allTraffic}
        onChange={store.setAllTraffic}
      />
      {state.group ? (
        <span class="chip">
          {state.group.label}
          <button
            type="button"
            aria-label="Remove group filter"
            onClick={() => store.setGroup(undefined)}
          >
            ×
          </button>
        </span>
      ) : null}
      {errors.length ? (
        <span class="filter-error" role="alert">
          {errors.join('; ')}
        </span>
      ) : null}
    </div>
  );
}
