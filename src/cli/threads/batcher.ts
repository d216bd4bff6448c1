import type { Pool } from './pool.ts';
import type { Replies } from './protocol.ts';

/**
 * Gathers entries' bytes, as the scanner hands them over, into batches (Pool.batchBytes) for
 * the pool, and hands each batch's reply on in file order. At most `inFlight` batches wait at a
 * time, so memory holds a few megabytes of entries however large the file. An entry of
 * INLINE_BYTES or more goes alone and is done on this thread: copying it to a worker would
 * double its memory for little gain.
 */
const BATCH_ENTRIES = 1024;
export const INLINE_BYTES = 8 << 20;
// An input whose entries all fit in one batch is done on this thread: starting workers costs more.

export class Batcher<K extends 'learn' | 'annotate'> {
  private buf: Uint8Array = new Uint8Array(0);
  private size = 0;
  private ends: number[] = [];
  private near: number[] = [];
  private first = 0;

  constructor(
    private readonly pool: Pool,
    private readonly kind: K,
    private readonly onReply: (reply: Replies[K]) => void,
  ) {}

  add(bytes: Uint8Array, index: number, near: number): void {
    if (bytes.length >= INLINE_BYTES) {
      this.flush();
      this.send(bytes.slice(), index, [bytes.length], [near], true);
      return;
    }
    if (this.size + bytes.length > this.buf.length) {
      this.flush();
      this.buf = this.pool.slot(Math.max(this.pool.batchBytes, bytes.length));
    }
    if (this.ends.length === 0) this.first = index;
    this.buf.set(bytes, this.size);
    this.size += bytes.length;
    this.ends.push(this.size);
    this.near.push(near);
    if (this.size >= this.pool.batchBytes || this.ends.length >= BATCH_ENTRIES) this.flush();
  }

  /** Sends what is gathered, and takes replies until at most `inFlight` batches wait. */
  flush(): void {
    if (this.ends.length > 0) {
      // The batch is in memory shared with its worker: the next one gets the next slot.
      this.send(this.buf.subarray(0, this.size), this.first, this.ends, this.near, false);
      this.buf = new Uint8Array(0);
      this.size = 0;
      this.ends = [];
      this.near = [];
    }
    while (this.pool.pending > this.pool.inFlight) this.onReply(this.pool.take(this.kind));
  }

  /** Everything sent and every reply handed on. */
  finish(): void {
    if (!this.pool.started && this.ends.length > 0) {
      this.send(this.buf.slice(0, this.size), this.first, this.ends, this.near, true);
      this.ends = [];
      this.near = [];
      this.size = 0;
    }
    this.flush();
    while (this.pool.pending > 0) this.onReply(this.pool.take(this.kind));
  }

  private send(bytes: Uint8Array, first: number, ends: number[], near: number[], inline: boolean) {
    const payload = { first, bytes, ends: Uint32Array.from(ends), near: Float64Array.from(near) };
    this.pool.send({ kind: this.kind, payload } as never, inline);
  }
}
