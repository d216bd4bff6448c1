import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, OutputStream, readChunks, readInput } from './io.ts';

const dir = mkdtempSync(join(tmpdir(), 'apilens-io-'));

describe('OutputStream', () => {
  it('writes the file whole under its name only when closed', () => {
    const file = join(dir, 'a.json');
    const out = new OutputStream(file);
    out.write('{"a":');
    out.write('x'.repeat(3 << 20)); // past the buffer: flushed to the temporary file
    expect(existsSync(file)).toBe(false);
    out.write('}');
    out.close();
    expect(readFileSync(file, 'utf8')).toBe(`{"a":${'x'.repeat(3 << 20)}}`);
    expect(readdirSync(dir).filter((f) => f.includes('.apilens-'))).toEqual([]);
  });

  it('leaves nothing behind when aborted, and an existing file untouched', () => {
    const file = join(dir, 'b.json');
    writeFileSync(file, 'before');
    const out = new OutputStream(file);
    out.write('x'.repeat(2 << 20));
    out.abort();
    expect(readFileSync(file, 'utf8')).toBe('before');
    expect(readdirSync(dir).filter((f) => f.includes('.apilens-'))).toEqual([]);
  });

  it('writes a pipe or device as it is, never renaming a file over it (-o /dev/null)', () => {
    // A FIFO stands in for /dev/null: a regression must not replace a real device of the machine.
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const out = new OutputStream(fifo);
    out.write('hello');
    out.close();
    const buf = Buffer.alloc(16);
    expect(buf.subarray(0, readSync(reader, buf)).toString()).toBe('hello');
    closeSync(reader);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.apilens-'))).toEqual([]);
  });

  it('says which file it cannot write', () => {
    expect(() => new OutputStream(join(dir, 'missing-dir', 'x.json'))).toThrow(CliError);
    expect(() => new OutputStream(join(dir, 'missing-dir', 'x.json'))).toThrow(
      /cannot write .*x\.json: ENOENT/,
    );
  });
});

describe('reading input', () => {
  it('reads a file in chunks of at most 1 MiB, every byte once', () => {
    const file = join(dir, 'c.bin');
    const bytes = Buffer.alloc((5 << 20) + 3, 7);
    writeFileSync(file, bytes);
    let total = 0;
    let largest = 0;
    readChunks(file, (c) => {
      total += c.length;
      largest = Math.max(largest, c.length);
    });
    expect(total).toBe(bytes.length);
    expect(largest).toBeLessThanOrEqual(1 << 20);
  });

  it('refuses whole-file input above its limit before reading it', () => {
    const file = join(dir, 'd.json');
    writeFileSync(file, '[1,2,3]');
    expect(readInput(file, 100)).toBe('[1,2,3]');
    expect(() => readInput(file, 4)).toThrow(/larger than/);
    expect(() => readInput(join(dir, 'none'))).toThrow(/no such file/);
    expect(() => readInput(dir)).toThrow(/directory/);
  });
});
