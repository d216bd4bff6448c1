import type { Entry } from 'har-format';
import type { EntryAnnotation } from '../core/annotation.ts';
import { isApiTraffic } from '../core/har/traffic.ts';
import type { Profile } from '../core/profiles/schema.ts';
import { BodyBudget, DEFAULT_BUDGET_BYTES } from './budget.ts';
import { count } from './format.ts';
import { Interner } from './intern.ts';
import { listActions } from './list-actions.ts';
import { createRowJobs } from './row-upgrade.ts';
import {
  type Body,
  type BodyState,
  indexOfId,
  isPreflight,
  type Row,
  sameAnnotation,
  toRow,
  withBody,
} from './rows.ts';
import { newSession, sessionActions } from './session-actions.ts';
import {
  initialState,
  type JobState,
  LARGE_BODY_CHARS,
  LIVE,
  type PanelDeps,
  type PanelState,
  type Session,
} from './state.ts';
import { createRowView } from './visible.ts';
import type { RowItem } from './worker/protocol.ts';

/** A row annotated in the worker; its URL parts when the worker computed them. */
type Imported = Omit<RowItem, 'host' | 'path'> & Partial<Pick<RowItem, 'host' | 'path'>>;

export {
  type Body,
  type BodyState,
  entryKey,
  isPreflight,
  mergeCounted,
  type Row,
} from './rows.ts';
export {
  DEFAULT_MAX_ENTRIES,
  type JobState,
  LARGE_BODY_CHARS,
  LIVE,
  type PanelDeps,
  type PanelState,
  type Session,
  type View,
} from './state.ts';
export type { GroupFilter, SortKey } from './visible.ts';

/**
 * The panel's state, held outside the component tree (preact-devtools style): a small
 * observable with actions. Components subscribe and call actions; only capture.ts,
 * settings.ts and jobs.ts feed it. Rows are appended in place (a 50,000-row session must not
 * be copied per request); `version` tells subscribers something changed.
 */

export type PanelStore = ReturnType<typeof createPanelStore>;

/**
 * What an emit says about the change: 'rows' when live capture only added a row (nothing the
 * user did), which the view may render later, batched with the next ones (context.ts).
 */
export type Change = 'rows';

