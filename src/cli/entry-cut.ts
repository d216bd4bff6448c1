/**
 * HarScanner's quickSplit: where one entry ends and the next begins, learnt from the first two
 * and then found with one indexOf instead of a scan.
 *
 * Pretty-printed, "}", the bytes up to the next "{" (a comma, a newline, the indent) and that
 * "{" occur only between entries: a string holds no raw newline, and a deeper "{" is indented
 * further. Compact, `},{` starts every header too, so the next entry's first key must follow
 * (`},{"startedDateTime"`). Either can still be found inside an entry of an unusual file, so a
 * cut is only a guess that the entry's bytes parse as one JSON value: a wrong one leaves a
 * string open or a second value behind, and the parser then refuses it.
 */
export class EntryCut {
  private gap: number[] | undefined;
  private between: Buffer | undefined;
  private cut: Buffer | undefined;
  /** Entries cut (for tests). */
  cuts = 0;

  /** Whether entries can be cut yet. */
  get ready(): boolean {
    return this.cut !== undefined;
  }

  /** A byte the scanner read outside any value. */
  outside(b: number): void {
    this.gap?.push(b);
  }

  /** An entry begins at its "{" (already seen by `outside`). */
  entryBegins(): void {
    if (!this.gap) return;
    this.gap.pop();
    this.between = Buffer.from(this.gap);
    this.gap = undefined;
  }

  /** `log.entries` closed: nothing more to learn. */
  entriesEnd(): void {
    this.gap = undefined;
  }

  /** Entry `index` was read whole, as `raw`: entry 0 starts the gap, entry 1 completes the cut. */
  entryRead(raw: Buffer, index: number): void {
    if (index === 0) this.gap = [];
    if (index !== 1 || !this.between) return;
    const sep = Buffer.concat([Buffer.from('}'), this.between, Buffer.from('{')]);
    if (this.between.includes(0x0a)) {
      this.cut = sep;
      return;
    }
    // Compact: the first key of entry 1 as written, when it has no escapes.
    let k = 1;
    while (k < raw.length && (raw[k] === 0x20 || raw[k] === 0x09 || raw[k] === 0x0d)) k++;
    if (raw[k] !== 0x22) return;
    const close = raw.indexOf(0x22, k + 1);
    if (close < 0 || raw.subarray(k, close).includes(0x5c)) return;
    this.cut = Buffer.concat([sep, raw.subarray(1, close + 1)]);
  }

  /** Where the entry that starts at `start` ends (past its "}") in this chunk; -1 if not found. */
  find(chunk: Buffer, start: number): number {
    const at = chunk.indexOf(this.cut!, start);
    if (at < 0) return -1;
    this.cuts++;
    return at + 1;
  }
}
