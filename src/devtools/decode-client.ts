import type { Entry } from 'har-format';
import type { EntryAnnotation } from '../core/annotation.ts';
import type { Profile } from '../core/profiles/schema.ts';
import type { Body } from './store.ts';

export interface WorkerRequest {
  id: number;
  entry: Entry;
  body: Body;
  userProfiles: Profile[];
}
export interface WorkerResponse {
  id: number;
  annotation: EntryAnnotation;
}

/** Starts the decode worker lazily and returns the store's `decodeLarge`. */
export function createWorkerDecoder(): (
  entry: Entry,
  body: Body,
  userProfiles: Profile[],
) => Promise<EntryAnnotation> {
  let worker: Worker | undefined;
  let next = 1;
  const pending = new Map<
    number,
    { resolve: (a: EntryAnnotation) => void; reject: (e: Error) => void }
  >();
  const start = () => {
    const w = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<WorkerResponse>) => {
      pending.get(e.data.id)?.resolve(e.data.annotation);
      pending.delete(e.data.id);
    };
    w.onerror = (e) => {
      for (const p of pending.values()) p.reject(new Error(e.message));
      pending.clear();
      worker = undefined;
    };
    return w;
  };
  return (entry, body, userProfiles) =>
    new Promise((resolve, reject) => {
      worker ??= start();
      const id = next++;
      pending.set(id, { resolve, reject });
      const msg: WorkerRequest = { id, entry, body, userProfiles };
      worker.postMessage(msg);
    });
}
