import type { Entry } from 'har-format';
import type { EntryAnnotation } from '../../core/annotation.ts';
import type { Profile } from '../../core/profiles/schema.ts';
import type { Body } from '../rows.ts';
import { browserScheduler, type Scheduler } from '../slices.ts';
import {
  chunks,
  entryChars,
  FromWorker,
  type Phase,
  type ToWorker,
  type ToWorkerWire,
} from './protocol.ts';
import { packEntry } from './transfer.ts';

/** What the client needs of a Worker (tests pass an in-process one). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
  terminate(): void;
}

export function spawnPanelWorker(): WorkerLike {
  return new Worker(new URL('./panel.worker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as WorkerLike;
}

export interface Progress {
  phase: Phase;
  done: number;
  total: number;
}

/** A job's chunk of results: imported rows, new annotations, or the exported file. */
export type Chunk = Extract<FromWorker, { kind: 'rows' | 'annotations' | 'file' }>;
export type Done = Extract<FromWorker, { kind: 'done' }>;

export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export interface JobSpec {
  /** Entries sent before `start`, in slices (export and reannotate). */
  feed?: readonly Entry[];
  start: ToWorker;
  /** Applies one chunk; the next is requested once it resolves. Stop once `over()`. */
  onChunk(chunk: Chunk, over: () => boolean): void | Promise<void>;
  onProgress?(p: Progress): void;
}

export interface Job {
  done: Promise<Done>;
  cancel(): void;
}

export interface WorkerClient {
  decode(entry: Entry, body: Body, userProfiles: Profile[]): Promise<EntryAnnotation>;
  /** Pretty-prints a body off the panel's thread (the detail pane's formatting seam). */
  format(text: string, mimeType: string): Promise<{ text: string; json: boolean }>;
  /** Runs a job in a worker of its own; `cancel` terminates it at once. */
  run(spec: JobSpec): Job;
}

/**
 * The panel's side of the worker protocol. Quick requests (decode, format) share one
 * long-lived worker; each job gets its own, so cancelling never loses someone else's work.
 * Every message from a worker is zod-parsed (protocol.ts) before it is acted on.
 */
export function createWorkerClient(
  spawn: () => WorkerLike = spawnPanelWorker,
  scheduler: Scheduler = browserScheduler,
): WorkerClient {
  let shared: WorkerLike | undefined;
  let next = 1;
  const pending = new Map<
    number,
    { resolve: (m: FromWorker) => void; reject: (e: Error) => void }
  >();

  const receive = (data: unknown): FromWorker | Error => {
    const parsed = FromWorker.safeParse(data);
    return parsed.success
      ? parsed.data
      : new Error(`malformed worker reply: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  };

  const startShared = () => {
    const w = spawn();
    w.onmessage = (e) => {
      const m = receive(e.data);
      if (m instanceof Error) return;
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.kind === 'error') p.reject(new Error(m.message));
      else p.resolve(m);
    };
    w.onerror = (e) => {
      for (const p of pending.values()) p.reject(new Error(e.message ?? 'worker failed'));
      pending.clear();
      shared = undefined;
    };
    return w;
  };
  const request = (msg: ToWorkerWire) =>
    new Promise<FromWorker>((resolve, reject) => {
      shared ??= startShared();
      pending.set(msg.id, { resolve, reject });
      shared.postMessage(msg);
    });

  function run(spec: JobSpec): Job {
    const id = next++;
    const w = spawn();
    let over = false;
    let settle!: { resolve: (d: Done) => void; reject: (e: Error) => void };
    const done = new Promise<Done>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const finish = (result: Done | Error) => {
      if (over) return;
      over = true;
      w.terminate();
      if (result instanceof Error) settle.reject(result);
      else settle.resolve(result);
    };
    // Messages are handled one after another: a chunk is applied before the next is looked at.
    let queue = Promise.resolve();
    w.onmessage = (e) => {
      queue = queue.then(async () => {
        // Chromium deserializes a message when its data is first read: for a chunk of rows
        // 5-20 ms with the GC it sets off (bench trace). Read in a task of its own, after the
        // previous chunk was applied and pending timers and rendering ran, not in the message's.
        await scheduler.yield();
        if (over) return;
        const m = receive(e.data);
        if (m instanceof Error) return finish(m);
        switch (m.kind) {
          case 'progress':
            return spec.onProgress?.(m);
          case 'rows':
          case 'annotations':
          case 'file':
            await scheduler.yield();
            if (over) return;
            await spec.onChunk(m, () => over);
            if (!over) w.postMessage({ kind: 'next', id } satisfies ToWorker);
            return;
          case 'done':
            return finish(m);
          case 'error':
            return finish(new Error(m.message));
          default:
            return;
        }
      });
      queue.catch((err: unknown) => finish(err instanceof Error ? err : new Error(String(err))));
    };
    w.onerror = (e) => finish(new Error(e.message ?? 'worker failed'));

    void (async () => {
      // Feeding is sliced too: each postMessage copies its entries on this thread, and each
      // chunk is measured just before it is sent (50,000 at once took ~20 ms).
      let sent = 0;
      for (const entries of spec.feed ? chunks(spec.feed, entryChars) : []) {
        if (over) return;
        w.postMessage({ kind: 'feed', id, entries: entries.map(packEntry) } satisfies ToWorkerWire);
        sent += entries.length;
        spec.onProgress?.({ phase: 'sending', done: sent, total: spec.feed!.length });
        await scheduler.yield();
      }
      if (!over) w.postMessage({ ...spec.start, id });
    })();

    return { done, cancel: () => finish(new JobCancelled()) };
  }

  return {
    async decode(entry, body, userProfiles) {
      const m = await request({
        kind: 'decode',
        id: next++,
        entry: packEntry(entry),
        body,
        userProfiles,
      });
      if (m.kind !== 'annotation') throw new Error(`unexpected worker reply ${m.kind}`);
      return m.annotation;
    },
    async format(text, mimeType) {
      const m = await request({ kind: 'format', id: next++, text, mimeType });
      if (m.kind !== 'formatted') throw new Error(`unexpected worker reply ${m.kind}`);
      return { text: m.text, json: m.json };
    },
    run,
  };
}
