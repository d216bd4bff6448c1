import { workerData } from 'node:worker_threads';
import type { Profile } from '../../core/profiles/schema.ts';
import { type Job, parseJob, type Reply, type WorkerSetup } from './protocol.ts';
import { BatchWork, failure } from './work.ts';

/** Whether this thread is one of the CLI's annotation workers (main.ts starts it then). */
export const isAnnotateWorker = (): boolean =>
  (workerData as Partial<WorkerSetup> | undefined)?.role === 'apilens-annotate';

/**
 * A worker thread's loop: each job is done in the order it came and answered on the same port;
 * the shared counter then wakes the main thread, which waits synchronously (pool.ts).
 */
export function startAnnotateWorker(loadProfiles: (setup: WorkerSetup) => Profile[]): void {
  const setup = workerData as WorkerSetup;
  const { port } = setup;
  let work: BatchWork | undefined;
  const answer = (r: Reply) => {
    port.postMessage(r);
    Atomics.add(setup.signal, setup.slot, 1);
    Atomics.notify(setup.signal, setup.slot);
  };
  port.on('message', (m: unknown) => {
    let job: Job | undefined;
    try {
      job = parseJob(m);
      work ??= new BatchWork({ redact: setup.redact, userProfiles: loadProfiles(setup) });
    } catch (e) {
      answer({ kind: job?.kind ?? 'learn', failed: failure(e) });
      return;
    }
    answer(work.reply(job));
  });
}
