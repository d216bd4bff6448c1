import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useEnv, usePanelState } from '../context.ts';
import { clockTime, statusClassName, VERDICT_LABEL } from '../format.ts';
import type { Row, SortKey } from '../store.ts';

/** Fixed row height: windowing needs it, and it keeps 20,000 rows cheap. */
export const ROW_HEIGHT = 22;
const OVERSCAN = 10;

const COLUMNS: { key: SortKey; label: string; cls: string }[] = [
  { key: 'time', label: 'Time', cls: 'c-time' },
  { key: 'method', label: 'Method', cls: 'c-method' },
  { key: 'url', label: 'Host + path', cls: 'c-url' },
  { key: 'status', label: 'Status', cls: 'c-status' },
  { key: 'profile', label: 'Profile', cls: 'c-profile' },
  { key: 'message', label: 'Message', cls: 'c-message' },
  { key: 'verdict', label: 'Retry', cls: 'c-verdict' },
  { key: 'requestId', label: 'Request id', cls: 'c-reqid' },
];

function RowView({ row, selected, top }: { row: Row; selected: boolean; top: number }) {
  const { store } = useEnv();
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: rows are driven by the panel-wide keys (↑/↓, j/k, Enter); per-row focus would defeat windowing
    <div
      class={`row${selected ? ' selected' : ''}${row.isError ? ' error' : ''}${row.ann.rate?.over ? ' over' : ''}`}
      data-selected={selected}
      data-row-id={row.id}
      style={{ top: `${top}px`, height: `${ROW_HEIGHT}px` }}
      onClick={() => store.select(row.id)}
      onDblClick={() => store.open(row.id)}
    >
      <span class="c-time">{clockTime(row.at)}</span>
      <span class="c-method">{row.method}</span>
      <span class="c-url" title={row.url}>
        <span class="host">{row.host}</span>
        {row.path}
      </span>
      <span
        class={`c-status ${statusClassName(row.status)}`}
        title={
          row.ann.rate?.over
            ? `Over the rate limit: request ${row.ann.rate.count} of ${row.ann.rate.limit} per ${row.ann.rate.windowSeconds}s`
            : undefined
        }
      >
        {row.status || '—'}
      </span>
      <span class="c-profile">{row.profile}</span>
      <span class="c-message" title={row.message}>
        {row.message}
      </span>
      <span class="c-verdict">
        {row.verdict === 'none' ? null : (
          <span class={`badge v-${row.verdict}`} title={VERDICT_LABEL[row.ann.retry.verdict]}>
            {row.verdict}
          </span>
        )}
      </span>
      <span class="c-reqid" title={row.requestId}>
        {row.requestId}
      </span>
    </div>
  );
}

/**
 * The request list, windowed: only the rows in view (plus a little overscan) are in the DOM,
 * absolutely positioned inside a spacer as tall as all rows.
 */
export function RequestList() {
  const { store } = useEnv();
  const state = usePanelState();
  const rows = store.visibleRows();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 400);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the selected row in view when the keyboard moves it.
  const selectedIndex = rows.findIndex((r) => r.id === state.selectedId);
  useEffect(() => {
    const el = scroller.current;
    if (!el || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [selectedIndex]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const session = store.session();

  return (
    <div
      class="list"
      data-count={rows.length}
      data-total={session.rows.length}
      data-filter={state.filterText}
    >
      <div class="list-head">
        {COLUMNS.map((c) => (
          <span
            key={c.key}
            class={c.cls}
            data-sort={
              state.sort.key === c.key
                ? state.sort.dir === 1
                  ? 'ascending'
                  : 'descending'
                : 'none'
            }
          >
            <button
              type="button"
              class={`sort${state.sort.key === c.key ? ' active' : ''}`}
              onClick={() => store.sortBy(c.key)}
            >
              {c.label}
              {state.sort.key === c.key ? (state.sort.dir === 1 ? ' ▲' : ' ▼') : ''}
            </button>
          </span>
        ))}
      </div>
      <div
        class="list-body"
        ref={scroller}
        onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
      >
        <div class="spacer" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
          {rows.slice(first, last).map((r, i) => (
            <RowView
              key={r.id}
              row={r}
              selected={r.id === state.selectedId}
              top={(first + i) * ROW_HEIGHT}
            />
          ))}
        </div>
        {rows.length === 0 ? (
          <p class="empty" data-testid="list-empty">
            {session.rows.length === 0
              ? `No requests yet. API traffic of the inspected tab appears here.${state.emptyHint ? ` ${state.emptyHint}` : ''}`
              : 'No request matches the filter.'}
          </p>
        ) : null}
      </div>
    </div>
  );
}
