import { debuglog } from 'node:util';
import type { HarAnnotator } from '../core/har/annotator.ts';
import { SecretValues } from '../core/har/redact/secrets.ts';
import type { Pool } from './threads/pool.ts';
import type { Knew } from './threads/work.ts';

/**
 * One pass instead of two, checked afterwards. Redaction must erase every secret of the log
 * from every entry, including entries listed before the one that revealed it; the safe way
 * reads the input twice (learn every secret, then annotate). Most logs reveal their secrets
 * early, so `apilens annotate` first writes in one pass, each worker erasing the secrets known
 * so far, and records what each batch's worker knew; entries are counted as they come. Then it
 * checks: the pass stands only if
 *  - every entry started no earlier than the one before it (else the pass stops there),
 *  - no secret's forms collide with another's and no value was registered both as a key and not,
 *  - no batch or log member holds a secret that its redaction did not know, found by redacting
 *    again, with every secret known, only the batches written before their last secret arrived.
 * Otherwise the output is written again the safe way. Either way it is byte for byte what
 * `annotateHar` writes (property-tested).
 */

/** A batch as one pass annotated it: where it is in the log, and what its worker knew. */
interface Written extends Knew {
  first: number;
  count: number;
}

const debug = debuglog('apilens');

type Visit = (bytes: Buffer, index: number, near: number) => boolean;

export class Speculation {
  /** The log's secrets in the order the main thread registered them (the workers' `fed` order). */
  private readonly values: string[] = [];
  private readonly keyLike: boolean[] = [];
  private readonly index = new SecretValues();
  private readonly batches: Written[] = [];
  private readonly members: { value: unknown; known: number }[] = [];
  private entries = 0;
  private mixedKinds = false;
  /** Why the pass did not stand (for tests and NODE_DEBUG); undefined when it did. */
  failed: string | undefined;

  constructor(private readonly pool: Pool) {}

  /**
   * A batch's reply, in file order: its secrets new to the log join the list and go out to the
   * workers with their next jobs. Returns those new ones, for this thread's annotator.
   */
  taken(knew: Knew, count: number): { values: string[]; keyLike: boolean[] } {
    const fresh = { values: [] as string[], keyLike: [] as boolean[] };
    for (let i = 0; i < knew.values.length; i++) {
      const v = knew.values[i]!;
      const k = knew.keyLike[i]!;
      const at = this.index.indexOf(v);
      if (at !== undefined) {
        // Replaced by a key's mark in one batch and by [REDACTED] in another.
        if (this.keyLike[at] !== k) this.mixedKinds = true;
        continue;
      }
      this.index.add(v, k);
      this.values.push(v);
      this.keyLike.push(k);
      fresh.values.push(v);
      fresh.keyLike.push(k);
    }
    this.pool.feed(fresh.values, fresh.keyLike);
    this.batches.push({ ...knew, first: this.entries, count });
    this.entries += count;
    return fresh;
  }

  /** A log member (pages, comment…) as read, before its redaction with the secrets known now. */
  member(value: unknown): void {
    this.members.push({ value, known: this.values.length });
  }

  /** Whether some secret of the log was unknown to the batch's worker for some of its entries. */
  private late(b: Written): boolean {
    const late = this.values.length - b.fed;
    if (late <= 0) return false;
    const knownAll = new Set<string>();
    const add = (v: string) => {
      const i = this.index.indexOf(v);
      if (i !== undefined && i >= b.fed) knownAll.add(v);
    };
    for (const v of b.extra) add(v);
    for (let i = 0; i < b.values.length; i++) if (b.at[i] === 0) add(b.values[i]!);
    return knownAll.size < late;
  }

  /**
   * Whether the pass stands (see above). `reread` reads the input's entries again, in order,
   * until `visit` returns false. Workers are left knowing every secret of the log.
   */
  holds(
    annotator: Pick<HarAnnotator, 'inOrder' | 'meetsUnknown'>,
    reread: (visit: Visit) => void,
  ): boolean {
    this.failed = !annotator.inOrder
      ? 'an entry out of start-time order'
      : this.mixedKinds
        ? 'a value registered both as a key and not'
        : this.index.sharedForms > 0
          ? 'two secrets share a form'
          : this.members.some(
                (m) =>
                  m.known < this.values.length &&
                  annotator.meetsUnknown({ other: m.value }, (_, i) => i < m.known),
              )
            ? 'a log member holds a secret found later'
            : undefined;
    if (this.failed) return false;
    const late = this.batches.filter((b) => this.late(b));
    debug('%d of %d batches to check again', late.length, this.batches.length);
    if (late.length === 0) return true;
    this.pool.broadcast({
      kind: 'secrets',
      payload: { values: this.values, keyLike: this.keyLike },
    });
    if (!this.check(late, reread)) this.failed = 'an entry holds a secret found later';
    return this.failed === undefined;
  }

  /** Sends each late batch to be redacted again with every secret known; false at the first miss. */
  private check(late: Written[], reread: (visit: Visit) => void): boolean {
    const pool = this.pool;
    let ok = true;
    const take = (most: number) => {
      while (pool.pending > most) if (pool.take('verify') >= 0) ok = false;
    };
    let k = 0;
    let parts: Buffer[] = [];
    let ends: number[] = [];
    let near: number[] = [];
    let size = 0;
    reread((bytes, index, at) => {
      const b = late[k]!;
      if (index < b.first) return true;
      parts.push(Buffer.from(bytes));
      size += bytes.length;
      ends.push(size);
      near.push(at);
      if (index < b.first + b.count - 1) return true;
      const slot = pool.started ? pool.slot(size) : new Uint8Array(size);
      let o = 0;
      for (const p of parts) {
        slot.set(p, o);
        o += p.length;
      }
      const knew = { fed: b.fed, extra: b.extra, values: b.values, at: b.at };
      const payload = {
        first: b.first,
        bytes: slot.subarray(0, size),
        ends: Uint32Array.from(ends),
        near: Float64Array.from(near),
        knew,
      };
      pool.send({ kind: 'verify', payload }, !pool.started);
      parts = [];
      ends = [];
      near = [];
      size = 0;
      take(pool.inFlight);
      return ok && ++k < late.length;
    });
    take(0);
    return ok && k === late.length;
  }
}
