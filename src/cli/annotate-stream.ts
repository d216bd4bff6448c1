import type { Entry } from 'har-format';
import type { EntryAnnotation, LogAnnotation } from '../core/annotation.ts';
import type { EngineOptions } from '../core/engine.ts';
import {
  type AnnotatedEntry,
  HarAnnotator,
  REORDER_WINDOW,
  type WriteOptions,
} from '../core/har/annotate.ts';
import { put } from '../core/har/finisher.ts';
import { badEntry, Warnings } from '../core/har/parse.ts';
import { HarSyntaxError, onlyParts } from './har-parts.ts';
import { HarScanner } from './har-scanner.ts';
import { readChunks } from './io.ts';
import { pretty } from './pretty.ts';
import type { Speculation } from './speculation.ts';
import { Batcher } from './threads/batcher.ts';
import type { Pool } from './threads/pool.ts';
import type { Annotated, Done, Learnt } from './threads/work.ts';

/**
 * `apilens annotate` and `summary` over a HAR of any size: entries are read, annotated and
 * written one at a time (HarScanner, HarAnnotator), so memory grows with the largest entry and
 * the reorder window, not with the file (after the learning pass, only with the entries that
 * must wait for a later-listed one that started earlier). What it writes is byte for byte what
 * `JSON.stringify(annotateHar(har), null, 2)` writes for the same input (property-tested) as
 * long as entries are out of start-time order by fewer than the window (REORDER_WINDOW) and,
 * with redaction on, the input was first read through `learner()`: a secret is then erased from
 * the members and entries written before the entry that holds it, as annotateHar's first pass
 * does. Without that pass only what follows the secret's first appearance is cleared of it.
 */

export interface StreamOptions extends WriteOptions, EngineOptions {
  /** The reorder window; REORDER_WINDOW unless a test asks otherwise. */
  window?: { entries: number; chars: number };
  /** Largest single value read (an entry, or another member of the log). */
  maxValueBytes?: number;
  /** Hears each annotated entry, in file order (apilens check). Not with `pool`. */
  onEntry?: (entry: AnnotatedEntry, index: number) => void;
  /**
   * Worker threads that parse, annotate and redact the entries (threads/pool.ts), this thread
   * keeping what must happen in order: counting, the summary, writing. The output is the same.
   */
  pool?: Pool;
  /**
   * With a pool: one pass, its redaction checked afterwards (`verify`) instead of a first pass
   * that learns every secret (speculation.ts). Entries are counted as they come, taken to be in
   * start-time order; the first that is not stops the pass (OutOfOrder).
   */
  speculation?: Speculation;
  /**
   * Count each entry as it comes, taken to be in start-time order, instead of holding a reorder
   * window; the first entry that is not stops the pass (OutOfOrder), to be written again with
   * the window. Entries are cut quickly (HarScanner quickSplit). Implied by `speculation`.
   */
  inOrder?: boolean;
}

const NO_TIMES = new Float64Array(0);

/** A single pass met an entry that started before one already counted: it stops there. */
export class OutOfOrder extends Error {}

/** A worker's entry, with its text cut from the batch's. */
type Written = Done & { out?: Uint8Array; written?: boolean };

/** An entry a worker could not write the common way, with its annotation (pretty at depth 3). */
function entryText(done: Done, a: EntryAnnotation): string {
  const entry = { ...(JSON.parse(done.json!) as object) };
  put(entry, '_apiLens', a);
  return pretty(entry, 3);
}

/** Where the annotated HAR goes; none for `summary`. */
export type Sink = (text: string) => void;

/** Feeds chunks of a HAR in, writes the annotated HAR out. `end()` returns `log._apiLens`. */
export class AnnotateStream {
  private readonly scanner: HarScanner;
  private readonly annotator: HarAnnotator<Written>;
  /** With a pool: this pass's batches (learn, then annotate). */
  private batcher: Pick<Batcher<'learn'>, 'add' | 'finish'> | undefined;
  /** Each entry's size in bytes, from the first pass: the second reads entries without scanning them. */
  private sizes = new Uint32Array(1024);
  private entries = 0;
  /** With a pool: every secret the first pass found, in order, for the workers' second pass. */
  private readonly secrets = { values: [] as string[], keyLike: [] as boolean[] };
  private summary: LogAnnotation | undefined;
  private top = 0;
  private log = 0;
  private items = 0;
  readonly warnings = new Warnings();

