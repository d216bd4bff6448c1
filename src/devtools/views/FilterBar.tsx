import { useEffect, useRef, useState } from 'preact/hooks';
import { useEnv, usePanelState } from '../context.ts';
import { applySuggestion, type Suggestions, suggest } from '../filter-suggest.ts';
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
  const [sugg, setSugg] = useState<Suggestions | undefined>();
  const [active, setActive] = useState(0);
  const refresh = (el: HTMLInputElement) => {
    setSugg(suggest(el.value, el.selectionStart ?? el.value.length, store.session().rows));
    setActive(0);
  };
  const accept = (el: HTMLInputElement, i: number) => {
    const item = sugg?.items[i];
    if (!sugg || !item) return false;
    const { value, caret } = applySuggestion(el.value, sugg, item);
    el.value = value;
    el.setSelectionRange(caret, caret);
    store.setFilter(value);
    refresh(el);
    return true;
  };
  const open = sugg && sugg.items.length > 0;
  return (
    <div class="filterbar">
      <span class="filter-box">
        <input
          ref={input}
          type="search"
          class="filter"
          placeholder="Filter: text, /regex/, status-code:429, method:POST, domain:*.neo4j.io, larger-than:10k, is:error, -negate"
          aria-label="Filter requests"
          // biome-ignore lint/a11y/noRedundantRoles: `list` is undefined (never rendered): without the role this input is a searchbox
          role="combobox"
          // No <datalist>: the suggestions are the custom listbox below (they complete a word, not the input).
          list={undefined}
          aria-autocomplete="list"
          aria-expanded={Boolean(open)}
          aria-controls="filter-suggestions"
          aria-activedescendant={open ? `filter-suggestion-${active}` : undefined}
          value={state.filterText}
          onInput={(e) => {
            const el = e.currentTarget as HTMLInputElement;
            store.setFilter(el.value);
            refresh(el);
          }}
          onFocus={(e) => refresh(e.currentTarget as HTMLInputElement)}
          onClick={(e) => refresh(e.currentTarget as HTMLInputElement)}
          onBlur={() => setSugg(undefined)}
          onKeyDown={(e) => {
            const el = e.currentTarget as HTMLInputElement;
            const n = sugg?.items.length ?? 0;
            if (e.key === 'Escape') {
              if (open) setSugg(undefined);
              else el.blur();
            } else if (open && e.key === 'ArrowDown') setActive((a) => (a + 1) % n);
            else if (open && e.key === 'ArrowUp') setActive((a) => (a - 1 + n) % n);
            else if (open && (e.key === 'Tab' || e.key === 'Enter') && accept(el, active)) {
              // accepted
            } else return;
            e.preventDefault();
          }}
        />
        {open ? (
          <div class="suggestions" id="filter-suggestions" role="listbox" aria-label="Suggestions">
            {sugg.items.map((s, i) => (
              <div
                key={s.text}
                tabIndex={-1}
                id={`filter-suggestion-${i}`}
                role="option"
                aria-selected={i === active}
                data-value={s.text}
                // mousedown, not click: the input must not blur (and close the list) first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  if (input.current) accept(input.current, i);
                }}
              >
                <span class="s-label">{s.label}</span> <span class="s-detail">{s.detail}</span>
              </div>
            ))}
          </div>
        ) : null}
      </span>
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
