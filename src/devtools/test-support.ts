import type { Entry } from 'har-format';
import type { EntryAnnotation } from '../core/annotation.ts';
import { createEngine, type Engine, type EngineOptions } from '../core/engine.ts';
import { BASE_TIME, harEntry as coreEntry, type EntryInit } from '../core/har/test-entry.ts';
import type { KeyValueArea } from '../platform/types.ts';
import type { PanelEnv } from './context.ts';
import { createJobs } from './jobs.ts';
import type { Scheduler } from './slices.ts';
import type { PanelStore } from './store.ts';
import { createWorkerClient, type WorkerLike } from './worker/client.ts';
import { createWorkerHost } from './worker/host.ts';

/** Test helpers for the panel: HAR entries shaped like the ones DevTools reports. */

export { BASE_TIME, type EntryInit } from '../core/har/test-entry.ts';

/** A HAR entry as DevTools reports it: a fetch unless said otherwise. */
export function harEntry(init: EntryInit = {}): Entry {
  return coreEntry({ ...init, resourceType: init.resourceType ?? 'fetch' });
}

/**
 * A stand-in engine for store logic that does not depend on what the core decides (dedupe,
 * eviction, sessions, sort): errors are the body's `error` field, verdict by status class.
 */
export function stubEngine(_opts: EngineOptions = {}): Engine {
  const counts = new Map<string, number>();
  const engine: Engine = {
    // The stand-in decides everything in one step: `prepare` carries its finished annotation.
    prepare: (entry, body) => ({ failed: engine.annotate(entry, body) }),
    record: (p) => {
      if ('failed' in p) return p.failed;
      throw new Error('the stand-in engine prepares finished annotations only');
    },
    annotate(entry, body) {
      const status = entry.response.status;
      const text = body ? body.text : entry.response.content.text;
      let message: string | undefined;
      try {
        message = text ? (JSON.parse(text) as { error?: string }).error : undefined;
      } catch {
        message = undefined;
      }
      const host = new URL(entry.request.url).host;
      counts.set(host, (counts.get(host) ?? 0) + 1);
      const ann: EntryAnnotation = {
        v: 1,
        profile: host.startsWith('api.aurorasolar') ? 'aurora' : 'generic',
        status: { code: status, text: '', meaning: `meaning of ${status}`, source: 'rfc' },
        retry: { verdict: status >= 500 ? 'backoff' : status >= 400 ? 'fix' : 'none', reason: 'r' },
        ...(status >= 400 ? { error: { format: 'stub', messages: [message ?? `${status}`] } } : {}),
      };
      return ann;
    },
    profileFor: () => ({ profile: { id: 'generic', name: 'Generic' } as never }),
    rate: { states: () => [] } as unknown as Engine['rate'],
  };
  return engine;
}

/**
 * The real worker host (worker/host.ts) run in this thread: messages are delivered in later
 * tasks, as between threads, but by reference (Node cannot structured-clone a Blob).
 */
export function inProcessWorker(): WorkerLike {
  let alive = true;
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      setTimeout(() => alive && void host(message), 0);
    },
    terminate() {
      alive = false;
    },
  };
  const host = createWorkerHost((m) => setTimeout(() => alive && w.onmessage?.({ data: m }), 0));
  return w;
}

/** Never yields within a slice (its clock stands still); yields a task between slices. */
export const testScheduler: Scheduler = {
  now: () => 0,
  yield: () => new Promise((r) => setTimeout(r, 0)),
};

/** A PanelEnv over a fake storage area, recording copies and downloads. */
export function testEnv(store: PanelStore, storage: KeyValueArea, now = () => BASE_TIME) {
  const copied: string[] = [];
  const downloads: { name: string; text: Promise<string> }[] = [];
  const client = createWorkerClient(inProcessWorker, testScheduler);
  const jobs = createJobs({ store, client, createEngine, scheduler: testScheduler });
  const env: PanelEnv = {
    store,
    storage,
    clock: now,
    copy: async (text) => {
      copied.push(text);
      return true;
    },
    download: (name, data) => {
      downloads.push({
        name,
        text: typeof data === 'string' ? Promise.resolve(data) : data.text(),
      });
    },
    jobs,
    formatBody: client.format,
  };
  return { env, copied, downloads, jobs };
}

/** Capture timers driven by the test: `advance(ms)` moves the clock and runs what came due. */
export function manualTimers(start = BASE_TIME) {
  let now = start;
  let seq = 0;
  const due = new Map<number, { at: number; f: () => void }>();
  return {
    now: () => now,
    after(ms: number, f: () => void) {
      const id = ++seq;
      due.set(id, { at: now + ms, f });
      return () => due.delete(id);
    },
    /** Moves time forward, running each timer that falls due, in time order (bounded). */
    async advance(ms: number) {
      const end = now + ms;
      for (let i = 0; i < 10_000; i++) {
        await new Promise((r) => setTimeout(r, 0));
        const next = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > end) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].f();
      }
      now = end;
      await new Promise((r) => setTimeout(r, 0));
    },
    pending: () => due.size,
  };
}