  constructor(
    private readonly opts: StreamOptions,
    private readonly sink?: Sink,
    /** Where a worker's text goes (OutputStream.writeSafe); required with `opts.pool` and a sink. */
    private readonly sinkSafe?: (bytes: Uint8Array) => void,
  ) {
    const put = sink;
    this.annotator = new HarAnnotator(
      opts,
      (e, i) => {
        opts.onEntry?.(e, i);
        if (!put) return;
        put(`${this.items++ ? ',\n' : '\n'}      ${pretty(e, 3)}`);
      },
      opts.window ?? REORDER_WINDOW,
      this.warnings.add,
      (done, a) => {
        done.written = true;
        if (!sink) return;
        sink(this.items++ ? ',\n      ' : '\n      ');
        if (!done.out) return sink(entryText(done, a));
        this.sinkSafe!(done.out);
        sink(`,\n        "_apiLens": ${pretty(a, 4)}\n      }`);
      },
    );
    if (this.ordered) this.annotator.assumeInOrder();
    const pool = opts.pool;
    const annotating = pool
      ? new Batcher(pool, 'annotate', (items) => this.prepared(items))
      : undefined;
    const member = (level: 'top' | 'log', key: string, text: string) => {
      if (level === 'top') put?.(`${this.top++ ? ',\n' : '{\n'}  ${JSON.stringify(key)}: ${text}`);
      else put?.(`${this.log++ ? ',\n' : '\n'}    ${JSON.stringify(key)}: ${text}`);
    };
    this.scanner = new HarScanner(
      {
        member: (level, key, value) => {
          // An `_apiLens` from an earlier run is replaced by this run's, written last.
          if (level === 'log' && key === '_apiLens') return;
          if (!put) return;
          if (level === 'top') member(level, key, pretty(value, 1));
          else {
            // Pages, comment, creator, custom fields: the log's secrets erased (annotateHar's `other`).
            opts.speculation?.member([key, value]);
            const [k, v] = this.annotator.other([key, value]);
            member(level, k, pretty(v, 2));
          }
        },
        logStart: () => member('top', 'log', '{'),
        entriesStart: () => {
          member('log', 'entries', '[');
          this.batcher = annotating;
        },
        entry: (value, index, bytes) => {
          const bad = badEntry(value, index);
          if (bad) throw new HarSyntaxError(bad);
          this.annotator.push(value as Entry, index, bytes);
          this.checkOrder();
        },
        ...(pool ? { rawEntry: this.rawEntry, quickSplit: this.ordered } : {}),
        knownSize: this.knownSize,
        entriesEnd: () => {
          this.batcher?.finish();
          this.summary = this.annotator.end();
          put?.(this.items ? '\n    ]' : ']');
        },
        logEnd: () => {
          member('log', '_apiLens', pretty(this.summary, 2));
          put?.('\n  }');
        },
      },
      opts.maxValueBytes,
    );
  }

  /**
   * The first pass, for redaction: a reader of the same input that registers every entry's
   * secrets and writes nothing. Feed it the whole input and `end()` it before `write`.
   */
  /** With a pool: an entry's bytes go to the current pass's batch. */
  private readonly rawEntry = (bytes: Buffer, index: number, near: number) => {
    // A single pass records sizes as the first of two does: `verify` reads entries again.
    if (this.opts.speculation) this.sized(bytes.length);
    this.batcher!.add(bytes, index, near);
  };

  /** An entry's size from an earlier pass over the same input, if one read it. */
  private readonly knownSize = (i: number) => (i < this.entries ? this.sizes[i] : undefined);

  private sized(bytes: number): void {
    if (this.entries === this.sizes.length) {
      const grown = new Uint32Array(this.sizes.length * 2);
      grown.set(this.sizes);
      this.sizes = grown;
    }
    this.sizes[this.entries++] = bytes;
  }

