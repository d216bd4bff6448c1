import type { Entry } from 'har-format';
import type { EntryAnnotation } from '../core/annotation.ts';
import type { Engine, EngineOptions } from '../core/engine.ts';
import type { Profile } from '../core/profiles/schema.ts';
import { type BudgetStats, DEFAULT_BUDGET_BYTES } from './budget.ts';
import { type ColumnPrefs, DEFAULT_COLUMN_PREFS } from './columns.ts';
import type { Body, Row } from './rows.ts';
import type { Scheduler } from './slices.ts';
import type { ViewInput } from './visible.ts';

/** The shape of the panel's state (store.ts holds it and its actions). */

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
  /**
   * The imported file (a disk-backed File, or the Blob given): exporting every row of the
   * session annotates this file as `apilens annotate` does, so nothing in it is lost — `log`
   * members such as `pages` and custom fields, bent values as written, entry order.
   */
  file?: Blob;
}

export type View = 'requests' | 'rate' | 'groups' | 'profiles';

/** A worker job as the panel shows it (jobs.ts runs them). */
export interface JobState {
  id: number;
  kind: 'import' | 'export' | 'reannotate';
  label: string;
  phase: string;
  done: number;
  total: number;
}

/** The list's filter, toggles and sort (visible.ts) and everything else the panel shows. */
export interface PanelState extends Omit<ViewInput, 'session'> {
  sessions: Session[];
  activeId: string;
  selectedId: number | undefined;
  detailOpen: boolean;
  paused: boolean;
  preserveLog: boolean;
  maxEntries: number;
  /** Bytes of body text the panel keeps across sessions (budget.ts). */
  budgetBytes: number;
  budget: BudgetStats;
  view: View;
  notice: string | undefined;
  /** Browser-specific advice shown while the list is empty (Firefox's Network panel quirk). */
  emptyHint: string | undefined;
  userProfiles: Profile[];
  jobs: JobState[];
  /** The request list's hidden columns and widths (persisted by settings.ts). */
  columns: ColumnPrefs;
}

export interface PanelDeps {
  createEngine(options: EngineOptions): Engine;
  /** Decodes a large body off the UI thread with the same core; resolves with its annotation. */
  decodeLarge?: (entry: Entry, body: Body, userProfiles: Profile[]) => Promise<EntryAnnotation>;
  /** Filters large sessions in time slices (visible.ts); without it, at once. */
  scheduler?: Scheduler;
}

export const DEFAULT_MAX_ENTRIES = 50_000;
/** Bodies above this many characters are decoded in the worker (when one is available). */
export const LARGE_BODY_CHARS = 1_000_000;
export const LIVE = 'live';

/** The panel's state before anything happened, with `init` (settings, tests) applied over it. */
export function initialState(
  live: Session,
  budget: BudgetStats,
  init: Partial<PanelState>,
): PanelState {
  return {
    sessions: [live],
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
    budgetBytes: DEFAULT_BUDGET_BYTES,
    budget,
    view: 'requests',
    notice: undefined,
    emptyHint: undefined,
    userProfiles: init.userProfiles ?? [],
    jobs: [],
    columns: DEFAULT_COLUMN_PREFS,
    ...init,
  };
}
