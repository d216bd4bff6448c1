import { describe, expect, it } from 'vitest';
import { createEngine } from '../core/engine.ts';
import { parseUserProfiles } from '../core/profiles/index.ts';
import { GENERATOR } from '../core/version.ts';
import { createFakePlatform } from '../platform/fake.ts';
import { createJobs, PROGRESS_MS } from './jobs.ts';
import { createPanelStore, LIVE } from './store.ts';
import { harEntry, inProcessWorker, testEnv, testScheduler } from './test-support.ts';
import {
  createWorkerClient,
  type Done,
  type Progress,
  type WorkerClient,
  type WorkerLike,
} from './worker/client.ts';

const ACME = {
  id: 'acme',
  name: 'ACME',
  match: { hosts: ['api.acme.test'] },
  statuses: { '409': { meaning: 'Invoice is being charged; wait.', retry: 'wait' } },
};
const acme = () => {
  const p = parseUserProfiles([ACME]);
  if (!p.ok) throw new Error(p.errors.join());
  return p.profiles;
};

/** Waits (bounded) until `cond` holds, letting the in-process worker's tasks run. */
async function until(cond: () => boolean, what: string) {
  for (let i = 0; i < 2_000 && !cond(); i++) await new Promise((r) => setTimeout(r, 0));
  if (!cond()) throw new Error(`never happened: ${what}`);
}

