import type { Entry } from 'har-format';
import type { EntryAnnotation } from '../core/annotation.ts';
import type { Engine, EngineOptions } from '../core/engine.ts';
import { isApiTraffic } from '../core/har/traffic.ts';
import type { Profile } from '../core/profiles/schema.ts';
import { type ColumnPrefs, DEFAULT_COLUMN_PREFS } from './columns.ts';
import { type Filterable, matches, type ParsedFilter, parseFilter } from './filter.ts';

/**
 * The panel's state, held outside the component tree (preact-devtools style): a small
 * observable with actions. Components subscribe and call actions; only capture.ts and
 * settings.ts feed it from the platform. Rows are appended in place (a 20,000-row session
 * must not be copied per request); `version` tells subscribers something changed.
 */

export interface Body {
  text: string | null;
  encoding?: string;
}

/** Where a row's body came from: captured at once, evicted by DevTools, or never offered. */
export type BodyState = 'captured' | 'evicted' | 'not-captured' | 'decoding';

export interface Row extends Filterable {
  id: number;
  /** The HAR entry; `response.content.text` holds the captured body. */
  entry: Entry;
  ann: EntryAnnotation;
  /** Epoch ms the request started. */
  at: number;
  path: string;
  message: string;
  requestId: string;
  api: boolean;
  body: BodyState;
}

export interface Session {
  id: string;
  name: string;
  kind: 'live' | 'import';
  rows: Row[];
  engine: Engine;
  /** Rows dropped to respect the entry bound. */
  evicted: number;
  /** Bumped on every change to `rows` or a row's annotation. */
  version: number;
}

export type SortKey =
  | 'time'
  | 'method'
  | 'url'
  | 'status'
  | 'profile'
  | 'message'
  | 'verdict'
  | 'requestId';
export type View = 'requests' | 'rate' | 'groups' | 'profiles';

export interface GroupFilter {
  label: string;
  ids: ReadonlySet<number>;
}

export interface PanelState {
  sessions: Session[];
  activeId: string;
  filterText: string;
  /** Status classes shown (1–5, 0 = no response); empty shows all. */
  statusClasses: number[];
  errorsOnly: boolean;
  allTraffic: boolean;
  group: GroupFilter | undefined;
  sort: { key: SortKey; dir: 1 | -1 };
  selectedId: number | undefined;
  detailOpen: boolean;
  paused: boolean;
  preserveLog: boolean;
  maxEntries: number;
  view: View;
  notice: string | undefined;
  /** Browser-specific advice shown while the list is empty (Firefox's Network panel quirk). */
  emptyHint: string | undefined;
  userProfiles: Profile[];
  /** The request list's hidden columns and widths (persisted by settings.ts). */
  columns: ColumnPrefs;
}

export interface PanelDeps {
  createEngine(options: EngineOptions): Engine;
  /** Decodes a large body off the UI thread with the same core; resolves with its annotation. */
  decodeLarge?: (entry: Entry, body: Body, userProfiles: Profile[]) => Promise<EntryAnnotation>;
}

export const DEFAULT_MAX_ENTRIES = 10_000;
/** Bodies above this many characters are decoded in the worker (when one is available). */
export const LARGE_BODY_CHARS = 1_000_000;
export const LIVE = 'live';

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

/**
 * A CORS preflight (Fetch standard §4.8): the browser's OPTIONS before a cross-origin call,
 * not a call the page made. Hidden with "All traffic" off, like other non-API requests.
 */
export function isPreflight(entry: Entry): boolean {
  if ((entry as { _resourceType?: string })._resourceType === 'preflight') return true;
  return (
    entry.request.method.toUpperCase() === 'OPTIONS' &&
    entry.request.headers.some((h) => h.name.toLowerCase() === 'access-control-request-method')
  );
}

export function entryKey(entry: Entry): string {
  return `${entry.startedDateTime} ${entry.request.method} ${entry.request.url}`;
}

function oneLine(ann: EntryAnnotation): string {
  return (ann.error?.messages.join(' · ') ?? '').replace(/\s+/g, ' ');
}

function splitUrl(url: string): { host: string; path: string } {
  try {
    const u = new URL(url);
    return { host: u.host, path: `${u.pathname}${u.search}` };
  } catch {
    return { host: '', path: url };
  }
}

function toRow(
  row: Omit<Row, Exclude<keyof Filterable, 'entry'> | 'message' | 'requestId' | 'path'> & {
    ann: EntryAnnotation;
  },
): Row {
  const { entry, ann } = row;
  const url = entry.request.url;
  const { host, path } = splitUrl(url);
  const message = oneLine(ann);
  const requestId = ann.requestId ?? '';
  return {
    ...row,
    url,
    host,
    path,
    method: entry.request.method.toUpperCase(),
    status: ann.status.code,
    profile: ann.profile,
    verdict: ann.retry.verdict,
    isError: Boolean(ann.error) || ann.status.code >= 400 || ann.status.code === 0,
    message,
    requestId,
    haystack: `${url} ${message} ${requestId} ${ann.error?.code ?? ''}`.toLowerCase(),
  };
}