export function createPanelStore(deps: PanelDeps, init: Partial<PanelState> = {}) {
  let nextRow = 1;
  const listeners = new Set<(change?: Change) => void>();
  const userProfiles = init.userProfiles ?? [];
  const interner = new Interner();
  const budget = new BodyBudget(init.budgetBytes ?? DEFAULT_BUDGET_BYTES);
  let state = initialState(
    newSession(LIVE, 'Live', 'live', deps.createEngine({ userProfiles })),
    budget.stats(),
    init,
  );

  const emit = (change?: Change) => {
    for (const l of [...listeners]) l(change);
  };
  const set = (patch: Partial<PanelState>) => {
    state = { ...state, ...patch };
    emit();
  };
  const session = (id = state.activeId) =>
    state.sessions.find((s) => s.id === id) ?? state.sessions[0]!;

  /** Applies the body budget after rows were added (no emit: the caller emits). */
  function enforceBudget() {
    budget.enforce();
    state = { ...state, budget: budget.stats() };
  }

  function evict(s: Session) {
    const over = s.rows.length - state.maxEntries;
    if (over <= 0) return;
    budget.releaseAll(s.rows.splice(0, over));
    s.evicted += over;
    state = {
      ...state,
      budget: budget.stats(),
      notice: `Kept the newest ${count(state.maxEntries)} entries; ${count(s.evicted)} older ones were dropped.`,
    };
  }

  function pushRow(
    s: Session,
    entry: Entry,
    ann: EntryAnnotation,
    body: BodyState,
    parts?: { host: string; path: string },
  ): Row {
    interner.entry(entry);
    interner.annotation(ann);
    const row = toRow(
      {
        id: nextRow++,
        entry,
        ann,
        at: Date.parse(entry.startedDateTime) || 0,
        api: isApiTraffic(entry, ann.profile) && !isPreflight(entry),
        body,
      },
      parts,
    );
    s.rows.push(row);
    s.version++;
    budget.add(s, row);
    return row;
  }

  function addRow(s: Session, entry: Entry, body: Body | undefined, bodyState: BodyState): Row {
    const large = deps.decodeLarge && body?.text && body.text.length > LARGE_BODY_CHARS;
    // A large body is counted now (rate, status, verdict) and decoded in the worker.
    const ann = s.engine.annotate(entry, large ? { text: null } : body);
    const row = pushRow(s, withBody(entry, body), ann, large ? 'decoding' : bodyState);
    if (large && body) jobs.decodeInto(s, row.id, entry, body, ann);
    // Counted after requests that started later (a recovered or late-reported one).
    const latest = latestAt.get(s) ?? Number.NEGATIVE_INFINITY;
    if (row.at < latest) jobs.recountLater(s, row);
    else latestAt.set(s, row.at);
    return row;
  }

  function dropRows(s: Session) {
    budget.releaseAll(s.rows);
    s.rows = [];
    s.version++;
    state = { ...state, budget: budget.stats() };
  }

  const latestAt = new WeakMap<Session, number>();
  const jobs = createRowJobs({
    deps,
    budget,
    interner,
    userProfiles: () => state.userProfiles,
    changed(opts) {
      if (opts?.budget) enforceBudget();
      emit();
    },
  });

  const rowView = createRowView({ scheduler: deps.scheduler, onReady: () => emit() });
  const view = () => rowView({ ...state, session: session() });

  const actions = {
    /** A finished request from DevTools (or the HAR backfill) for the live session. */
    ingest(entry: Entry, body: Body | undefined, bodyState: BodyState): Row | undefined {
      if (state.paused) return undefined;
      const s = session(LIVE);
      const row = addRow(s, entry, body, bodyState);
      evict(s);
      enforceBudget();
      emit('rows');
      return row;
    },
    /** DevTools reported a recovered request after all, with its body (row-upgrade.ts). */
    upgradeRecovered: (entry: Entry, body: Body) =>
      jobs.upgradeRecovered(session(LIVE), entry, body),
    /** DevTools served row `id`'s body after capture stopped waiting for it (row-upgrade.ts). */
    attachBody: (id: number, entry: Entry, body: Body) =>
      jobs.attachBody(session(LIVE), id, entry, body),
    clear() {
      const s = session();
      dropRows(s);
      s.evicted = 0;
      set({ selectedId: undefined, detailOpen: false, notice: undefined, group: undefined });
    },
    /** The inspected page navigated: without "preserve log", the live session starts over. */
    navigated() {
      if (state.preserveLog) return;
      dropRows(session(LIVE));
      set(state.activeId === LIVE ? { selectedId: undefined, detailOpen: false } : {});
    },
    /** Adds rows already annotated (in the worker) to a session, under the budget. */
    appendAnnotated(s: Session, items: readonly Imported[]) {
      for (const { entry, annotation, host, path } of items)
        pushRow(
          s,
          entry,
          annotation,
          entry.response.content.text == null ? 'not-captured' : 'captured',
          host !== undefined && path !== undefined ? { host, path } : undefined,
        );
      evict(s);
      enforceBudget();
      if (state.sessions.includes(s)) emit();
    },
    /** New annotations for rows (re-annotation); rows that left the session are skipped. */
    reannotateRows(s: Session, updates: readonly { id: number; annotation: EntryAnnotation }[]) {
      let changed = false;
      for (const { id, annotation } of updates) {
        const i = indexOfId(s.rows, id);
        if (i < 0) continue;
        const old = s.rows[i]!;
        // A body dropped by the budget cannot be decoded again: keep what was decoded from it.
        const ann =
          old.body === 'budget' && old.ann.error && !annotation.error
            ? { ...annotation, error: old.ann.error }
            : annotation;
        // Most rows when one profile changed: the row stays (rows.ts says why).
        if (sameAnnotation(old.ann, ann)) continue;
        interner.annotation(ann);
        s.rows[i] = toRow({ ...old, ann }, old);
        changed = true;
      }
      // Unchanged rows need no new filter or render pass over the session.
      if (!changed) return;
      s.version++;
      emit();
    },

    ...sessionActions(() => state, set, budget, dropRows),
    ...listActions(
      () => state,
      set,
      () => view().rows,
    ),
    setPaused: (paused: boolean) => set({ paused }),
    setPreserveLog: (preserveLog: boolean) => set({ preserveLog }),
    setMaxEntries(maxEntries: number) {
      if (!Number.isFinite(maxEntries) || maxEntries < 1) return;
      state = { ...state, maxEntries: Math.floor(maxEntries) };
      evict(session(LIVE));
      session(LIVE).version++;
      emit();
    },
    setBudgetBytes(bytes: number) {
      if (!Number.isFinite(bytes) || bytes < 1) return;
      budget.setLimit(Math.floor(bytes));
      state = { ...state, budgetBytes: Math.floor(bytes) };
      enforceBudget();
      emit();
    },
    /**
     * New user profiles: later requests are annotated with them (the rate tracker continues);
     * jobs.ts re-annotates the rows already captured.
     */
    setUserProfiles(profiles: Profile[]) {
      const live = session(LIVE);
      live.engine = deps.createEngine({ userProfiles: profiles, rate: live.engine.rate });
      set({ userProfiles: profiles });
    },
    /** Shows, updates (same id) or, with `progress` undefined, removes a job's progress. */
    setJob(id: number, progress: Omit<JobState, 'id'> | undefined) {
      const others = state.jobs.filter((j) => j.id !== id);
      set({
        jobs: progress ? [...others, { id, ...progress }].sort((a, b) => a.id - b.id) : others,
      });
    },
  };

  return {
    getState: () => state,
    subscribe(listener: (change?: Change) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    session,
    visibleRows: () => view().rows,
    /** The visible rows with the filter they reflect (pending while a newer one is computed). */
    visibleView: () => view(),
    /** Every row of the active session in the traffic shown (API only unless "All traffic"). */
    trafficRows: (): Row[] => session().rows.filter((r) => state.allTraffic || r.api),
    filterErrors: () => view().filter.errors,
    selectedRow(): Row | undefined {
      if (state.selectedId === undefined) return undefined;
      const rows = session().rows;
      return rows[indexOfId(rows, state.selectedId)];
    },
    ...actions,
  };
}
