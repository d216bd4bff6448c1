import { printable } from '../core/har/parse.ts';
import { EntryCut } from './entry-cut.ts';
import { type HarParts, HarSyntaxError, invalidJson } from './har-parts.ts';
import { C, isSpace, ValueEnd } from './value-end.ts';

/**
 * Reads a HAR document from UTF-8 bytes in chunks and hands over its parts one at a time: each
 * `log.entries[i]` as a value, and every other member of `log` and of the top-level object as a
 * value with its key. Only one value is held at a time, so memory grows with the largest entry,
 * not with the file.
 *
 * It only finds where values begin and end (tracking strings, escapes and nesting, jumping
 * through strings with indexOf) and hands each value's bytes to JSON.parse: the generic
 * streaming JSON parsers on npm build every value in JavaScript, one character at a time, and
 * measured 5 to 10 times slower than JSON.parse on HAR files (see the commit that added this).
 */

// Where the outer reader is: levels are the top object (0), `log` (1) and `log.entries` (2).
type Expect = 'start' | 'key' | 'colon' | 'value' | 'next' | 'done';

export const MAX_VALUE_BYTES = 512 * 1024 * 1024; // about V8's longest string

export class HarScanner {
  private expect: Expect = 'start';
  private level = 0;
  private key = '';
  private first = true; // no member/item read yet at this level
  private sawLog = false;
  private sawEntries = false;
  private readonly keys: Set<string>[] = [new Set(), new Set()];
  private index = 0;
  private offset = 0; // bytes before the current chunk
  private bom = 0;

  // The value being captured: its bytes so far, and the scanner's state inside it.
  private parts: Buffer[] = [];
  private size = 0;
  private capturing: 'key' | 'value' | undefined;
  private readonly valueEnd = new ValueEnd((b, i) => this.invalid(b, i));
  private known = -1; // the entry's size from a first pass, or -1
  /** quickSplit: where entries end, once the first two are read (entry-cut.ts). */
  readonly cut: EntryCut | undefined;
  private quick = false;

  constructor(
    private readonly on: HarParts,
    private readonly maxValueBytes = MAX_VALUE_BYTES,
  ) {
    this.cut = on.quickSplit && on.rawEntry ? new EntryCut() : undefined;
  }

  write(chunk: Buffer): void {
    let i = 0;
    if (this.bom < 3) i = this.skipBom(chunk);
    const n = chunk.length;
    while (i < n) {
      if (this.capturing) {
        i = this.capture(chunk, i);
        continue;
      }
      const b = chunk[i]!;
      this.cut?.outside(b);
      if (isSpace(b)) {
        i++;
        continue;
      }
      this.structural(b, i);
      if (this.capturing) continue; // the value starts at i: capture() reads it
      i++;
    }
    this.offset += n;
  }

  end(): void {
    if (this.capturing === 'value' && this.valueEnd.endsAtEof) this.finishValue();
    if (this.expect === 'start') throw new HarSyntaxError('not a HAR file: the input is empty');
    if (this.expect !== 'done' || this.capturing)
      throw new HarSyntaxError('not a HAR file: invalid JSON (the input ends too early)');
  }

  private skipBom(chunk: Buffer): number {
    const bom = [0xef, 0xbb, 0xbf];
    let i = 0;
    while (this.bom < 3 && i < chunk.length && chunk[i] === bom[this.bom]) {
      this.bom++;
      i++;
    }
    if (this.bom > 0 && this.bom < 3 && i < chunk.length) throw this.invalid(chunk[i]!, i);
    if (this.bom === 0) this.bom = 3; // no BOM
    return i;
  }

  private invalid(b: number, at: number): HarSyntaxError {
    const ch = b >= 0x20 && b < 0x7f ? `"${String.fromCharCode(b)}"` : `byte 0x${b.toString(16)}`;
    return new HarSyntaxError(
      `not a HAR file: invalid JSON (unexpected ${ch} at byte ${this.offset + at})`,
    );
  }

  /** One structural byte outside any captured value. */
  private structural(b: number, i: number): void {
    switch (this.expect) {
      case 'start':
        if (b !== C.OpenObj) {
          if (
            b === C.OpenArr ||
            b === C.Quote ||
            b === 0x2d ||
            (b >= 0x30 && b <= 0x39) ||
            b === 0x74 ||
            b === 0x66 ||
            b === 0x6e
          )
            throw new HarSyntaxError('not a HAR file: expected a JSON object with a "log" member');
          throw this.invalid(b, i);
        }
        this.expect = 'key';
        this.first = true;
        return;
      case 'key':
        if (b === C.CloseObj && this.first) {
          this.close();
          return;
        }
        if (b !== C.Quote) throw this.invalid(b, i);
        {
          this.begin('key');
          return;
        }
      case 'colon':
        if (b !== C.Colon) throw this.invalid(b, i);
        this.expect = 'value';
        return;
      case 'value':
        if (this.level === 2) {
          if (b === C.CloseArr && this.first) {
            this.close();
            return;
          }
          if (b !== C.OpenObj)
            throw new HarSyntaxError(
              `invalid HAR at log.entries[${this.index}]: expected an object`,
            );
          this.begin('value');
          return;
        }
        if (this.level === 0 && this.key === 'log') {
          if (b !== C.OpenObj) throw new HarSyntaxError('invalid HAR at log: expected an object');
          this.sawLog = true;
          this.level = 1;
          this.expect = 'key';
          this.first = true;
          this.on.logStart();
          return;
        }
        if (this.level === 1 && this.key === 'entries') {
          if (b !== C.OpenArr)
            throw new HarSyntaxError('invalid HAR at log.entries: expected an array of entries');
          this.sawEntries = true;
          this.level = 2;
          this.expect = 'value';
          this.first = true;
          this.on.entriesStart();
          return;
        }
        {
          this.begin('value');
          return;
        }
      case 'next':
        if (b === C.Comma) {
          this.expect = this.level === 2 ? 'value' : 'key';
          return;
        }
        if (b === (this.level === 2 ? C.CloseArr : C.CloseObj)) {
          this.close();
          return;
        }
        throw this.invalid(b, i);
      case 'done':
        throw this.invalid(b, i);
    }
  }

