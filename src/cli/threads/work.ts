import type { Entry } from 'har-format';
import { createEngine, type Engine, type EngineOptions, type Prepared } from '../../core/engine.ts';
import { EntryFinisher, type WriteOptions } from '../../core/har/annotate.ts';
import type { PreparedEntry } from '../../core/har/annotator.ts';
import { badEntry } from '../../core/har/parse.ts';
import { readableEntry, startTime } from '../../core/har/readable.ts';
import { stringifyIterative } from '../../core/json-text.ts';
import { HarSyntaxError, invalidJson } from '../har-parts.ts';
import { pretty } from '../pretty.ts';
import { mayNeedEscapes, terminalSafeJson } from '../terminal.ts';
import { type Job, type Reply, RING } from './protocol.ts';

/**
 * What a worker thread does with a batch of entries, as plain functions of plain data (the
 * thread itself is only transport: worker.ts). The main thread scans the file and keeps what
 * must happen in order (rate counting, the summary, writing); the rest happens here.
 */

/** Entries as the scanner found them: their UTF-8 bytes, end to end. */
export interface Batch {
  /** Index of the first entry in the log. */
  first: number;
  bytes: Uint8Array;
  /** Where each entry ends in `bytes`. */
  ends: Uint32Array;
  /** Where a parse error in each entry is reported (the scanner's position). */
  near: Float64Array;
  /** Secrets the main thread learnt that this worker was not sent yet (threads/feed.ts). */
  feed?: { values: string[]; keyLike: boolean[] };
}

/**
 * What a worker knew of the log's secrets as it annotated a batch, for the check that a single
 * pass was enough (cli/speculation.ts): the first `fed` secrets of the main thread's list, the
 * `extra` ones it had found itself and not yet been sent, and those it found in the batch, each
 * from entry `at` on.
 */
export interface Knew {
  fed: number;
  extra: string[];
  values: string[];
  keyLike: boolean[];
  at: number[];
}

/** A batch again, with what its worker knew when it annotated it (Replies.verify). */
export interface Check extends Batch {
  knew: Omit<Knew, 'keyLike'>;
}

/** The first pass over a batch: start times, and every secret `find` registered, in order. */
export interface Learnt {
  times: Float64Array;
  values: string[];
  keyLike: boolean[];
}

/** One entry of the second pass: everything but what needs the entries before it. */
export interface Done extends PreparedEntry {
  /** Its size in the input (the reorder window's weight). */
  bytes: number;
  /**
   * Where the redacted entry ends in the batch's `text`: its pretty JSON at its depth in the
   * document, terminal-safe, without its closing "\n      }" (the annotation is written after
   * it). -1 when the entry cannot take its annotation last (it has an `_apiLens` of its own, or
   * no members): then `json` holds it.
   */
  textEnd: number;
  json?: string;
  /** readableEntry's warnings: path, problem, path, problem… */
  warnings: string[];
}

/** A batch's second pass: its entries, and their texts end to end in UTF-8 (transferred). */
export interface Annotated {
  items: Done[];
  text: Uint8Array;
  knew: Knew;
}

export type Failure = { error: string; syntax: boolean };

// The end of a pretty entry at depth 3: "\n" and six spaces, then "}".
const ENTRY_CLOSE = '\n      }';

export class BatchWork {
  private engine: Engine;
  private finisher: EntryFinisher;
  private readonly text = new Utf8Ring();
  /** How many of the main thread's secrets this worker has (a broadcast, then its feeds). */
  private fed = 0;
  /** Secrets it found itself that the main thread has not sent back yet. */
  private readonly own = new Set<string>();

  constructor(private readonly opts: WriteOptions & EngineOptions) {
    this.engine = createEngine(opts);
    this.finisher = new EntryFinisher(opts);
  }

