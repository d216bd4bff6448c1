import type { EngineOptions } from '../../core/engine.ts';
import type { WriteOptions } from '../../core/har/annotate.ts';
import { Feed } from './feed.ts';
import type { Pool } from './pool.ts';
import type { Job } from './protocol.ts';
import { BatchWork, unwrap } from './work.ts';

/**
 * The pool's contract run in this thread, for tests: each "worker" is its own BatchWork (its own
 * secrets and rate-free state, as a thread has), doing its jobs in the order sent; replies go
 * through structuredClone as they would between threads. Small batches, so a test HAR of a few
 * entries still spreads over several workers and jobs.
 */
export function inProcessPool(
  threads: number,
  opts: WriteOptions & EngineOptions,
  batchBytes = 300,
): Pool & { jobs: number; sent: Map<string, number> } {
  const works = Array.from({ length: threads }, () => new BatchWork(opts));
  const local = new BatchWork(opts);
  const queue: { work: BatchWork; job: Job }[] = [];
  let next = 0;
  let started = false;
  let replay: Job | undefined;
  const fed = new Feed(threads);
  // As between threads: the reply is cloned, a failure thrown again as the real pool does.
  const run = (work: BatchWork, job: Job): unknown => unwrap(structuredClone(work.reply(job)));
  const pool = {
    threads,
    inFlight: 2 * threads,
    batchBytes,
    jobs: 0,
    /** Jobs sent, by kind (inline ones included). */
    sent: new Map<string, number>(),
    get started() {
      return started;
    },
    get pending() {
      return queue.length;
    },
    slot: (size: number) => new Uint8Array(size),
    send(job: Job, inline = false) {
      if (!inline && !started) {
        started = true;
        if (replay) for (const w of works) run(w, replay);
      }
      if (!inline) pool.jobs++;
      pool.sent.set(job.kind, (pool.sent.get(job.kind) ?? 0) + 1);
      const worker = inline ? -1 : next++ % threads;
      fed.attach(job, worker);
      queue.push({ work: worker < 0 ? local : works[worker]!, job });
    },
    take(kind: string) {
      const slot = queue.shift();
      if (!slot || slot.job.kind !== kind) throw new Error(`no pending ${kind} job`);
      return run(slot.work, slot.job);
    },
    drain() {
      queue.length = 0;
    },
    broadcast(job: Job) {
      if (queue.length) throw new Error('broadcast with jobs pending');
      replay = job;
      fed.reset(job);
      if (started) for (const w of works) run(w, job);
      run(local, job);
    },
    feed: (values: readonly string[], keyLike: readonly boolean[]) => fed.add(values, keyLike),
    close() {},
  };
  return pool as Pool & { jobs: number; sent: Map<string, number> };
}
