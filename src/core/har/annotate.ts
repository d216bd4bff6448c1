import type { Entry, Har } from 'har-format';
import type { EntryAnnotation, LogAnnotation } from '../annotation.ts';
import { createEngine, type Engine, type EngineOptions } from '../engine.ts';
import type { Profile } from '../profiles/schema.ts';
import { GENERATOR } from '../version.ts';
import { readableEntry, startTime, type Warn } from './readable.ts';
import { LogRedaction, type RedactOptions } from './redact.ts';
import { Summarizer } from './summary.ts';
import { TimeOrder } from './time-order.ts';

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
function put(o: Record<string, unknown>, k: string, v: unknown): void {
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

  /** Registers one secret found by `learn` on another thread (in file order). */
  register(value: string, keyLike: boolean): void {
    this.redaction?.register(value, keyLike);
  }

  log(): LogAnnotation {
    return this.summary.toJSON(this.redaction !== undefined);
  }
}

/**
 * The log (or top-level object) with `key` replaced and `_apiLens` last: members keep the order
 * and content they had in the input; an `_apiLens` from an earlier run is replaced, not kept.
 */
export function withMember(
  base: Record<string, unknown>,
  key: string,
  value: unknown,
  apiLens?: LogAnnotation,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(base)) {
    if (apiLens && k === '_apiLens') continue;
    put(out, k, k === key ? value : base[k]);
  }
  if (apiLens) put(out, '_apiLens', apiLens);
  return out;
}

/**
 * Builds an exportable HAR from entries already annotated (the panel's path). `base` is the
 * log's other members (version, creator, pages, custom fields…), kept as they are.
 */
export function buildHar(
  items: readonly { entry: Entry; annotation: EntryAnnotation }[],
  opts: WriteOptions = {},
  base?: Omit<Har['log'], 'entries'>,
): Har {
  const finisher = new EntryFinisher(opts);
  finisher.prime(items.map((i) => i.entry));
  const entries = items.map(({ entry, annotation }, i) => finisher.finish(entry, annotation, i));
  const log = {
    version: '1.2',
    creator: { name: GENERATOR.name, version: GENERATOR.version },
    ...(finisher.other(base) as Record<string, unknown> | undefined),
    entries: [],
  };
  return { log: withMember(log, 'entries', entries, finisher.log()) as unknown as Har['log'] };
}

/** How far entries may be out of start-time order and still be counted in order (CLI stream). */
export const REORDER_WINDOW = { entries: 4096, chars: 64 * 1024 * 1024 };

/**
 * Start times gathered by a first pass, as the stream counts them (a time that does not parse is
 * its predecessor's), sealed into suffix minima: `earliestFrom(i)` is the earliest start among
 * entries i and after. 8 bytes an entry.
 */
class StartTimes {
  private times = new Float64Array(1024);
  private count = 0;
  private last = Number.NEGATIVE_INFINITY;
  private sealed = false;

  add(t: number): void {
    if (!Number.isNaN(t)) this.last = t;
    if (this.count === this.times.length) {
      const grown = new Float64Array(this.times.length * 2);
      grown.set(this.times);
      this.times = grown;
    }
    this.times[this.count++] = this.last;
  }

  seal(): void {
    for (let i = this.count - 2; i >= 0; i--)
      if (this.times[i + 1]! < this.times[i]!) this.times[i] = this.times[i + 1]!;
    this.sealed = true;
  }

  earliestFrom(i: number): number {
    if (!this.sealed) return Number.NEGATIVE_INFINITY;
    return i < this.count ? this.times[i]! : Number.POSITIVE_INFINITY;
  }
}

interface Pending {
  raw: Entry;
  view: Entry;
  annotation?: EntryAnnotation;
}

/**
 * Annotates a HAR log one entry at a time (the CLI's path, streamed or whole). Entries are
 * counted by the rate tracker in start-time order within the reorder window (TimeOrder states
 * the invariant) and leave in file order, through `emit`. An entry whose start time does not
 * parse is counted at its place in the file.
 */
export class HarAnnotator {
  private readonly engine: Engine;
  private readonly finisher: EntryFinisher;
  private readonly order: TimeOrder<Pending>;
  private lastTime = Number.NEGATIVE_INFINITY;
  /** From a first pass (`learn`): each entry's time, then the earliest from each index on. */
  private readonly times = new StartTimes();

  constructor(
    opts: WriteOptions & EngineOptions,
    emit: (entry: AnnotatedEntry, index: number) => void,
    window: { entries: number; chars: number } = {
      entries: Number.POSITIVE_INFINITY,
      chars: Number.POSITIVE_INFINITY,
    },
    private readonly warn?: Warn,
  ) {
    this.engine = createEngine(opts);
    this.finisher = new EntryFinisher(opts);
    this.order = new TimeOrder<Pending>(
      (p) => {
        p.annotation = this.engine.annotate(p.view);
      },
      (p, i) => emit(this.finisher.finish(p.raw, p.annotation!, i), i),
      window.entries,
      window.chars,
      (next) => this.times.earliestFrom(next),
    );
  }

  /** `chars`: the entry's size in the input, for the window's bound. */
  push(raw: Entry, index: number, chars = 0): void {
    const view = readableEntry(raw, `log.entries[${index}]`, this.warn);
    const t = startTime(view);
    if (!Number.isNaN(t)) this.lastTime = t;
    this.order.push({ raw, view }, Number.isNaN(t) ? this.lastTime : t, chars);
  }

  /** Finds the secrets of all these entries before any is emitted (a whole file in memory). */
  prime(entries: readonly Entry[]): void {
    this.finisher.prime(entries);
  }

  /**
   * Registers an entry's secrets and start time without annotating or emitting it (a first
   * pass, in file order). After `learnt()`, an entry is counted as soon as no later-listed one
   * started before it, so a file in start-time order holds no entry back.
   */
  learn(raw: Entry): void {
    this.finisher.learn(raw);
    this.times.add(startTime(raw));
  }

  learnt(): void {
    this.times.seal();
  }

  /** The log's other members with the secrets found so far erased. */
  other<T>(value: T): T {
    return this.finisher.other(value);
  }

  /** Emits what is still waiting and returns `log._apiLens`. */
  end(): LogAnnotation {
    this.order.end();
    return this.finisher.log();
  }
}

/** Annotates a whole HAR: the output is the input, every member kept, plus `_apiLens`. */
export function annotateHar(har: Har, opts: WriteOptions & EngineOptions = {}): Har {
  const entries: AnnotatedEntry[] = [];
  const annotator = new HarAnnotator(opts, (e) => entries.push(e));
  annotator.prime(har.log.entries);
  har.log.entries.forEach((e, i) => {
    annotator.push(e, i);
  });
  const summary = annotator.end();
  const log = withMember(annotator.other(har.log) as never, 'entries', entries, summary);
  return withMember(har as never, 'log', log) as unknown as Har;
}
