import { useEffect, useRef, useState } from 'preact/hooks';
import { COLUMNS, type ColumnDef, MAX_WIDTH, MIN_WIDTH } from '../columns.ts';
import { useEnv, usePanelState } from '../context.ts';
import type { SortKey } from '../store.ts';

/** Drag a header's right edge to resize its column; the width is saved on release. */
function ResizeHandle({ column }: { column: ColumnDef }) {
  const { store } = useEnv();
  const onPointerDown = (e: PointerEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const cell = (e.currentTarget as HTMLElement).parentElement!;
    const start = e.clientX;
    const startWidth = cell.getBoundingClientRect().width;
    const head = cell.parentElement!;
    let width = startWidth;
    const onMove = (m: PointerEvent) => {
      width = Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, startWidth + m.clientX - start)));
      // Live feedback without a store round-trip per pixel: the header previews the width.
      cell.style.width = `${width}px`;
      head.dataset.resizing = column.key;
    };
    const onUp = () => {
      document.removeEventListener('pointermove', onMove);
      document.removeEventListener('pointerup', onUp);
      cell.style.width = '';
      delete head.dataset.resizing;
      const { columns } = store.getState();
      store.setColumns({ ...columns, widths: { ...columns.widths, [column.key]: width } });
    };
    document.addEventListener('pointermove', onMove);
    document.addEventListener('pointerup', onUp);
  };
  return (
    <span
      class="resize"
      data-testid={`resize-${column.key}`}
      aria-hidden="true"
      onPointerDown={onPointerDown}
    />
  );
}

/** The header's context menu: show or hide each column, reset widths (Network panel style). */
function ColumnMenu({ x, y, onClose }: { x: number; y: number; onClose: () => void }) {
  const { store } = useEnv();
  const { columns } = usePanelState();
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitemcheckbox"]')?.focus();
    const away = (e: Event) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', away, true);
    return () => document.removeEventListener('pointerdown', away, true);
  }, [onClose]);
  const toggle = (key: SortKey) => {
    const hidden = columns.hidden.includes(key)
      ? columns.hidden.filter((k) => k !== key)
      : [...columns.hidden, key];
    store.setColumns({ ...columns, hidden });
  };
  const items = COLUMNS.filter((c) => !c.fixed);
  const onKeyDown = (e: KeyboardEvent) => {
    const all = [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const i = all.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') all[(i + 1) % all.length]?.focus();
    else if (e.key === 'ArrowUp') all[(i - 1 + all.length) % all.length]?.focus();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div
      ref={menu}
      class="menu"
      role="menu"
      aria-label="Columns"
      data-testid="column-menu"
      style={{ left: `${x}px`, top: `${y}px` }}
      onKeyDown={onKeyDown}
    >
      {items.map((c) => (
        <button
          type="button"
          key={c.key}
          role="menuitemcheckbox"
          aria-checked={!columns.hidden.includes(c.key)}
          data-column={c.key}
          tabIndex={-1}
          onClick={() => toggle(c.key)}
        >
          {columns.hidden.includes(c.key) ? '☐' : '☑'} {c.label}
        </button>
      ))}
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        onClick={() => {
          store.setColumns({ ...columns, widths: {} });
          onClose();
        }}
      >
        Reset column widths
      </button>
    </div>
  );
}

export function ListHeader({ columns, template }: { columns: ColumnDef[]; template: string }) {
  const { store } = useEnv();
  const state = usePanelState();
  const [menu, setMenu] = useState<{ x: number; y: number } | undefined>();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a windowed list cannot be a <table>; ARIA grid roles give it the semantics
    <div
      class="list-head"
      role="row"
      tabIndex={-1}
      aria-rowindex={1}
      style={{ gridTemplateColumns: template }}
      onContextMenu={(e) => {
        e.preventDefault();
        setMenu({ x: e.clientX, y: e.clientY });
      }}
    >
      {columns.map((c, i) => {
        const sorted = state.sort.key === c.key;
        return (
          // biome-ignore lint/a11y/useSemanticElements: see the header row
          <span
            key={c.key}
            class={c.cls}
            role="columnheader"
            tabIndex={-1}
            aria-colindex={i + 1}
            aria-sort={sorted ? (state.sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
            data-sort={sorted ? (state.sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
          >
            <button
              type="button"
              class={`sort${sorted ? ' active' : ''}`}
              onClick={() => store.sortBy(c.key)}
            >
              {c.label}
              {sorted ? (state.sort.dir === 1 ? ' ▲' : ' ▼') : ''}
            </button>
            <ResizeHandle column={c} />
          </span>
        );
      })}
      {menu ? <ColumnMenu x={menu.x} y={menu.y} onClose={() => setMenu(undefined)} /> : null}
    </div>
  );
}
