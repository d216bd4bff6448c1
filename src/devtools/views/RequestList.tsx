import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type ColumnDef, gridTemplate, visibleColumns } from '../columns.ts';
import { useEnv, usePanelState } from '../context.ts';
import { clockTime, statusClassName, VERDICT_LABEL } from '../format.ts';
import type { Row, SortKey } from '../store.ts';
import { ListHeader } from './ListHeader.tsx';
import { RowBadges } from './RowBadges.tsx';

/** Fixed row height: windowing needs it, and it keeps 20,000 rows cheap. */
export const ROW_HEIGHT = 22;
const OVERSCAN = 10;

const CELLS: Record<SortKey, (row: Row) => preact.ComponentChildren> = {
  time: (row) => clockTime(row.at),
  method: (row) => row.method,
  url: (row) => (
    <>
      <span class="host">{row.host}</span>
      {row.path}
      <RowBadges row={row} />
    </>
  ),
  status: (row) => row.status || '—',
  profile: (row) => row.profile,
  message: (row) => row.message,
  verdict: (row) =>
    row.verdict === 'none' ? null : (
      <span class={`badge v-${row.verdict}`} title={VERDICT_LABEL[row.ann.retry.verdict]}>
        {row.verdict}
      </span>
    ),
  requestId: (row) => row.requestId,
};

function cellTitle(row: Row, key: SortKey): string | undefined {
  if (key === 'url') return row.url;
  if (key === 'message') return row.message;
  if (key === 'requestId') return row.requestId;
  if (key === 'status' && row.ann.rate?.over)
    return `Over the rate limit: request ${row.ann.rate.count} of ${row.ann.rate.limit} per ${row.ann.rate.windowSeconds}s`;
  return undefined;
}

function RowView({
  row,
  index,
  selected,
  focusable,
  columns,
  template,
}: {
  row: Row;
  index: number;
  selected: boolean;
  focusable: boolean;
  columns: ColumnDef[];
  template: string;
}) {
  const { store } = useEnv();
  return (
    // Keyboard: the grid handles arrows, Home/End, PageUp/PageDown and Enter (see RequestList).
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useSemanticElements: keys are handled by the grid container; a windowed list cannot be a <table>
    <div
      class={`row${selected ? ' selected' : ''}${row.isError ? ' error' : ''}${row.ann.rate?.over ? ' over' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={focusable ? 0 : -1}
      data-selected={selected}
      data-row-id={row.id}
      style={{
        top: `${index * ROW_HEIGHT}px`,
        height: `${ROW_HEIGHT}px`,
        gridTemplateColumns: template,
      }}
      // One click opens the detail, as in the Network panel.
      onClick={() => store.open(row.id)}
    >
      {columns.map((c, i) => (
        // biome-ignore lint/a11y/useSemanticElements: a windowed list cannot be a <table>
        <span
          key={c.key}
          role="gridcell"
          tabIndex={-1}
          aria-colindex={i + 1}
          class={c.key === 'status' ? `c-status ${statusClassName(row.status)}` : c.cls}
          title={cellTitle(row, c.key)}
        >
          {CELLS[c.key](row)}
        </span>
      ))}
    </div>
  );
}

/** Where a navigation key moves the selection in a list of `n` rows showing `page` at once. */
export function navigate(key: string, i: number, n: number, page: number): number | undefined {
  const last = n - 1;
  switch (key) {
    case 'ArrowDown':
      return i < 0 ? 0 : Math.min(last, i + 1);
    case 'ArrowUp':
      return i < 0 ? last : Math.max(0, i - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return Math.min(last, Math.max(0, i) + page);
    case 'PageUp':
      return Math.max(0, (i < 0 ? last : i) - page);
    default:
      return undefined;
  }
}

/**
 * The request list: an ARIA grid (rows focusable with a roving tabindex), windowed — only the
 * rows in view (plus a little overscan) are in the DOM, absolutely positioned inside a spacer
 * as tall as all rows.
 */
export function RequestList() {
  const { store } = useEnv();
  const state = usePanelState();
  const view = store.visibleView();
  const rows = view.rows;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const focusWanted = useRef(false);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 400);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    // The new height renders in a task of its own: from inside the observer's callback, the
    // list's render ran within the browser's layout task (a job's bar closing at the end of an
    // import: 26 ms in one task, the import's longest block in a bench run).
    let later: ReturnType<typeof setTimeout> | undefined;
    const ro = new ResizeObserver(() => {
      clearTimeout(later);
      later = setTimeout(measure, 0);
    });
    ro.observe(el);
    return () => {
      clearTimeout(later);
      ro.disconnect();
    };
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
  // Focus follows the keyboard's selection once its row is rendered.
  useLayoutEffect(() => {
    if (!focusWanted.current || state.selectedId === undefined) return;
    const el = scroller.current?.querySelector<HTMLElement>(
      `.row[data-row-id="${state.selectedId}"]`,
    );
    if (el) {
      focusWanted.current = false;
      el.focus({ preventScroll: true });
    }
  });

  const onKeyDown = (e: KeyboardEvent) => {
    // Only keys pressed on a row: the header's buttons and menu keep theirs.
    if (e.ctrlKey || e.metaKey || e.altKey || !(e.target as Element).closest?.('.row')) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      store.open();
      return;
    }
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const next = navigate(e.key, selectedIndex, rows.length, page);
    if (next === undefined || rows.length === 0) return;
    e.preventDefault();
    // The panel-wide keys (App) would move the selection a second time.
    e.stopPropagation();
    focusWanted.current = true;
    store.select(rows[next]!.id);
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const session = store.session();
  const columns = visibleColumns(state.columns, state.detailOpen);
  const template = gridTemplate(columns, state.columns);
  // Roving tabindex: the selected row, else the first in view, is the one Tab reaches.
  const tabStop =
    selectedIndex >= first && selectedIndex < last ? state.selectedId : rows[first]?.id;

  return (
    // biome-ignore lint/a11y/useSemanticElements: a windowed list cannot be a <table>; ARIA grid roles give it the semantics
    <div
      class="list"
      role="grid"
      aria-label="Requests"
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      data-count={rows.length}
      data-total={session.rows.length}
      data-session={session.id}
      data-version={session.version}
      data-filter={view.filterText}
      data-pending={view.pending ? '1' : undefined}
      onKeyDown={onKeyDown}
    >
      <ListHeader columns={columns} template={template} />
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
              index={first + i}
              selected={r.id === state.selectedId}
              focusable={r.id === tabStop}
              columns={columns}
              template={template}
            />
          ))}
        </div>
        {rows.length === 0 && !view.pending ? (
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
