import type { Entry } from 'har-format';
import { z } from 'zod';
import type { EntryAnnotation } from '../../core/annotation.ts';
import type { Profile } from '../../core/profiles/schema.ts';
import { isPacked, type PackedEntry, unpackEntry } from './transfer.ts';

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
const isEntry = (v: unknown): v is Entry =>
  isObject(v) && isObject(v.request) && isObject(v.response);
const isAnnotation = (v: unknown): v is EntryAnnotation =>
  isObject(v) && v.v === 1 && isObject(v.status) && isObject(v.retry);

/**
 * An array whose items are checked (and, for packed entries, unpacked) by a plain loop: zod's
 * per-item parse of a 250-entry chunk cost the panel ~100 ms per message (CPU profile of the
 * bench's import), the very block the worker exists to remove. One schema per array, not item.
 */
function checkedArray<T>(what: string, item: (v: unknown) => T | undefined) {
  return z.custom<unknown[]>(Array.isArray, `expected an array of ${what}`).transform((xs, ctx) => {
    const out: T[] = new Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const v = item(xs[i]);
      if (v === undefined) {
        ctx.addIssue({ code: 'custom', message: `expected ${what} at ${i}` });
        return z.NEVER;
      }
      out[i] = v;
    }
    return out;
  }) as unknown as z.ZodType<T[], unknown[]>;
}
// An entry too deep for structured clone arrives as JSON text (transfer.ts): parsed here.
const entryOf = (v: unknown): Entry | undefined => {
  const e = isPacked(v) ? unpackEntry(v) : v;
  return isEntry(e) ? e : undefined;
};
const EntryShape = z.custom<unknown>().transform((v, ctx) => {
  const e = entryOf(v);
  if (e) return e;
  ctx.addIssue({ code: 'custom', message: 'expected a HAR entry' });
  return z.NEVER;
}) as unknown as z.ZodType<Entry, Entry | PackedEntry>;
const Entries = checkedArray('HAR entries', entryOf);
const Annotations = checkedArray('entry annotations', (v) => (isAnnotation(v) ? v : undefined));

/** An imported row: the entry, its annotation, and its URL's host and path (see `urlParts`). */
export interface RowItem {
  entry: Entry;
  annotation: EntryAnnotation;
  host: string;
  path: string;
}
const RowItems = checkedArray<RowItem>('imported rows', (v) => {
  if (!isObject(v) || !isAnnotation(v.annotation)) return undefined;
  if (typeof v.host !== 'string' || typeof v.path !== 'string') return undefined;
  const entry = entryOf(v.entry);
  return entry && { entry, annotation: v.annotation, host: v.host, path: v.path };
});
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
  z.object({ kind: z.literal('feed'), id: Id, entries: Entries }),
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
  z.object({
    kind: z.literal('annotation'),
    id: Id,
    annotation: z.custom<EntryAnnotation>(isAnnotation, 'expected an entry annotation'),
  }),
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
    items: RowItems,
  }),
  /** New annotations for the fed entries `from`, `from + 1`, … (in feed order). */
  z.object({
    kind: z.literal('annotations'),
    id: Id,
    from: Count,
    annotations: Annotations,
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
 * (measured with the panel's profiler: ~80 objects per entry with its annotation), so a chunk
 * of 100 costs ~8 ms on an idle machine and stays under the 50 ms goal on a loaded one.
 */
export const CHUNK_BYTES = 128 * 1024;
/** Entries per chunk, whatever their size. */
export const CHUNK_ENTRIES = 100;

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
  return [...chunks(items, size)];
}

/** `chunked`, one chunk at a time: the panel measures only what it is about to send. */
export function* chunks<T>(items: readonly T[], size: (item: T) => number): Generator<T[]> {
  let cur: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const b = size(item);
    if (cur.length > 0 && (cur.length >= CHUNK_ENTRIES || bytes + b > CHUNK_BYTES)) {
      yield cur;
      cur = [];
      bytes = 0;
    }
    cur.push(item);
    bytes += b;
  }
  if (cur.length) yield cur;
}
