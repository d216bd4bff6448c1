import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';

/** A user-facing failure: printed as one line, never as a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Reads a file, or stdin for "-". */
export function readInput(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const what = path === '-' ? 'standard input' : path;
    if (err.code === 'ENOENT') throw new CliError(`cannot read ${what}: no such file`);
    if (err.code === 'EISDIR') throw new CliError(`cannot read ${what}: it is a directory`);
    if (err.code === 'EACCES') throw new CliError(`cannot read ${what}: permission denied`);
    if (err.code === 'ERR_STRING_TOO_LONG')
      throw new CliError(`cannot read ${what}: larger than Node can hold in one string`);
    throw new CliError(`cannot read ${what}: ${err.message}`);
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

/**
 * Writes `value` as `JSON.stringify(value, null, 2)` would, byte for byte, but one array item
 * at a time for the array at `streamKey` path (`["log", "entries"]`): a 200 MB HAR is never
 * held as one string. Files only; standard output gets the whole text (`writeOutput`).
 */
export function writeJsonFile(path: string, value: unknown, streamPath: readonly string[]): void {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw new CliError(
      `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  // Buffered: many small writes would cost more than the strings they avoid.
  let buf = '';
  const put = (s: string) => {
    buf += s;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  };
  const nested = (v: unknown, depth: number) => {
    const s = JSON.stringify(v, null, 2);
    return depth === 0 ? s : s.replace(/\n/g, `\n${'  '.repeat(depth)}`);
  };
  const walk = (v: unknown, depth: number, rest: readonly string[]) => {
    const pad = '  '.repeat(depth + 1);
    if (rest.length === 0 && Array.isArray(v)) {
      if (v.length === 0) return put('[]');
      put('[\n');
      for (let i = 0; i < v.length; i++) {
        const item = nested(v[i] === undefined ? null : v[i], depth + 1);
        put(`${pad}${item}${i < v.length - 1 ? ',\n' : '\n'}`);
      }
      return put(`${'  '.repeat(depth)}]`);
    }
    if (rest.length === 0 || v === null || typeof v !== 'object' || Array.isArray(v))
      return put(nested(v, depth));
    const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function');
    if (entries.length === 0) return put('{}');
    put('{\n');
    entries.forEach(([k, x], i) => {
      put(`${pad}${JSON.stringify(k)}: `);
      if (k === rest[0]) walk(x, depth + 1, rest.slice(1));
      else put(nested(x, depth + 1));
      put(i < entries.length - 1 ? ',\n' : '\n');
    });
    put(`${'  '.repeat(depth)}}`);
  };
  try {
    walk(value, 0, streamPath);
    put('\n');
    writeSync(fd, buf);
  } catch (e) {
    throw new CliError(
      `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  } finally {
    closeSync(fd);
  }
}
