import type { MessagePort } from 'node:worker_threads';
import { z } from 'zod';
import type { Annotated, Batch, Check, Failure, Learnt } from './work.ts';

/**
 * The messages between the CLI's main thread and its worker threads, one map from kind to
 * payload. Both ends are this program, so only the envelope is checked on receive (zod): the
 * payloads are large (a megabyte of entries) and were built by our own code a moment before.
 */
/** Jobs pending per worker (at most); each worker has one more slot of memory each way. */
export const IN_FLIGHT_PER_THREAD = 2;
export const RING = IN_FLIGHT_PER_THREAD + 1;

export interface Jobs {
  learn: Batch;
  secrets: { values: string[]; keyLike: boolean[] };
  annotate: Batch;
  /** Whether a batch written before all secrets were known holds one it did not know. */
  verify: Check;
}

export interface Replies {
  learn: Learnt;
  secrets: null;
  annotate: Annotated;
  /** The first entry (index in the batch) that holds a secret unknown when it was written; -1. */
  verify: number;
}

export type Job = { [K in keyof Jobs]: { kind: K; payload: Jobs[K] } }[keyof Jobs];
export type Reply<K extends keyof Jobs = keyof Jobs> =
  | { kind: K; ok: Replies[K] }
  | { kind: K; failed: Failure };

const KINDS = ['learn', 'secrets', 'annotate', 'verify'] as const;
const envelope = z.object({ kind: z.enum(KINDS) }).passthrough();
const reply = z.union([
  z.object({ kind: z.enum(KINDS), ok: z.unknown() }),
  z.object({
    kind: z.enum(KINDS),
    failed: z.object({ error: z.string(), syntax: z.boolean() }),
  }),
]);

export const parseJob = (m: unknown): Job => envelope.parse(m) as Job;
export const parseReply = (m: unknown): Reply => reply.parse(m) as Reply;

/** What a worker is started with: the options it annotates with, and where it reports. */
export interface WorkerSetup {
  role: 'apilens-annotate';
  /** The CLI's profile sources, read again in the worker (compiled profiles are not clonable). */
  profiles: string | undefined;
  openapi: string[] | undefined;
  redact: boolean;
  /** Jobs arrive and replies leave here (the main thread reads its end synchronously). */
  port: MessagePort;
  /** Incremented by the worker after each reply: the main thread waits on it. */
  signal: Int32Array;
  slot: number;
}
