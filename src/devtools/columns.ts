import type { SortKey } from './store.ts';

/** The request list's columns: definitions, the user's widths and hidden set, the CSS grid. Pure. */

export interface ColumnDef {
  key: SortKey;
  label: string;
  cls: string;
  /** Default track: a fixed width, or a flexible one with a minimum. */
  width: number;
  flex?: number;
  /** The URL identifies a row: it cannot be hidden (like the Network panel's Name). */
  fixed?: boolean;
}

export const COLUMNS: readonly ColumnDef[] = [
  { key: 'time', label: 'Time', cls: 'c-time', width: 90 },
  { key: 'method', label: 'Method', cls: 'c-method', width: 56 },
  { key: 'url', label: 'Host + path', cls: 'c-url', width: 160, flex: 3, fixed: true },
  { key: 'status', label: 'Status', cls: 'c-status', width: 48 },
  { key: 'profile', label: 'Profile', cls: 'c-profile', width: 80 },
  { key: 'message', label: 'Message', cls: 'c-message', width: 120, flex: 3 },
  { key: 'verdict', label: 'Retry', cls: 'c-verdict', width: 60 },
  { key: 'requestId', label: 'Request id', cls: 'c-reqid', width: 80, flex: 1 },
];

/** What the user chose; persisted with the panel settings. */
export interface ColumnPrefs {
  hidden: SortKey[];
  /** Widths in CSS px set by dragging a header's edge. */
  widths: Partial<Record<SortKey, number>>;
}

export const DEFAULT_COLUMN_PREFS: ColumnPrefs = { hidden: [], widths: {} };
export const MIN_WIDTH = 32;
export const MAX_WIDTH = 2000;
/** With the detail pane open the list narrows to what identifies a row, like the Network panel. */
const NARROW: ReadonlySet<SortKey> = new Set(['method', 'url', 'status']);

export function visibleColumns(prefs: ColumnPrefs, narrow: boolean): ColumnDef[] {
  return COLUMNS.filter((c) =>
    narrow ? NARROW.has(c.key) : c.fixed || !prefs.hidden.includes(c.key),
  );
}

/** The grid-template-columns shared by the header and every row. */
export function gridTemplate(columns: readonly ColumnDef[], prefs: ColumnPrefs): string {
  return columns
    .map((c) => {
      const w = prefs.widths[c.key];
      if (w !== undefined) return `${w}px`;
      return c.flex ? `minmax(${c.width}px, ${c.flex}fr)` : `${c.width}px`;
    })
    .join(' ');
}

const KEYS: ReadonlySet<string> = new Set(COLUMNS.map((c) => c.key));

/** Settings read back from storage may be old or hand-edited: keep only what makes sense. */
export function sanitizeColumnPrefs(raw: unknown): ColumnPrefs {
  if (!raw || typeof raw !== 'object') return DEFAULT_COLUMN_PREFS;
  const r = raw as { hidden?: unknown; widths?: unknown };
  const hidden = Array.isArray(r.hidden)
    ? (r.hidden.filter(
        (k) => typeof k === 'string' && KEYS.has(k) && !COLUMNS.find((c) => c.key === k)?.fixed,
      ) as SortKey[])
    : [];
  const widths: Partial<Record<SortKey, number>> = {};
  if (r.widths && typeof r.widths === 'object') {
    for (const [k, v] of Object.entries(r.widths as Record<string, unknown>)) {
      if (KEYS.has(k) && typeof v === 'number' && Number.isFinite(v))
        widths[k as SortKey] = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(v)));
    }
  }
  return { hidden: [...new Set(hidden)], widths };
}
