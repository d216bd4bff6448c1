import type { Entry } from 'har-format';
import type { EntryAnnotation, LogAnnotation } from '../annotation.ts';
import { createEngine, type Engine, type EngineOptions, type Prepared } from '../engine.ts';
import {
  type AnnotatedEntry,
  EntryFinisher,
  type RedactedPart,
  type WriteOptions,
} from './finisher.ts';
import { readableEntry, startTime, type Warn } from './readable.ts';
import { TimeOrder } from './time-order.ts';

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

/**
 * An entry prepared on another thread (the CLI's workers): its annotation before rate counting,
 * and the entry's redaction done there. `record` and `complete` finish it here, in order.
 */
export interface PreparedEntry {
  /** startTime() of its readable view (NaN when it does not parse). */
  time: number;
  prepared: Prepared;
  part: Omit<RedactedPart, 'entry'>;
}

type Pending<P> = ({ raw: Entry; view: Entry } | { done: P }) & { annotation?: EntryAnnotation };

/**
 * Annotates a HAR log one entry at a time (the CLI's path, streamed or whole). Entries are
 * counted by the rate tracker in start-time order within the reorder window (TimeOrder states
 * the invariant) and leave in file order, through `emit`. An entry whose start time does not
 * parse is counted at its place in the file.
 */
export class HarAnnotator<P extends PreparedEntry = PreparedEntry> {
  private readonly engine: Engine;
  private readonly finisher: EntryFinisher;
  private readonly order: TimeOrder<Pending<P>>;
  private lastTime = Number.NEGATIVE_INFINITY;
  /** Entries are taken to come in start-time order (`assumeInOrder`). */
  private assumed = false;
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
    /** Hears each `pushPrepared` entry, in file order, with its finished annotation. */
    emitPrepared?: (done: P, annotation: EntryAnnotation, index: number) => void,
  ) {
    this.engine = createEngine(opts);
    this.finisher = new EntryFinisher(opts);
    this.order = new TimeOrder<Pending<P>>(
      (p) => {
        p.annotation =
          'done' in p ? this.engine.record(p.done.prepared) : this.engine.annotate(p.view);
      },
      (p, i) => {
        if (!('done' in p)) emit(this.finisher.finish(p.raw, p.annotation!, i), i);
        else emitPrepared?.(p.done, this.finisher.complete(p.done.part, p.annotation!, i), i);
      },
      window.entries,
      window.chars,
      (next) => (this.assumed ? this.lastTime : this.times.earliestFrom(next)),
    );
  }

  /** `chars`: the entry's size in the input, for the window's bound. */
  push(raw: Entry, index: number, chars = 0): void {
    const view = readableEntry(raw, `log.entries[${index}]`, this.warn);
    const t = startTime(view);
    if (!Number.isNaN(t)) this.lastTime = t;
    this.order.push({ raw, view }, Number.isNaN(t) ? this.lastTime : t, chars);
  }

  /** `push` for an entry prepared elsewhere (its warnings were given there). */
  pushPrepared(done: P, chars = 0): void {
    const t = done.time;
    if (!Number.isNaN(t)) this.lastTime = t;
    this.order.push({ done }, Number.isNaN(t) ? this.lastTime : t, chars);
  }

  /** `learn` for an entry whose secrets and start time were found elsewhere (in file order). */
  learnFrom(values: readonly string[], keyLike: readonly boolean[], times: Float64Array): void {
    for (let i = 0; i < values.length; i++) this.finisher.register(values[i]!, keyLike[i]!);
    for (const t of times) this.times.add(t);
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

  /**
   * Counts each entry as soon as it is pushed, as if no later-listed entry started before it
   * (no first pass told otherwise). `inOrder` then says whether that held: a single pass checks it.
   */
  assumeInOrder(): void {
    this.assumed = true;
  }

  /** Whether every entry so far was counted in start-time order (TimeOrder.inOrder). */
  get inOrder(): boolean {
    return this.order.inOrder;
  }

  /** EntryFinisher.meetsUnknown, with the secrets this annotator registered. */
  meetsUnknown(
    what: Parameters<EntryFinisher['meetsUnknown']>[0],
    known: (value: string, index: number) => boolean,
  ): boolean {
    return this.finisher.meetsUnknown(what, known);
  }

  /** Emits what is still waiting and returns `log._apiLens`. */
  end(): LogAnnotation {
    this.order.end();
    return this.finisher.log();
  }
}