  /** Each entry, its index and its size. */
  private *entries(b: Batch): Generator<[unknown, number, number]> {
    let start = 0;
    // Decoded as the scanner decodes on one thread (Buffer's UTF-8, invalid bytes alike).
    const bytes = Buffer.from(b.bytes.buffer, b.bytes.byteOffset, b.bytes.length);
    for (let k = 0; k < b.ends.length; k++) {
      const end = b.ends[k]!;
      const text = bytes.toString('utf8', start, end);
      const size = end - start;
      start = end;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        throw invalidJson(b.near[k]!, e);
      }
      const bad = badEntry(value, b.first + k);
      if (bad) throw new HarSyntaxError(bad);
      yield [value, b.first + k, size];
    }
  }

  learn(b: Batch): Learnt {
    const out: Learnt = { times: new Float64Array(b.ends.length), values: [], keyLike: [] };
    this.finisher.onRegister((v, k) => {
      out.values.push(v);
      out.keyLike.push(k);
    });
    try {
      let k = 0;
      for (const [raw] of this.entries(b)) {
        this.finisher.learn(raw as Entry);
        out.times[k++] = startTime(raw);
      }
    } finally {
      this.finisher.onRegister(undefined);
    }
    return out;
  }

  /** Every secret of the log, as the main thread registered them: the second pass begins. */
  secrets(values: readonly string[], keyLike: readonly boolean[]): void {
    // A fresh finisher, so its secrets are exactly the main thread's, in the same order.
    this.finisher = new EntryFinisher(this.opts);
    for (let i = 0; i < values.length; i++) this.finisher.register(values[i]!, keyLike[i]!);
    this.fed = values.length;
    this.own.clear();
  }

  /** Registers what the main thread sent, and starts the batch's record of what was known. */
  private knowing(feed: Batch['feed']): Knew {
    if (feed) {
      for (let i = 0; i < feed.values.length; i++) {
        this.finisher.register(feed.values[i]!, feed.keyLike[i]!);
        this.own.delete(feed.values[i]!);
      }
      this.fed += feed.values.length;
    }
    return { fed: this.fed, extra: [...this.own], values: [], keyLike: [], at: [] };
  }

  /** A job done, or its failure, as the reply that crosses threads (worker, inline or test pool). */
  reply(job: Job): Reply {
    try {
      if (job.kind === 'learn') return { kind: job.kind, ok: this.learn(job.payload) };
      if (job.kind === 'annotate') return { kind: job.kind, ok: this.annotate(job.payload) };
      if (job.kind === 'verify') return { kind: job.kind, ok: this.verify(job.payload) };
      this.secrets(job.payload.values, job.payload.keyLike);
      return { kind: job.kind, ok: null };
    } catch (e) {
      return { kind: job.kind, failed: failure(e) };
    }
  }

  annotate(b: Batch): Annotated {
    const out: Done[] = [];
    const text = this.text;
    text.begin(b.bytes.length + (b.bytes.length >> 2) + 1024);
    const knew = this.knowing(b.feed);
    this.finisher.onRegister((v, k) => {
      knew.values.push(v);
      knew.keyLike.push(k);
      knew.at.push(out.length);
      this.own.add(v);
    });
    try {
      this.annotateEntries(b, out);
    } finally {
      this.finisher.onRegister(undefined);
    }
    return { items: out, text: text.bytes(), knew };
  }

  private annotateEntries(b: Batch, out: Done[]): void {
    const text = this.text;
    for (const [raw, index, bytes] of this.entries(b)) {
      const warnings: string[] = [];
      const view = readableEntry(raw, `log.entries[${index}]`, (path, problem) => {
        warnings.push(path, problem);
      });
      const prepared = this.engine.prepare(view);
      const { entry, ...part } = this.finisher.redactEntry(raw as Entry);
      const json = pretty(entry, 3);
      const done: Done = { time: startTime(view), prepared, part, bytes, warnings, textEnd: -1 };
      if (lastIsFree(entry) && json.endsWith(ENTRY_CLOSE))
        done.textEnd = text.put(json.slice(0, -ENTRY_CLOSE.length));
      else done.json = stringifyIterative(entry) ?? 'null';
      out.push(done);
    }
  }

  /**
   * With every secret of the log registered (a broadcast): the first entry of the batch whose
   * redaction would have erased one its worker did not know then, or -1.
   */
  verify(b: Check): number {
    const { fed, extra, values, at } = b.knew;
    const mine = new Set(extra);
    const from = new Map<string, number>();
    for (let i = 0; i < values.length; i++) if (!from.has(values[i]!)) from.set(values[i]!, at[i]!);
    let k = 0;
    for (const [raw] of this.entries(b)) {
      const known = (v: string, i: number) => i < fed || mine.has(v) || (from.get(v) ?? k + 1) <= k;
      const prepared = this.engine.prepare(readableEntry(raw));
      const annotation = annotationText(prepared);
      if (this.finisher.meetsUnknown({ entry: raw as Entry, annotation }, known)) return k;
      k++;
    }
    return -1;
  }
}

/**
 * Texts encoded end to end into memory shared with the main thread, one of RING buffers in
 * turn: the main thread has taken a reply before its worker writes that buffer again (pool.ts).
 */
class Utf8Ring {
  private readonly ring: SharedArrayBuffer[] = [];
  private turn = 0;
  private k = 0;
  private buf: Buffer = Buffer.alloc(0);
  private size = 0;

  /** Starts the next reply's text. */
  begin(capacity: number): void {
    this.k = this.turn++ % RING;
    if (!this.ring[this.k] || this.ring[this.k]!.byteLength < capacity)
      this.ring[this.k] = new SharedArrayBuffer(capacity);
    this.buf = Buffer.from(this.ring[this.k]!);
    this.size = 0;
  }

  /** Appends `text`, terminal-safe (terminalSafeJson); returns where it ends. */
  put(text: string): number {
    const start = this.size;
    this.encode(text);
    if (!mayNeedEscapes(this.buf.subarray(start, this.size))) return this.size;
    this.size = start;
    this.encode(terminalSafeJson(text));
    return this.size;
  }

  private encode(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const need = this.size + text.length * 3;
    if (need > this.buf.length) {
      const grown = Buffer.from(new SharedArrayBuffer(Math.max(need, this.buf.length * 2)));
      grown.set(this.buf.subarray(0, this.size));
      this.buf = grown;
      this.ring[this.k] = grown.buffer as SharedArrayBuffer;
    }
    // Buffer#write: five times TextEncoder#encodeInto's speed here (Node 20).
    this.size += this.buf.write(text, this.size, 'utf8');
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.size);
  }
}

/** The parts of a prepared annotation that hold network text (what redaction erases). */
function annotationText(p: Prepared): unknown {
  if ('failed' in p) return p.failed;
  return { ...p.head, ...p.tail, notes: [...p.notes[0], ...p.notes[1]] };
}

/** Whether `_apiLens` would be the entry's last member once added (the common case). */
function lastIsFree(entry: Entry): boolean {
  return !Object.hasOwn(entry, '_apiLens') && Object.keys(entry).length > 0;
}

/** A failure as it crosses threads: a HarSyntaxError stays one (the user's one-line error). */
export function failure(e: unknown): Failure {
  return { error: (e as Error)?.message ?? String(e), syntax: e instanceof HarSyntaxError };
}

/** A reply's result, or its failure thrown again on this side (a HarSyntaxError kept as one). */
export function unwrap(r: Reply): unknown {
  if ('failed' in r) {
    if (r.failed.syntax) throw new HarSyntaxError(r.failed.error);
    throw new Error(r.failed.error);
  }
  return r.ok;
}