describe('panel jobs', () => {
  it('says it is re-annotating from the first session until the last one is done', async () => {
    const store = createPanelStore({ createEngine });
    const client = createWorkerClient(inProcessWorker, testScheduler);
    const busy: boolean[] = [];
    const jobs = createJobs({
      store,
      client,
      createEngine,
      scheduler: testScheduler,
      onReannotating: (b) => busy.push(b),
    });
    store.ingest(harEntry({ url: 'https://api.acme.test/a', status: 409 }), undefined, 'captured');
    const imported = store.createImportSession('x.har', createEngine({}));
    store.appendAnnotated(imported, [
      {
        entry: harEntry({ url: 'https://api.acme.test/b', status: 409 }),
        annotation: createEngine({}).annotate(
          harEntry({ url: 'https://api.acme.test/b', status: 409 }),
        ),
      },
    ]);
    store.showSession(imported);
    store.setUserProfiles(acme());
    const between: boolean[] = [];
    store.subscribe(() => {
      // Between the two sessions' jobs no job is listed, yet the re-annotation is not over.
      if (store.getState().jobs.length === 0) between.push(busy.at(-1)!);
    });
    const run = jobs.reannotateAll();
    // Storage echoes the saved set back as an equal array: the run goes on.
    store.setUserProfiles(acme());
    await run;
    expect(busy).toEqual([true, false]);
    expect(between.length).toBeGreaterThanOrEqual(2);
    expect(between.every((b) => b)).toBe(true);
    expect(imported.rows[0]!.profile).toBe('acme');
    expect(store.session(LIVE).rows[0]!.profile).toBe('acme');
  });

  it('re-annotates the captured rows when the profile set changes', async () => {
    const store = createPanelStore({ createEngine });
    const { jobs } = testEnv(store, createFakePlatform().platform.storage.local);
    jobs.watchProfiles();
    const e = harEntry({
      url: 'https://api.acme.test/invoices/1/charge',
      method: 'POST',
      status: 409,
    });
    store.ingest(e, undefined, 'captured');
    const before = store.session().rows[0]!;
    expect(before.profile).toBe('generic');
    const seen = new Set<string>();
    store.subscribe(() => {
      for (const j of store.getState().jobs) seen.add(`${j.kind}:${j.phase}`);
    });
    store.setUserProfiles(acme());
    await jobs.idle();
    // It ran as a job the panel showed, through the worker's phases.
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'reannotate:sending',
        'reannotate:annotating',
        'reannotate:applying',
      ]),
    );
    const after = store.session().rows[0]!;
    expect(after.id).toBe(before.id);
    expect(after.profile).toBe('acme');
    expect(after.ann.status.meaning).toBe('Invoice is being charged; wait.');
    expect(after.verdict).toBe('wait');
    expect(store.getState().jobs).toEqual([]);
    // The same set again (as storage echoes a save back) starts nothing.
    seen.clear();
    store.setUserProfiles(acme());
    await jobs.idle();
    expect(seen.size).toBe(0);
  });

  it('imports a HAR into a session shown when complete, with its rate windows', async () => {
    const store = createPanelStore({ createEngine });
    const { jobs } = testEnv(store, createFakePlatform().platform.storage.local);
    const entries = Array.from({ length: 2_500 }, (_, i) =>
      harEntry({
        url: `https://api.aurorasolar.com/designs/${i}`,
        requestHeaders: { Authorization: 'Bearer k' },
      }),
    );
    const file = new Blob([
      JSON.stringify({ log: { version: '1.2', creator: { ...GENERATOR }, entries } }),
    ]);
    const out = await jobs.importHar('big.har', file);
    expect(out.ok).toBe(true);
    expect(store.getState().activeId).not.toBe(LIVE);
    expect(store.session().rows).toHaveLength(2_500);
    expect(store.session().engine.rate.states(Date.now()).length).toBeGreaterThan(0);
  });

  it('cancels an import: no session appears and nothing stays under the budget', async () => {
    const store = createPanelStore({ createEngine });
    const client = createWorkerClient(inProcessWorker, testScheduler);
    const jobs = createJobs({ store, client, createEngine, scheduler: testScheduler });
    const entries = Array.from({ length: 3_000 }, (_, i) =>
      harEntry({ url: `https://a.test/${i}`, body: '{"x":1}' }),
    );
    const file = new Blob([
      JSON.stringify({ log: { version: '1.2', creator: { ...GENERATOR }, entries } }),
    ]);
    const pending = jobs.importHar('big.har', file);
    await until(() => store.getState().jobs[0]?.phase === 'applying', 'rows being applied');
    jobs.cancel(store.getState().jobs[0]!.id);
    expect(await pending).toEqual({ ok: false, cancelled: true });
    expect(store.getState().sessions.map((s) => s.id)).toEqual([LIVE]);
    expect(store.getState().budget.used).toBe(0);
    expect(store.getState().jobs).toEqual([]);
  });

  it('says why an import failed when the worker dies', async () => {
    const store = createPanelStore({ createEngine });
    const dying = (): WorkerLike => {
      const w: WorkerLike = {
        onmessage: null,
        onerror: null,
        postMessage: () => setTimeout(() => w.onerror?.({ message: 'out of memory' }), 0),
        terminate: () => {},
      };
      return w;
    };
    const jobs = createJobs({
      store,
      client: createWorkerClient(dying, testScheduler),
      createEngine,
      scheduler: testScheduler,
    });
    expect(await jobs.importHar('x.har', new Blob(['{}']))).toEqual({
      ok: false,
      cancelled: false,
      error: 'out of memory',
    });
  });

  it('shows a new phase at once and its counts at most every PROGRESS_MS', async () => {
    const store = createPanelStore({ createEngine });
    let t = 0;
    let progress!: (p: Progress) => void;
    let finish!: (d: Done) => void;
    const client: WorkerClient = {
      decode: () => Promise.reject(new Error('not used')),
      format: () => Promise.reject(new Error('not used')),
      run(spec) {
        progress = (p) => spec.onProgress?.(p);
        return { done: new Promise<Done>((r) => (finish = r)), cancel() {} };
      },
    };
    const scheduler = { now: () => t, yield: testScheduler.yield };
    const jobs = createJobs({ store, client, createEngine, scheduler });
    const out = jobs.exportHar([], false);
    const shown = () => store.getState().jobs[0];
    progress({ phase: 'annotating', done: 1, total: 10 });
    expect(shown()).toMatchObject({ phase: 'annotating', done: 1, total: 10 });
    t = PROGRESS_MS / 2;
    progress({ phase: 'annotating', done: 2, total: 10 });
    expect(shown()).toMatchObject({ phase: 'annotating', done: 1 });
    t = PROGRESS_MS;
    progress({ phase: 'annotating', done: 3, total: 10 });
    expect(shown()).toMatchObject({ phase: 'annotating', done: 3 });
    t = PROGRESS_MS + 1;
    progress({ phase: 'writing', done: 10, total: 10 });
    expect(shown()).toMatchObject({ phase: 'writing', done: 10 });
    finish({ kind: 'done', id: 1, total: 10 });
    await out;
    expect(store.getState().jobs).toEqual([]);
  });
});