  /** Closes the current level (`}` or `]`). */
  private close(): void {
    if (this.level === 2) {
      this.cut?.entriesEnd();
      this.on.entriesEnd();
      this.level = 1;
    } else if (this.level === 1) {
      if (!this.sawEntries)
        throw new HarSyntaxError('invalid HAR at log.entries: expected an array of entries');
      this.on.logEnd();
      this.level = 0;
    } else {
      if (!this.sawLog)
        throw new HarSyntaxError('not a HAR file: the top-level "log" member is missing');
      this.expect = 'done';
      return;
    }
    this.expect = 'next';
    this.first = false;
  }

  private begin(what: 'key' | 'value'): void {
    this.known = (this.level === 2 && this.on.knownSize?.(this.index)) || -1;
    const entry = this.level === 2 && what === 'value';
    if (entry) this.cut?.entryBegins();
    this.quick = entry && this.known < 0 && this.cut?.ready === true;
    this.capturing = what;
    this.parts = [];
    this.size = 0;
    this.valueEnd.reset();
  }

  /** Reads the captured value from `i`; returns where it stopped (the chunk's end, or past the value). */
  private capture(chunk: Buffer, start: number): number {
    let i = start;
    const n = chunk.length;
    let done = -1;
    if (this.known > 0) {
      // Its size is known: its end is too (a parse elsewhere checks its JSON).
      i = Math.min(n, start + this.known - this.size);
      if (this.size + (i - start) === this.known) done = i;
    } else if (this.quick) {
      // Where the text between entries recurs in this chunk: the entry ends at its "}". If it
      // does not, the entry is scanned (it starts at `start`: nothing of it is read yet).
      this.quick = false;
      const end = this.cut!.find(chunk, start);
      if (end >= 0) {
        this.size = end - start;
        if (this.size > this.maxValueBytes) throw this.tooLarge();
        this.parts.push(chunk.subarray(start, end));
        this.finishValue();
        return end;
      }
    }
    if (this.known < 0) done = this.valueEnd.find(chunk, i);
    const end = done < 0 ? n : done;
    if (end > start) {
      this.size += end - start;
      if (this.size > this.maxValueBytes) throw this.tooLarge();
      this.parts.push(chunk.subarray(start, end));
    }
    if (done >= 0) this.finishValue();
    else if (end > start)
      // The reader reuses the chunk's memory: keep a copy of the part still in progress.
      this.parts[this.parts.length - 1] = Buffer.from(this.parts.at(-1)!);
    return end;
  }

  private tooLarge(): HarSyntaxError {
    const where =
      this.level === 2
        ? `log.entries[${this.index}]`
        : this.level === 1
          ? `log.${this.key}`
          : this.key;
    return new HarSyntaxError(
      `${where || 'a member'} is larger than ${this.maxValueBytes / (1024 * 1024)} MiB: too large to read`,
    );
  }

  private finishValue(): void {
    const bytes = this.size;
    if (this.level === 2 && this.capturing === 'value' && this.on.rawEntry) {
      const raw = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
      this.parts = [];
      this.capturing = undefined;
      this.first = false;
      this.expect = 'next';
      this.cut?.entryRead(raw, this.index);
      this.on.rawEntry(raw, this.index++, this.offset);
      return;
    }
    const text = (this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts)).toString(
      'utf8',
    );
    this.parts = [];
    const what = this.capturing;
    this.capturing = undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw invalidJson(this.offset, e);
    }
    if (what === 'key') {
      if (typeof value !== 'string')
        throw new HarSyntaxError('not a HAR file: invalid JSON (a member name)');
      const seen = this.keys[this.level]!;
      if (seen.has(value))
        throw new HarSyntaxError(
          `not a HAR file: ${this.level === 1 ? 'log' : 'the top-level object'} has two members named ${JSON.stringify(printable(value))}`,
        );
      seen.add(value);
      this.key = value;
      this.expect = 'colon';
      return;
    }
    this.first = false;
    this.expect = 'next';
    if (this.level === 2) this.on.entry(value, this.index++, bytes);
    else this.on.member(this.level === 0 ? 'top' : 'log', this.key, value);
  }
}
