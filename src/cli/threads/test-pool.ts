import type { EngineOptions } from '../../core/engine.ts';
import type { WriteOptions } from '../../core/har/annotate.ts';
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
): Pool & { jobs: number } {
  const works = Array.from({ length: threads }, () => new BatchWork(opts));
  const local = new BatchWork(opts);
  const queue: { work: BatchWork; job: Job }[] = [];
  let next = 0;
  let started = false;
  let replay: Job | undefined;
  // As between threads: the reply is cloned, a failure thrown again as the real pool does.
  const run = (work: BatchWork, job: Job): unknown => unwrap(structuredClone(work.reply(job)));
  const pool = {
    threads,
    inFlight: 2 * threads,
    batchBytes,
    jobs: 0,
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
      queue.push({ work: inline ? local : works[next++ % threads]!, job });
    },
    take(kind: string) {
      const slot = queue.shift();
      if (!slot || slot.job.kind !== kind) throw new Error(`no pending ${kind} job`);
      return run(slot.work, slot.job);
    },
    broadcast(job: Job) {
      if (queue.length) throw new Error('broadcast with jobs pending');
      replay = job;
      if (started) for (const w of works) run(w, job);
      run(local, job);
    },
    close() {},
  };
  return pool as Pool & { jobs: number };
}
