import type { EntryAnnotation } from '../core/annotation.ts';
import type { Engine, EngineOptions } from '../core/engine.ts';
import type { Profile } from '../core/profiles/schema.ts';
import { RateTracker } from '../core/rate/index.ts';
import { count } from './format.ts';
import type { Row } from './rows.ts';
import { type Scheduler, sliced } from './slices.ts';
import type { PanelStore, Session } from './store.ts';
import {
  type Chunk,
  type Done,
  type Job,
  JobCancelled,
  type WorkerClient,
} from './worker/client.ts';

/**
 * The panel's heavy work, run in workers (worker/client.ts) and applied to the store in time
 * slices so the main thread never blocks: HAR import, HAR export, and re-annotation of the
 * captured sessions whenever the effective profile set changes (a profile saved in the
 * Profiles view, an OpenAPI document compiled into one, or storage changed elsewhere).
 * Each job shows its progress in the store (`jobs`) and can be cancelled.
 */

export interface JobsDeps {
  store: PanelStore;
  client: WorkerClient;
  createEngine(options: EngineOptions): Engine;
  scheduler: Scheduler;
  /** Re-annotation started (true) or every session is done with it (false): a page marker. */
  onReannotating?(busy: boolean): void;
}

export type JobKind = 'import' | 'export' | 'reannotate';

export type JobOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; cancelled: true }
  | { ok: false; cancelled: false; error: string };

/**
 * A job's progress reaches the store at most this often, and at once when its phase changes:
 * each update re-renders the panel (a render, then style and layout), and an import of 50,000
 * entries reports ~600 times.
 */
export const PROGRESS_MS = 100;

/** Items handed to the store per call inside a slice (each call costs a state update). */
const BATCH = 100;

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

export type Jobs = ReturnType<typeof createJobs>;

