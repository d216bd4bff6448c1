import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mayNeedEscapes, terminalSafeJson } from './terminal.ts';

/** A user-facing failure: printed as one line, never as a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function readError(e: unknown, path: string): CliError {
  const err = e as NodeJS.ErrnoException;
  const what = path === '-' ? 'standard input' : path;
  if (err.code === 'ENOENT') return new CliError(`cannot read ${what}: no such file`);
  if (err.code === 'EISDIR') return new CliError(`cannot read ${what}: it is a directory`);
  if (err.code === 'EACCES') return new CliError(`cannot read ${what}: permission denied`);
  return new CliError(`cannot read ${what}: ${err.message}`);
}

// A blocking wait for a non-blocking descriptor (a TTY or pipe in O_NONBLOCK mode) to be ready.
const pause = new Int32Array(new SharedArrayBuffer(4));
function retry<T>(op: () => T): T {
  for (;;) {
    try {
      return op();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

/**
 * Reads a file, or stdin for "-", in chunks: `onChunk` gets each (its memory is reused for the
 * next one) and may return `false` to stop there. Nothing is held here, so input of any length,
 * endless stdin included, is read in constant memory; what the consumer keeps is its own bound.
 */
export function readChunks(path: string, onChunk: (chunk: Buffer) => unknown): void {
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch (e) {
    throw readError(e, path);
  }
  const buf = Buffer.allocUnsafe(1 << 20);
  try {
    for (;;) {
      let n: number;
      try {
        n = retry(() => readSync(fd, buf, 0, buf.length, null));
      } catch (e) {
        throw readError(e, path);
      }
      if (n === 0 || onChunk(buf.subarray(0, n)) === false) break;
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/**
 * Reads standard input once, in chunks, into a private temporary file (a 0700 directory) while
 * `onChunk` reads it too; then `use` gets the copy's path and may read it again. A two-pass
 * reader (redaction learns every secret before it writes) so handles stdin with disk, not
 * memory. The copy is removed afterwards, whatever happens.
 */
export function withStdinCopy<T>(onChunk: (chunk: Buffer) => void, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'apilens-stdin-'));
  try {
    const copy = join(dir, 'input.har');
    const fd = openSync(copy, 'w', 0o600);
    try {
      readChunks('-', (chunk) => {
        try {
          writeAll(fd, chunk);
        } catch (e) {
          throw new CliError(
            `cannot write a temporary copy of standard input in ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          );
        }
        onChunk(chunk);
      });
    } finally {
      closeSync(fd);
    }
    return use(copy);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += retry(() => writeSync(fd, bytes, off, bytes.length - off));
}

/** Whole-file input (profiles) is small: refused above this before it is read whole. */
export const MAX_WHOLE_INPUT_BYTES = 64 * 1024 * 1024;

/** Reads a small file, or stdin for "-", whole; refuses more than `max` bytes. */
export function readInput(path: string, max = MAX_WHOLE_INPUT_BYTES): string {
  const what = path === '-' ? 'standard input' : path;
  try {
    if (path !== '-' && statSync(path).size > max) throw new RangeError();
  } catch (e) {
    if (e instanceof RangeError)
      throw new CliError(`cannot read ${what}: larger than ${max / 1048576} MiB`);
    throw readError(e, path);
  }
  const parts: Buffer[] = [];
  let size = 0;
  readChunks(path, (chunk) => {
    size += chunk.length;
    if (size > max) throw new CliError(`cannot read ${what}: larger than ${max / 1048576} MiB`);
    parts.push(Buffer.from(chunk));
  });
  return Buffer.concat(parts).toString('utf8');
}

/**
 * A buffered writer to a file, or stdout for "-" / undefined. A file is written under a
 * temporary name and renamed into place by `close()`, so a failed run leaves no half file and
 * `-o IN.har` never truncates the input it is reading; `abort()` removes it.
 */
export class OutputStream {
  private fd: number;
  // Output is gathered in one reused buffer: a fresh megabyte per write would cost page faults.
  private readonly staging = Buffer.allocUnsafeSlow(1 << 20);
  private used = 0;
  private readonly temp: string | undefined;

  constructor(private readonly path: string | undefined) {
    const file = path !== undefined && path !== '-';
    // A device or pipe (-o /dev/null, a FIFO) is written as it is: it has no place for a twin.
    const special = file && existsSync(path) && !statSync(path).isFile();
    this.temp = file && !special ? `${path}.apilens-${process.pid}.tmp` : undefined;
    try {
      this.fd = file ? openSync(this.temp ?? path, 'w') : -1;
    } catch (e) {
      throw this.error(e);
    }
  }

  /** JSON text: characters JSON leaves raw that a terminal would act on become escapes. */
  readonly write = (text: string): void => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (text.length * 3 > this.staging.length - this.used) this.flush();
    if (text.length * 3 > this.staging.length) {
      const bytes = Buffer.from(text, 'utf8');
      this.put(mayNeedEscapes(bytes) ? Buffer.from(terminalSafeJson(text), 'utf8') : bytes);
      return;
    }
    const start = this.used;
    this.used += this.staging.write(text, start, 'utf8');
    if (!mayNeedEscapes(this.staging.subarray(start, this.used))) return;
    // Rare: written again with its escapes (longer: it may need a flush first).
    this.used = start;
    const safe = terminalSafeJson(text);
    if (safe.length * 3 > this.staging.length - this.used) this.flush();
    if (safe.length * 3 > this.staging.length) this.put(Buffer.from(safe, 'utf8'));
    else this.used += this.staging.write(safe, this.used, 'utf8');
  };

  /** JSON text in UTF-8 that terminalSafeJson has already been through (a worker's output). */
  readonly writeSafe = (bytes: Uint8Array): void => {
    if (bytes.length > this.staging.length - this.used) this.flush();
    if (bytes.length > this.staging.length) this.put(bytes);
    else {
      this.staging.set(bytes, this.used);
      this.used += bytes.length;
    }
  };

  private flush(): void {
    if (this.used === 0) return;
    const bytes = this.staging.subarray(0, this.used);
    this.used = 0;
    // Standard output may hold on to what it is given: it gets a copy of the reused buffer.
    this.put(this.fd === -1 ? Buffer.from(bytes) : bytes);
  }

  private put(bytes: Uint8Array): void {
    // Standard output is written synchronously on Linux and macOS (files, pipes and TTYs: Node's
    // "A note on process I/O"), so nothing piles up in memory; EPIPE is handled in main.ts.
    if (this.fd === -1) {
      process.stdout.write(bytes);
      return;
    }
    try {
      writeAll(this.fd, bytes);
    } catch (e) {
      throw this.error(e);
    }
  }

  /** Whether `restart` can take back what was written (a file, written to its twin). */
  get restartable(): boolean {
    return this.temp !== undefined;
  }

  /** Drops everything written so far: the output starts again, empty. */
  restart(): void {
    this.used = 0;
    try {
      closeSync(this.fd);
      this.fd = openSync(this.temp!, 'w');
    } catch (e) {
      throw this.error(e);
    }
  }

  close(): void {
    this.flush();
    if (this.fd !== -1) closeSync(this.fd);
    if (this.temp === undefined) return;
    try {
      renameSync(this.temp, this.path!);
    } catch (e) {
      rmSync(this.temp, { force: true });
      throw this.error(e);
    }
  }

  abort(): void {
    try {
      if (this.fd !== -1) closeSync(this.fd);
    } catch {
      // already closed
    }
    if (this.temp !== undefined) rmSync(this.temp, { force: true });
  }

  private error(e: unknown): CliError {
    const what = this.path === undefined || this.path === '-' ? 'standard output' : this.path;
    return new CliError(
      `cannot write ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

/** Writes a file, or stdout for "-" / undefined. */
export function writeOutput(path: string | undefined, text: string): void {
  if (path === undefined || path === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new CliError(
      `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}
