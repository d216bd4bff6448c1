import { matches, type ParsedFilter, parseFilter } from './filter.ts';
import type { Row } from './rows.ts';

/** The request list's view of a session: filter, quick toggles and sort, memoised. */

export type SortKey =
  | 'time'
  | 'method'
  | 'url'
  | 'status'
  | 'profile'
  | 'message'
  | 'verdict'
  | 'requestId';

export interface GroupFilter {
  label: string;
  ids: ReadonlySet<number>;
}

export interface ViewInput {
  session: { rows: Row[]; version: number };
  filterText: string;
  /** Status classes shown (1–5, 0 = no response); empty shows all. */
  statusClasses: number[];
  errorsOnly: boolean;
  allTraffic: boolean;
  group: GroupFilter | undefined;
  sort: { key: SortKey; dir: 1 | -1 };
}

const SORTERS: Record<SortKey, (a: Row, b: Row) => number> = {
  time: (a, b) => a.at - b.at || a.id - b.id,
  method: (a, b) => a.method.localeCompare(b.method),
  url: (a, b) => a.url.localeCompare(b.url),
  status: (a, b) => a.status - b.status,
  profile: (a, b) => a.profile.localeCompare(b.profile),
  message: (a, b) => a.message.localeCompare(b.message),
  verdict: (a, b) => a.verdict.localeCompare(b.verdict),
  requestId: (a, b) => a.requestId.localeCompare(b.requestId),
};

export interface RowView {
  rows: Row[];
  filter: ParsedFilter;
}

/** Returns a function computing the visible rows, recomputed only when an input changed. */
export function createRowView(): (input: ViewInput) => RowView {
  let memo: { key: unknown[]; view: RowView } | undefined;
  return (v) => {
    const key = [
      v.session,
      v.session.version,
      v.filterText,
      v.statusClasses.join(),
      v.errorsOnly,
      v.allTraffic,
      v.group,
      v.sort.key,
      v.sort.dir,
    ];
    if (memo?.key.every((k, i) => k === key[i])) return memo.view;
    const filter = parseFilter(v.filterText);
    const classes = new Set(v.statusClasses);
    let rows = v.session.rows.filter(
      (r) =>
        (v.allTraffic || r.api) &&
        (!v.errorsOnly || r.isError) &&
        (classes.size === 0 || classes.has(Math.floor(r.status / 100))) &&
        (!v.group || v.group.ids.has(r.id)) &&
        matches(filter, r),
    );
    if (v.sort.key !== 'time' || v.sort.dir !== 1) {
      const cmp = SORTERS[v.sort.key];
      const dir = v.sort.dir;
      rows = rows.sort((a, b) => dir * (cmp(a, b) || a.id - b.id));
    }
    memo = { key, view: { rows, filter } };
    return memo.view;
  };
}