  private learnt(l: Learnt): void {
    this.annotator.learnFrom(l.values, l.keyLike, l.times);
    for (let i = 0; i < l.values.length; i++) {
      this.secrets.values.push(l.values[i]!);
      this.secrets.keyLike.push(l.keyLike[i]!);
    }
  }

  private get ordered(): boolean {
    return this.opts.inOrder === true || this.opts.speculation !== undefined;
  }

  private checkOrder(): void {
    if (this.ordered && !this.annotator.inOrder)
      throw new OutOfOrder('an entry out of start-time order');
  }

  private prepared({ items, text, knew }: Annotated): void {
    // Stopped (OutOfOrder): the batches still pending are taken and dropped.
    if (this.ordered && !this.annotator.inOrder) return;
    const spec = this.opts.speculation;
    if (spec) {
      const fresh = spec.taken(knew, items.length);
      this.annotator.learnFrom(fresh.values, fresh.keyLike, NO_TIMES);
    }
    let start = 0;
    for (const item of items) {
      const d: Written = item;
      if (d.textEnd >= 0) {
        d.out = text.subarray(start, d.textEnd);
        start = d.textEnd;
      }
      for (let w = 0; w < d.warnings.length; w += 2)
        this.warnings.add(d.warnings[w]!, d.warnings[w + 1]!);
      this.annotator.pushPrepared(d, d.bytes);
      this.checkOrder();
    }
    // The worker reuses the batch's memory for a later reply: entries still waiting for one
    // that started earlier keep a copy.
    for (const item of items) {
      const d: Written = item;
      if (d.out && !d.written) d.out = Buffer.from(d.out);
    }
  }

  /**
   * Feeds the scanner (`end()` without a chunk). An error it finds is thrown only after the
   * batches already read: an earlier entry's own error is the one the user hears first.
   */
  private scan(scanner: HarScanner, chunk?: Buffer): void {
    try {
      if (chunk) scanner.write(chunk);
      else scanner.end();
    } catch (e) {
      this.batcher?.finish();
      throw e;
    }
  }

  learner(): { write(chunk: Buffer): void; end(): void } {
    const pool = this.opts.pool;
    const scanner = new HarScanner(
      onlyParts({
        entry: (value, index, bytes) => {
          const bad = badEntry(value, index);
          if (bad) throw new HarSyntaxError(bad);
          this.annotator.learn(value as Entry);
          this.sized(bytes);
        },
        ...(pool
          ? {
              rawEntry: (bytes: Buffer, index: number, near: number) => {
                this.rawEntry(bytes, index, near);
                this.sized(bytes.length);
              },
            }
          : {}),
      }),
      this.opts.maxValueBytes,
    );
    if (pool) this.batcher = new Batcher(pool, 'learn', (l) => this.learnt(l));
    return {
      write: (chunk) => this.scan(scanner, chunk),
      end: () => {
        this.scan(scanner);
        this.batcher?.finish();
        this.batcher = undefined;
        this.annotator.learnt();
        pool?.broadcast({ kind: 'secrets', payload: this.secrets });
      },
    };
  }

  write(chunk: Buffer): void {
    this.scan(this.scanner, chunk);
  }

  /**
   * After `end()` of a single pass (`speculation`): whether what it wrote stands, `path` being
   * read again where needed (Speculation.holds). When it does not, write the log again in two
   * passes, with a new AnnotateStream.
   */
  verify(path: string): boolean {
    const spec = this.opts.speculation!;
    return spec.holds(this.annotator, (visit) => {
      let going = true;
      const scanner = new HarScanner(
        onlyParts({
          rawEntry: (bytes, index, near) => {
            if (going) going = visit(bytes, index, near);
          },
          knownSize: this.knownSize,
        }),
        this.opts.maxValueBytes,
      );
      readChunks(path, (chunk) => {
        scanner.write(chunk);
        return going;
      });
    });
  }

  end(): LogAnnotation {
    this.scan(this.scanner);
    this.sink?.('\n}\n');
    return this.summary!;
  }
}