export function createJobs(deps: JobsDeps) {
  const { store, client, scheduler } = deps;
  let nextId = 1;
  const running = new Map<number, { job: Job; kind: JobKind }>();
  let reannotation: Promise<void> = Promise.resolve();

  /** Runs a worker job under a progress entry; settles to an outcome, never throws. */
  async function track<T>(
    kind: JobKind,
    label: string,
    start: (onProgress: (p: { phase: string; done: number; total: number }) => void) => Job,
    finish: (done: Done) => T,
  ): Promise<JobOutcome<T>> {
    const id = nextId++;
    store.setJob(id, { kind, label, phase: 'starting', done: 0, total: 0 });
    let shown = { phase: 'starting', at: scheduler.now() };
    const job = start(({ phase, done, total }) => {
      const at = scheduler.now();
      if (phase === shown.phase && at - shown.at < PROGRESS_MS) return;
      shown = { phase, at };
      store.setJob(id, { kind, label, phase, done, total });
    });
    running.set(id, { job, kind });
    try {
      return { ok: true, value: finish(await job.done) };
    } catch (e) {
      if (e instanceof JobCancelled) return { ok: false, cancelled: true };
      return { ok: false, cancelled: false, error: (e as Error).message };
    } finally {
      running.delete(id);
      store.setJob(id, undefined);
    }
  }

  /** Applies `items` to the store in slices; stops when the job was cancelled. */
  const apply = <T>(items: readonly T[], fn: (batch: T[]) => void, stopped: () => boolean) =>
    sliced(batches(items), fn, scheduler, stopped);

  const restoreEngine = (rate: unknown, userProfiles: Profile[]) =>
    deps.createEngine({ userProfiles, rate: RateTracker.fromJSON(rate) });

  /** Reads, validates and annotates a HAR file in a worker; shows it as a session. */
  async function importHar(name: string, file: Blob): Promise<JobOutcome<Session>> {
    const { userProfiles } = store.getState();
    let session: Session | undefined;
    const outcome = await track(
      'import',
      `Importing ${name}`,
      (onProgress) =>
        client.run({
          start: { kind: 'import', id: 0, file, userProfiles },
          onProgress,
          onChunk: async (c: Chunk, over) => {
            if (c.kind !== 'rows') return;
            session ??= store.createImportSession(name, deps.createEngine({ userProfiles }));
            const s = session;
            await apply(c.items, (b) => store.appendAnnotated(s, b), over);
            onProgress({ phase: 'applying', done: s.rows.length, total: 0 });
          },
        }),
      (done) => {
        session ??= store.createImportSession(name, deps.createEngine({ userProfiles }));
        session.engine = restoreEngine(done.rate, userProfiles);
        session.file = file;
        store.showSession(session);
        return session;
      },
    );
    if (!outcome.ok && session) store.discardSession(session);
    return outcome;
  }

  /**
   * The annotated, redacted (unless `secrets`) HAR of `rows`, written in a worker. `file`: the
   * imported file the rows are all of, annotated instead (state.ts `Session.file`).
   */
  function exportHar(
    rows: readonly Row[],
    secrets: boolean,
    file?: Blob,
  ): Promise<JobOutcome<Blob>> {
    let blob: Blob | undefined;
    return track(
      'export',
      `Exporting ${count(rows.length)} entries`,
      (onProgress) =>
        client.run({
          ...(file ? {} : { feed: rows.map((r) => r.entry) }),
          start: {
            kind: 'export',
            id: 0,
            redact: !secrets,
            userProfiles: store.getState().userProfiles,
            ...(file ? { file } : {}),
          },
          onProgress,
          onChunk: (c) => {
            if (c.kind === 'file') blob = c.blob;
          },
        }),
      () => {
        if (!blob) throw new Error('the worker wrote no file');
        return blob;
      },
    );
  }

  /** Annotates a session's rows again with `userProfiles`, applying the results in slices. */
  function reannotate(s: Session, userProfiles: Profile[]): Promise<JobOutcome<void>> {
    const rows = s.rows.slice();
    const ids = rows.map((r) => r.id);
    return track(
      'reannotate',
      `Re-annotating ${s.kind === 'live' ? 'the live session' : s.name} with the new profiles`,
      (onProgress) =>
        client.run({
          feed: rows.map((r) => r.entry),
          start: { kind: 'reannotate', id: 0, userProfiles },
          onProgress,
          onChunk: async (c: Chunk, over) => {
            if (c.kind !== 'annotations') return;
            const updates = c.annotations.map((annotation: EntryAnnotation, k: number) => ({
              id: ids[c.from + k]!,
              annotation,
            }));
            await apply(updates, (b) => store.reannotateRows(s, b), over);
            onProgress({ phase: 'applying', done: c.from + updates.length, total: ids.length });
          },
        }),
      (done) => {
        // An import's rate windows are its own history, now counted with the new profiles.
        if (s.kind === 'import') s.engine = restoreEngine(done.rate, userProfiles);
      },
    );
  }

  /** Re-annotates every session with the current profiles, one after another. */
  function reannotateAll() {
    for (const r of running.values()) if (r.kind === 'reannotate') r.job.cancel();
    const { userProfiles, sessions } = store.getState();
    const previous = reannotation;
    deps.onReannotating?.(true);
    // Assigned before its body first awaits: the checks below run after that.
    let run!: Promise<void>;
    run = (async () => {
      await previous;
      for (const s of sessions) {
        if (s.rows.length === 0 || !store.getState().sessions.includes(s)) continue;
        // A newer set took over. Not `userProfiles !==` the store's: storage echoes a save back
        // as an equal array, which stopped the run after its first session (the bench saw it).
        if (reannotation !== run) return;
        await reannotate(s, userProfiles);
      }
    })().finally(() => {
      if (reannotation === run) deps.onReannotating?.(false);
    });
    reannotation = run;
    return reannotation;
  }

  /** Re-annotates whenever the effective profile set changes (compared by content). */
  function watchProfiles(): () => void {
    let last = store.getState().userProfiles;
    let lastKey = JSON.stringify(last);
    return store.subscribe(() => {
      const p = store.getState().userProfiles;
      if (p === last) return;
      last = p;
      const key = JSON.stringify(p);
      if (key === lastKey) return;
      lastKey = key;
      void reannotateAll();
    });
  }

  return {
    importHar,
    exportHar,
    reannotateAll,
    watchProfiles,
    cancel(id: number) {
      running.get(id)?.job.cancel();
    },
    /** Resolves once every re-annotation started so far has settled. */
    idle: () => reannotation,
  };
}