/**
 * The worker decodes with a fresh engine, so what depends on the session's history (the rate
 * count, the polling note) comes from the panel's engine, which counted the request in order.
 */
export function mergeCounted(decoded: EntryAnnotation, counted: EntryAnnotation): EntryAnnotation {
  const { rate: _rate, notes: _notes, ...rest } = decoded;
  const notes = [...new Set([...(decoded.notes ?? []), ...(counted.notes ?? [])])];
  return {
    ...rest,
    ...(counted.rate ? { rate: counted.rate } : {}),
    ...(notes.length ? { notes } : {}),
  };
}

export type PanelStore = ReturnType<typeof createPanelStore>;

export function createPanelStore(deps: PanelDeps, init: Partial<PanelState> = {}) {
  let nextRow = 1;
  let nextSession = 1;
  const listeners = new Set<() => void>();
  const newSession = (
    id: string,
    name: string,
    kind: Session['kind'],
    engine: Engine,
  ): Session => ({
    id,
    name,
    kind,
    rows: [],
    engine,
    evicted: 0,
    version: 0,
  });
  const userProfiles = init.userProfiles ?? [];
  let state: PanelState = {
    sessions: [newSession(LIVE, 'Live', 'live', deps.createEngine({ userProfiles }))],
    activeId: LIVE,
    filterText: '',
    statusClasses: [],
    errorsOnly: false,
    allTraffic: false,
    group: undefined,
    sort: { key: 'time', dir: 1 },
    selectedId: undefined,
    detailOpen: false,
    paused: false,
    preserveLog: true,
    maxEntries: DEFAULT_MAX_ENTRIES,
    view: 'requests',
    notice: undefined,
    emptyHint: undefined,
    userProfiles,
    columns: DEFAULT_COLUMN_PREFS,
    ...init,
  };

  const emit = () => {
    for (const l of [...listeners]) l();
  };
  const set = (patch: Partial<PanelState>) => {
    state = { ...state, ...patch };
    emit();
  };
  const session = (id = state.activeId) =>
    state.sessions.find((s) => s.id === id) ?? state.sessions[0]!;

  function evict(s: Session) {
    const over = s.rows.length - state.maxEntries;
    if (over <= 0) return;
    s.rows.splice(0, over);
    s.evicted += over;
    state = {
      ...state,
      notice: `Kept the newest ${state.maxEntries.toLocaleString('en')} entries; ${s.evicted.toLocaleString('en')} older ones were dropped.`,
    };
  }

  function addRow(
    s: Session,
    entry: Entry,
    body: Body | undefined,
    bodyState: BodyState,
  ): Row | undefined {
    const large = deps.decodeLarge && body?.text && body.text.length > LARGE_BODY_CHARS;
    // A large body is counted now (rate, status, verdict) and decoded in the worker.
    const ann = s.engine.annotate(entry, large ? { text: null } : body);
    const withBody: Entry =
      body && body.text != null
        ? {
            ...entry,
            response: {
              ...entry.response,
              content: {
                ...entry.response.content,
                text: body.text,
                ...(body.encoding ? { encoding: body.encoding } : {}),
              },
            },
          }
        : entry;
    const row = toRow({
      id: nextRow++,
      entry: withBody,
      ann,
      at: Date.parse(entry.startedDateTime) || 0,
      api: isApiTraffic(entry, ann.profile) && !isPreflight(entry),
      body: large ? 'decoding' : bodyState,
    });
    s.rows.push(row);
    s.version++;
    if (large && body) {
      deps.decodeLarge!(entry, body, state.userProfiles).then(
        (decoded) => replaceAnnotation(s, row.id, mergeCounted(decoded, ann)),
        () => replaceAnnotation(s, row.id, ann),
      );
    }
    return row;
  }

  function replaceAnnotation(s: Session, id: number, ann: EntryAnnotation) {
    const i = s.rows.findIndex((r) => r.id === id);
    if (i < 0) return;
    const old = s.rows[i]!;
    s.rows[i] = toRow({ ...old, ann, body: 'captured' });
    s.version++;
    emit();
  }

  let memo: { key: unknown[]; rows: Row[]; filter: ParsedFilter } | undefined;

  const actions = {
    /** A finished request from DevTools (or the HAR backfill) for the live session. */
    ingest(entry: Entry, body: Body | undefined, bodyState: BodyState): Row | undefined {
      if (state.paused) return undefined;
      const s = session(LIVE);
      const row = addRow(s, entry, body, bodyState);
      if (row) {
        evict(s);
        emit();
      }
      return row;
    },
    clear() {
      const s = session();
      s.rows = [];
      s.evicted = 0;
      s.version++;
      set({ selectedId: undefined, detailOpen: false, notice: undefined, group: undefined });
    },
    /** The inspected page navigated: without "preserve log", the live session starts over. */
    navigated() {
      if (state.preserveLog) return;
      const s = session(LIVE);
      s.rows = [];
      s.version++;
      set(state.activeId === LIVE ? { selectedId: undefined, detailOpen: false } : {});
    },
    /** Shows an imported HAR as its own session, annotated by a fresh engine. */
    importSession(name: string, entries: Entry[]): Session {
      const s = newSession(
        `import-${nextSession++}`,
        name,
        'import',
        deps.createEngine({ userProfiles: state.userProfiles }),
      );
      const sorted = [...entries].sort((a, b) =>
        a.startedDateTime.localeCompare(b.startedDateTime),
      );
      for (const e of sorted)
        addRow(s, e, undefined, e.response.content.text == null ? 'not-captured' : 'captured');
      set({
        sessions: [...state.sessions, s],
        activeId: s.id,
        selectedId: undefined,
        detailOpen: false,
        group: undefined,
      });
      return s;
    },
    switchSession(id: string) {
      set({ activeId: id, selectedId: undefined, detailOpen: false, group: undefined });
    },
    closeSession(id: string) {
      if (id === LIVE) return;
      const sessions = state.sessions.filter((s) => s.id !== id);
      set({
        sessions,
        ...(state.activeId === id
          ? { activeId: LIVE, selectedId: undefined, detailOpen: false }
          : {}),
      });
    },
    setFilter: (filterText: string) => set({ filterText }),
    toggleStatusClass(cls: number) {
      const has = state.statusClasses.includes(cls);
      set({
        statusClasses: has
          ? state.statusClasses.filter((c) => c !== cls)
          : [...state.statusClasses, cls],
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
      const dir = state.sort.key === key ? (-state.sort.dir as 1 | -1) : 1;
      set({ sort: { key, dir } });
    },
    select: (id: number | undefined) => set({ selectedId: id }),
    open(id?: number) {
      const selectedId = id ?? state.selectedId;
      if (selectedId !== undefined) set({ selectedId, detailOpen: true });
    },
    close: () => set({ detailOpen: false }),
    /** Moves the selection through the visible rows (keyboard ↑/↓, j/k). */
    move(delta: number) {
      const rows = visibleRows();
      if (rows.length === 0) return;
      const i = rows.findIndex((r) => r.id === state.selectedId);
      const next =
        i < 0
          ? delta > 0
            ? 0
            : rows.length - 1
          : Math.max(0, Math.min(rows.length - 1, i + delta));
      set({ selectedId: rows[next]!.id });
    },
    setPaused: (paused: boolean) => set({ paused }),
    setPreserveLog: (preserveLog: boolean) => set({ preserveLog }),
    setMaxEntries(maxEntries: number) {
      if (!Number.isFinite(maxEntries) || maxEntries < 1) return;
      state = { ...state, maxEntries: Math.floor(maxEntries) };
      evict(session(LIVE));
      session(LIVE).version++;
      emit();
    },
    setView: (view: View) => set({ view }),
    setColumns: (columns: ColumnPrefs) => set({ columns }),
    dismissNotice: () => set({ notice: undefined }),
    /** New user profiles: later requests are annotated with them (the rate tracker continues). */
    setUserProfiles(profiles: Profile[]) {
      const live = session(LIVE);
      live.engine = deps.createEngine({ userProfiles: profiles, rate: live.engine.rate });
      set({ userProfiles: profiles });
    },
  };

  /** The active session's rows after filter, toggles and sort; memoised. */
  function visibleRows(): Row[] {
    return view().rows;
  }
  function view() {
    const s = session();
    const key = [
      s,
      s.version,
      state.filterText,
      state.statusClasses.join(),
      state.errorsOnly,
      state.allTraffic,
      state.group,
      state.sort.key,
      state.sort.dir,
    ];
    if (memo && memo.key.length === key.length && memo.key.every((k, i) => k === key[i]))
      return memo;
    const filter = parseFilter(state.filterText);
    const classes = new Set(state.statusClasses);
    let rows = s.rows.filter(
      (r) =>
        (state.allTraffic || r.api) &&
        (!state.errorsOnly || r.isError) &&
        (classes.size === 0 || classes.has(Math.floor(r.status / 100))) &&
        (!state.group || state.group.ids.has(r.id)) &&
        matches(filter, r),
    );
    if (state.sort.key !== 'time' || state.sort.dir !== 1) {
      const cmp = SORTERS[state.sort.key];
      const dir = state.sort.dir;
      rows = rows.sort((a, b) => dir * (cmp(a, b) || a.id - b.id));
    }
    memo = { key, rows, filter };
    return memo;
  }

  return {
    getState: () => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    session,
    visibleRows,
    /** Every row of the active session in the traffic shown (API only unless "All traffic"). */
    trafficRows: (): Row[] => session().rows.filter((r) => state.allTraffic || r.api),
    filterErrors: () => view().filter.errors,
    selectedRow(): Row | undefined {
      if (state.selectedId === undefined) return undefined;
      return session().rows.find((r) => r.id === state.selectedId);
    },
    ...actions,
  };
}
