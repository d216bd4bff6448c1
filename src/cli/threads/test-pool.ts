import type { EngineOptions } from '../../core/engine.ts';
import type { WriteOptions } from '../../core/har/annotate.ts';
import { HarSyntaxError } from '../har-scanner.ts';
import type { Pool } from './pool.ts';
import type { Job } from './protocol.ts';
import { BatchWork } from './work.ts';

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
  const run = (work: BatchWork, job: Job): unknown => {
    if (job.kind === 'learn') return structuredClone(work.learn(job.payload));
    if (job.kind === 'annotate') return structuredClone(work.annotate(job.payload));
    work.secrets(job.payload.values, job.payload.keyLike);
    return null;
  };
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
      try {
        return run(slot.work, slot.job);
      } catch (e) {
        // As a thread reports it: a HarSyntaxError stays one, anything else becomes an Error.
        throw e instanceof HarSyntaxError ? e : new Error((e as Error).message);
      }
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
