import type { ColumnPrefs } from './columns.ts';
import type { Row } from './rows.ts';
import type { PanelState, View } from './state.ts';
import type { GroupFilter, SortKey } from './visible.ts';

/**
 * The store's actions on what the list shows and how (filter, toggles, group, sort, selection,
 * view, columns): they change no row. store.ts holds the rows and the state these act on.
 */
export function listActions(
  get: () => PanelState,
  set: (patch: Partial<PanelState>) => void,
  visibleRows: () => Row[],
) {
  return {
    setFilter: (filterText: string) => set({ filterText }),
    toggleStatusClass(cls: number) {
      const has = get().statusClasses.includes(cls);
      set({
        statusClasses: has
          ? get().statusClasses.filter((c) => c !== cls)
          : [...get().statusClasses, cls],
      });
    },
    setErrorsOnly: (errorsOnly: boolean) => set({ errorsOnly }),
    setAllTraffic: (allTraffic: boolean) => set({ allTraffic }),
    /** Shows exactly a group's rows: the group replaces the filter, status toggles and "errors only". */
    setGroup: (group: GroupFilter | undefined) =>
      set(
        group
          ? { group, view: 'requests', filterText: '', statusClasses: [], errorsOnly: false }
          : { group, view: 'requests' },
      ),
    sortBy(key: SortKey) {
      const dir = get().sort.key === key ? (-get().sort.dir as 1 | -1) : 1;
      set({ sort: { key, dir } });
    },
    select: (id: number | undefined) => set({ selectedId: id }),
    open(id?: number) {
      const selectedId = id ?? get().selectedId;
      if (selectedId !== undefined) set({ selectedId, detailOpen: true });
    },
    close: () => set({ detailOpen: false }),
    /** Moves the selection through the visible rows (keyboard ↑/↓, j/k). */
    move(delta: number) {
      const rows = visibleRows();
      if (rows.length === 0) return;
      const i = rows.findIndex((r) => r.id === get().selectedId);
      const next =
        i < 0
          ? delta > 0
            ? 0
            : rows.length - 1
          : Math.max(0, Math.min(rows.length - 1, i + delta));
      set({ selectedId: rows[next]!.id });
    },
    setView: (view: View) => set({ view }),
    setColumns: (columns: ColumnPrefs) => set({ columns }),
    dismissNotice: () => set({ notice: undefined }),
  };
}
