import type { Entry } from 'har-format';
import { z } from 'zod';
import type { EntryAnnotation } from '../../core/annotation.ts';
import type { Profile } from '../../core/profiles/schema.ts';
import { isPacked, unpackEntry } from './transfer.ts';

/**
 * The one contract between the panel and its worker (panel.worker.ts): every message is
 * zod-parsed on receive, in both directions, like the extension's message contract
 * (core/messages.ts). The envelope is checked in full; bulky payloads (HAR entries, profiles,
 * annotations) are checked for shape only, since both ends run the same bundle and a deep
 * parse of 50,000 entries on the panel's thread would cost the very block the worker removes.
 *
 * Jobs (import, export, reannotate) run in a worker of their own, terminated on cancel.
 * Results come back in chunks the panel pulls with `next`, so it never receives more than it
 * can apply between two frames.
 */

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
// An entry too deep for structured clone arrives as JSON text (transfer.ts): parsed here.
const EntryShape = z.preprocess(
  (v) => (isPacked(v) ? unpackEntry(v) : v),
  z.custom<Entry>(
    (v) => isObject(v) && isObject(v.request) && isObject(v.response),
    'expected a HAR entry',
  ),
);
const AnnotationShape = z.custom<EntryAnnotation>(
  (v) => isObject(v) && v.v === 1 && isObject(v.status) && isObject(v.retry),
  'expected an entry annotation',
);
const ProfileShape = z.custom<Profile>(
  (v) => isObject(v) && typeof v.id === 'string',
  'expected a profile',
);
const BlobShape = z.custom<Blob>((v) => typeof Blob !== 'undefined' && v instanceof Blob);
const Id = z.number().int().nonnegative();
const Count = z.number().int().nonnegative();
const Body = z.object({ text: z.string().nullable(), encoding: z.string().optional() });

export const ToWorker = z.discriminatedUnion('kind', [
  /** Decode one large body (the live session counted it already). */
  z.object({
    kind: z.literal('decode'),
    id: Id,
    entry: EntryShape,
    body: Body,
    userProfiles: z.array(ProfileShape),
  }),
  /** Pretty-print a body for the detail pane. */
  z.object({ kind: z.literal('format'), id: Id, text: z.string(), mimeType: z.string() }),
  /** Read, validate and annotate a HAR file; rows follow in chunks. */
  z.object({
    kind: z.literal('import'),
    id: Id,
    file: BlobShape,
    userProfiles: z.array(ProfileShape),
  }),
  /** Entries for the job `id`, sent in slices before `export` or `reannotate`. */
  z.object({ kind: z.literal('feed'), id: Id, entries: z.array(EntryShape) }),
  /**
   * Annotate the fed entries as `apilens annotate` does and write the HAR file; with `file` (an
   * imported session exported whole), annotate that file instead, every member kept.
   */
  z.object({
    kind: z.literal('export'),
    id: Id,
    redact: z.boolean(),
    userProfiles: z.array(ProfileShape),
    file: BlobShape.optional(),
  }),
  /** Annotate the fed entries again (in start-time order, a fresh engine). */
  z.object({ kind: z.literal('reannotate'), id: Id, userProfiles: z.array(ProfileShape) }),
  /** The panel applied the last chunk: send the next one. */
  z.object({ kind: z.literal('next'), id: Id }),
]);
export type ToWorker = z.infer<typeof ToWorker>;
/** What is posted: entries may still be packed (transfer.ts). */
export type ToWorkerWire = z.input<typeof ToWorker>;

export const Phase = z.enum(['sending', 'reading', 'parsing', 'annotating', 'writing', 'applying']);
export type Phase = z.infer<typeof Phase>;

export const FromWorker = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('annotation'), id: Id, annotation: AnnotationShape }),
  z.object({ kind: z.literal('formatted'), id: Id, text: z.string(), json: z.boolean() }),
  z.object({
    kind: z.literal('progress'),
    id: Id,
    phase: Phase,
    done: Count,
    total: Count,
  }),
  /** Imported entries with their annotations, in start-time order. */
  z.object({
    kind: z.literal('rows'),
    id: Id,
    items: z.array(z.object({ entry: EntryShape, annotation: AnnotationShape })),
  }),
  /** New annotations for the fed entries `from`, `from + 1`, … (in feed order). */
  z.object({
    kind: z.literal('annotations'),
    id: Id,
    from: Count,
    annotations: z.array(AnnotationShape),
  }),
  /** The exported file, as a Blob: handed over without copying its text. */
  z.object({ kind: z.literal('file'), id: Id, blob: BlobShape, entries: Count }),
  /** The job finished; `rate` is the worker engine's tracker (RateTracker.toJSON). */
  z.object({ kind: z.literal('done'), id: Id, total: Count, rate: z.unknown().optional() }),
  z.object({ kind: z.literal('error'), id: Id, message: z.string() }),
]);
export type FromWorker = z.infer<typeof FromWorker>;
/** What is posted: entries may still be packed (transfer.ts). */
export type FromWorkerWire = z.input<typeof FromWorker>;

/**
 * Payload per chunk: what the panel can deserialize and apply well inside a frame. A message's
 * data is deserialized on the receiving thread in one go, about 1 µs per object in Chromium
 * (measured with the panel's profiler: ~40 objects per HAR entry), so chunks stay small.
 */
export const CHUNK_BYTES = 256 * 1024;
/** Entries per chunk, whatever their size. */
export const CHUNK_ENTRIES = 250;

/** A cheap size estimate of an entry's captured data, in UTF-16 code units. */
export function entryChars(entry: Entry): number {
  let n = entry.request.url.length + (entry.request.postData?.text?.length ?? 0);
  n += entry.response.content.text?.length ?? 0;
  for (const h of entry.request.headers) n += h.name.length + h.value.length;
  for (const h of entry.response.headers) n += h.name.length + h.value.length;
  return n + 200; // the fixed members (timings, sizes, status line)
}

/** Splits `items` into chunks of at most CHUNK_ENTRIES items and about CHUNK_BYTES. */
export function chunked<T>(items: readonly T[], size: (item: T) => number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const b = size(item);
    if (cur.length > 0 && (cur.length >= CHUNK_ENTRIES || bytes + b > CHUNK_BYTES)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(item);
    bytes += b;
  }
  if (cur.length) out.push(cur);
  return out;
}
