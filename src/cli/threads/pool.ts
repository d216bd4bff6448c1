import { availableParallelism } from 'node:os';
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import { Feed } from './feed.ts';
import {
  IN_FLIGHT_PER_THREAD,
  type Job,
  type Jobs,
  parseReply,
  type Replies,
  RING,
  type WorkerSetup,
} from './protocol.ts';
import { type BatchWork, unwrap } from './work.ts';

/**
 * Worker threads for `apilens annotate`, used synchronously: the CLI reads and writes with
 * blocking calls, so jobs are posted and their replies taken in the order they were sent, the
 * main thread waiting on a shared counter (Atomics.wait) and reading its port with
 * receiveMessageOnPort. Jobs go round-robin; each worker answers its own in order, so the
 * oldest job's reply is always the next one on its worker's port.
 *
 * A job may also be done `inline`, on the main thread by its own BatchWork, at its turn: an
 * entry too large to copy to a worker is annotated where it was read.
 */
export interface Pool {
  /** Worker threads. */
  readonly threads: number;
  /** Most jobs pending at a time (the senders keep to it: the slots below rely on it). */
  readonly inFlight: number;
  /** About how many bytes of entries make a job. */
  readonly batchBytes: number;
  /**
   * Memory shared with the worker that gets the next job, at least `size` bytes: the job's
   * entries are written there. It is reused once that job's reply was taken, so nothing is
   * allocated (or page-faulted) per job.
   */
  slot(size: number): Uint8Array;
  /** Whether the workers were started (by a job sent to one). */
  readonly started: boolean;
  /** Jobs sent and not yet taken. */
  readonly pending: number;
  send(job: Job, inline?: boolean): void;
  /**
   * Secrets the main thread learnt from replies (in its order): each later annotate job carries
   * those its worker was not sent yet (threads/feed.ts).
   */
  feed(values: readonly string[], keyLike: readonly boolean[]): void;
  /** The oldest pending job's result (its error thrown, a HarSyntaxError kept as one). */
  take<K extends keyof Jobs>(kind: K): Replies[K];
  /** Takes every pending job's reply and drops it, errors included (a pass given up). */
  drain(): void;
  /** The same job for every worker (the secrets between the passes), answered at once. */
  broadcast(job: Job): void;
  close(): void;
}

// A megabyte of entries per job: enough to make a message's cost small.
const BATCH_BYTES = 1 << 20;

/**
 * How many workers to start by default: one per core, at most four. The main thread reads,
 * counts and writes for all of them; past a few workers it is the bottleneck, and each worker
 * is a V8 heap of its own (tens of MiB) with the profiles loaded again.
 */
export const defaultThreads = (): number => Math.min(4, Math.max(1, availableParallelism()));

interface Slot {
  worker: number; // -1: done inline
  job: Job;
}

export function startPool(
  threads: number,
  script: string,
  setup: Omit<WorkerSetup, 'port' | 'signal' | 'slot'>,
  local: BatchWork,
): Pool {
  const signal = new Int32Array(new SharedArrayBuffer(4 * threads));
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  // Workers start with the first job sent to one (a small input never starts them); the last
  // broadcast is replayed to them first, so they know what the main thread's BatchWork knows.
  let replay: Job | undefined;
  const start = () => {
    for (let slot = 0; slot < threads; slot++) {
      const { port1, port2 } = new MessageChannel();
      const data: WorkerSetup = { ...setup, port: port2, signal, slot };
      const w = new Worker(script, { workerData: data, transferList: [port2] });
      w.unref();
      ports.push(port1);
      workers.push(w);
    }
    if (replay)
      for (let slot = 0; slot < threads; slot++) {
        ports[slot]!.postMessage(replay);
        reply(wait(slot));
      }
  };
  const queue: Slot[] = [];
  let head = 0;
  let next = 0;
  // Input slots: `sent[w]` jobs went to worker w; its k-th job used rings[w][k % RING]. With at
  // most inFlight jobs pending, a slot's previous job was taken before it is written again.
  const rings: SharedArrayBuffer[][] = Array.from({ length: threads }, () => []);
  const sent = new Array<number>(threads).fill(0);
  const fed = new Feed(threads);

  const wait = (slot: number): unknown => {
    for (;;) {
      const seen = Atomics.load(signal, slot);
      const m = receiveMessageOnPort(ports[slot]!);
      if (m) return m.message;
      Atomics.wait(signal, slot, seen);
    }
  };

  const reply = (message: unknown) => unwrap(parseReply(message));

  return {
    threads,
    inFlight: IN_FLIGHT_PER_THREAD * threads,
    batchBytes: BATCH_BYTES,
    slot(size) {
      const w = next % threads;
      const ring = rings[w]!;
      const k = sent[w]! % RING;
      if (!ring[k] || ring[k].byteLength < size) ring[k] = new SharedArrayBuffer(size);
      return new Uint8Array(ring[k]);
    },
    get pending() {
      return queue.length - head;
    },
    get started() {
      return workers.length > 0;
    },
    send(job, inline = false) {
      if (!inline && workers.length === 0) start();
      const worker = inline ? -1 : next++ % threads;
      fed.attach(job, worker);
      if (worker >= 0) {
        sent[worker]!++;
        ports[worker]!.postMessage(job);
      }
      queue.push({ worker, job });
    },
    feed(values, keyLike) {
      fed.add(values, keyLike);
    },
    take<K extends keyof Jobs>(kind: K): Replies[K] {
      const slot = queue[head];
      if (!slot || slot.job.kind !== kind) throw new Error(`no pending ${kind} job`);
      queue[head++] = undefined as never;
      if (head > 1024 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
      return (
        slot.worker < 0 ? unwrap(local.reply(slot.job)) : reply(wait(slot.worker))
      ) as Replies[K];
    },
    drain() {
      while (queue.length > head) {
        const slot = queue[head]!;
        queue[head++] = undefined as never;
        if (slot.worker >= 0) wait(slot.worker);
      }
    },
    broadcast(job) {
      if (queue.length > head) throw new Error('broadcast with jobs pending');
      replay = job;
      fed.reset(job);
      for (const port of ports) port.postMessage(job);
      for (let slot = 0; slot < ports.length; slot++) reply(wait(slot));
      unwrap(local.reply(job));
    },
    close() {
      for (const port of ports) port.close();
      for (const w of workers) void w.terminate();
    },
  };
}
