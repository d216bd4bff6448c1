import type { Entry } from 'har-format';
import type { EntryAnnotation, LogAnnotation } from '../annotation.ts';
import type { Profile } from '../profiles/schema.ts';
import { GENERATOR } from '../version.ts';
import { readableEntry } from './readable.ts';
import { LogRedaction, type RedactOptions } from './redact.ts';
import { Summarizer } from './summary.ts';

/** An entry redacted apart from its annotation (EntryFinisher.redactEntry): plain data. */
export interface RedactedPart {
  entry: Entry;
  /** What redaction removed from the entry, as paths. */
  notes: string[];
  /** What the log's summary reads of the redacted entry. */
  seen: Pick<Entry, 'startedDateTime'> & { request: Pick<Entry['request'], 'method' | 'url'> };
}

/** An entry as it leaves API Lens: the HAR entry with its annotation at `_apiLens`. */
export type AnnotatedEntry = Entry & { _apiLens: EntryAnnotation };

export interface WriteOptions {
  /** Remove credentials (default true: redaction is on unless the caller opts out). */
  redact?: boolean;
  redactOptions?: RedactOptions;
  /** The user's profiles: their key names are secrets too (annotateHar passes its own). */
  userProfiles?: readonly Profile[];
}

/** Sets a member even when its name is `__proto__` (a HAR may have one; it is data). */
export function put(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * Redacts annotated entries one at a time, records what was removed in `_apiLens.redacted`, and
 * builds `log._apiLens` as it goes (bounded: see Summarizer). Redaction comes before the
 * summary, so error groups are built from text that holds no secret. A secret found in one
 * entry is erased from every later one; `prime` (a log in memory) or `learn` (a first pass over
 * a stream) finds those of the whole log first, so that earlier entries are cleared of them too.
 */
export class EntryFinisher {
  private readonly summary = new Summarizer(GENERATOR);
  private readonly redaction: LogRedaction | undefined;
  private readonly found = new WeakMap<object, ReturnType<LogRedaction['find']>>();

  constructor(opts: WriteOptions = {}) {
    this.redaction =
      (opts.redact ?? true)
        ? new LogRedaction({ ...opts.redactOptions, userProfiles: opts.userProfiles ?? [] })
        : undefined;
  }

  /** Registers the secrets of every entry before any is finished. */
  prime(entries: readonly Entry[]): void {
    if (!this.redaction) return;
    for (const e of entries)
      if (typeof e === 'object' && e !== null) this.found.set(e, this.redaction.find(e));
  }

  /**
   * Registers one entry's secrets and keeps nothing: a first pass over a log too large to hold
   * (the CLI's stream) learns them all, then the second erases each from every entry.
   */
  learn(entry: Entry): void {
    if (this.redaction && typeof entry === 'object' && entry !== null) this.redaction.find(entry);
  }

  /** The log's other members (pages, comment, custom fields) with the log's secrets erased. */
  other<T>(value: T): T {
    return this.redaction ? this.redaction.other(value) : value;
  }

  finish(entry: Entry, annotation: EntryAnnotation, index: number): AnnotatedEntry {
    const part = this.redactEntry(entry);
    const done = { ...part.entry } as Record<string, unknown>;
    put(done, '_apiLens', this.complete(part, annotation, index));
    return done as unknown as AnnotatedEntry;
  }

  /**
   * `finish` for the entry alone: it needs no annotation, so it can run on another thread
   * (the CLI's workers) with the secrets registered there. `complete` does the rest in order.
   */
  redactEntry(entry: Entry): RedactedPart {
    let out = entry;
    let notes: string[] = [];
    if (this.redaction && typeof entry === 'object' && entry !== null) {
      const found = this.found.get(entry) ?? this.redaction.find(entry);
      this.found.delete(entry);
      ({ entry: out, notes } = this.redaction.finishEntry(found));
    }
    const r = readableEntry(out);
    return {
      entry: out,
      notes,
      seen: {
        startedDateTime: r.startedDateTime,
        request: { method: r.request.method, url: r.request.url },
      },
    };
  }

  /** The entry's annotation with the log's secrets erased and what was removed listed; summarised. */
  complete(
    part: Omit<RedactedPart, 'entry'>,
    annotation: EntryAnnotation,
    index: number,
  ): EntryAnnotation {
    let a = annotation;
    if (this.redaction) {
      const r = this.redaction.finishAnnotation(part.notes, annotation);
      const { redacted: _previous, ...rest } = r.annotation;
      a = { ...rest, ...(r.removed.length ? { redacted: r.removed } : {}) };
    }
    this.summary.add(part.seen as Entry, a, index);
    return a;
  }

  /** Hears each secret `learn` registers (a worker thread reports them to the main thread). */
  onRegister(listener: ((value: string, keyLike: boolean) => void) | undefined): void {
    this.redaction?.onRegister(listener);
  }

  /** Registers one secret found by `learn` on another thread (in file order). */
  register(value: string, keyLike: boolean): void {
    this.redaction?.register(value, keyLike);
  }

  /**
   * Whether redacting this entry (and its annotation's network text), or a member of the log
   * other than its entries, would erase a secret `known` rejects. Needs every secret of the log
   * registered first; false without redaction. (LogRedaction.meetsUnknown)
   */
  meetsUnknown(
    what: { entry: Entry; annotation: unknown } | { other: unknown },
    known: (value: string, index: number) => boolean,
  ): boolean {
    return this.redaction?.meetsUnknown(what, known) ?? false;
  }

  log(): LogAnnotation {
    return this.summary.toJSON(this.redaction !== undefined);
  }
}
