import { matches, type ParsedFilter, parseFilter } from './filter.ts';
import type { Row } from './rows.ts';
import { type Scheduler, SLICE_MS, sliced } from './slices.ts';
import { sortInSlices } from './sort-slices.ts';

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
  /** The filter text these rows were chosen with (the list shows it as `data-filter`). */
  filterText: string;
  /** True while a newer view is being computed in slices: these rows are the previous ones. */
  pending: boolean;
}

/** Sessions up to this many rows are filtered at once; larger ones in time slices. */
export const SYNC_ROWS = 5_000;
/** Rows tested between two looks at the clock (a test costs ~0.1–5 µs; a regex a little more). */
const CLOCK_EVERY = 128;

export interface RowViewOptions {
  /** Slices a large session's filtering (slices.ts); without it every view is computed at once. */
  scheduler?: Scheduler;
  /** A sliced view is ready: the owner re-renders. */
  onReady?: () => void;
}

const viewKey = (v: ViewInput) => [
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
const sameKey = (a: unknown[], b: unknown[]) => a.every((k, i) => k === b[i]);
/** Same inputs but the session's version: rows arrived or changed, the filter did not. */
const sameButRows = (a: unknown[], b: unknown[]) => a.every((k, i) => i === 1 || k === b[i]);

function rowTest(v: ViewInput, filter: ParsedFilter): (r: Row) => boolean {
  const classes = new Set(v.statusClasses);
  return (r) =>
    (v.allTraffic || r.api) &&
    (!v.errorsOnly || r.isError) &&
    (classes.size === 0 || classes.has(Math.floor(r.status / 100))) &&
    (!v.group || v.group.ids.has(r.id)) &&
    matches(filter, r);
}

/** The list's order for `sort` (ties by row id: a total order), or undefined for arrival order. */
function comparator(sort: ViewInput['sort']): ((a: Row, b: Row) => number) | undefined {
  if (sort.key === 'time' && sort.dir === 1) return undefined;
  const cmp = SORTERS[sort.key];
  return (a, b) => sort.dir * (cmp(a, b) || a.id - b.id);
}

function sorted(rows: Row[], sort: ViewInput['sort']): Row[] {
  const cmp = comparator(sort);
  return cmp ? rows.sort(cmp) : rows;
}

/**
 * Returns a function computing the visible rows, recomputed only when an input changed. With a
 * scheduler, a session over SYNC_ROWS is filtered and sorted in slices (a regex or a sort over
 * 50,000 rows takes longer than a frame): meanwhile the previous view is returned, marked `pending`, and
 * `onReady` fires when the new one is in. Rows appended meanwhile are picked up by the next
 * computation (the version changed), so the view is at most one step behind.
 */
export function createRowView(options: RowViewOptions = {}): (input: ViewInput) => RowView {
  let memo: { key: unknown[]; view: RowView } | undefined;
  let running: { key: unknown[]; cancelled: boolean } | undefined;
  const { scheduler, onReady } = options;

  const compute = (v: ViewInput, key: unknown[]): RowView => {
    const filter = parseFilter(v.filterText);
    const rows = sorted(v.session.rows.filter(rowTest(v, filter)), v.sort);
    memo = { key, view: { rows, filter, filterText: v.filterText, pending: false } };
    return memo.view;
  };

  const start = (v: ViewInput, key: unknown[]) => {
    if (running) running.cancelled = true;
    const run = { key, cancelled: false };
    running = run;
    const filter = parseFilter(v.filterText);
    const test = rowTest(v, filter);
    // A snapshot: the session's array is appended to and trimmed in place meanwhile.
    const all = v.session.rows.slice();
    const out: Row[] = [];
    // The first slice starts in a task of its own, not inside the render that asked for the view
    // (showing an imported session: its render plus an 8 ms slice was the import's longest block).
    void scheduler!
      .yield()
      .then(() =>
        sliced(
          all,
          (r) => {
            if (test(r)) out.push(r);
          },
          scheduler!,
          () => run.cancelled,
          SLICE_MS,
          CLOCK_EVERY,
        ),
      )
      .then(async (finished) => {
        if (!finished || run.cancelled) return;
        // Sorting 50,000 rows takes longer than a frame too.
        const cmp = comparator(v.sort);
        const rows = cmp ? await sortInSlices(out, cmp, scheduler!, () => run.cancelled) : out;
        if (!rows || run.cancelled) return;
        running = undefined;
        memo = { key, view: { rows, filter, filterText: v.filterText, pending: false } };
        onReady?.();
      });
  };

  return (v) => {
    const key = viewKey(v);
    if (memo && sameKey(memo.key, key)) return memo.view;
    if (!scheduler || v.session.rows.length <= SYNC_ROWS) {
      if (running) running.cancelled = true;
      running = undefined;
      return compute(v, key);
    }
    // New rows while a view is being computed do not restart it (live capture would starve it).
    if (!running || !sameButRows(running.key, key)) start(v, key);
    const stale = memo && memo.key[0] === v.session ? memo.view : undefined;
    return stale
      ? { ...stale, pending: true }
      : { rows: [], filter: parseFilter(v.filterText), filterText: v.filterText, pending: true };
  };
}
