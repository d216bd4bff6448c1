import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { stringifyIterative } from '../core/json-text.ts';
import { terminalSafeJson } from './terminal.ts';

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
 * `JSON.stringify(v, null, 2)` indented to `depth`. A value nested too deep for V8's recursive
 * stringify (a HAR custom field 100,000 levels deep) is written compact by an iterative walk:
 * the same data, and indenting it would cost quadratic space.
 */
function indented(v: unknown, depth: number): string {
  let s: string;
  try {
    s = JSON.stringify(v, null, 2);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return stringifyIterative(v) ?? 'null';
  }
  return depth === 0 ? s : s.replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/**
 * Writes `value` as `JSON.stringify(value, null, 2)` would, byte for byte, but one array item
 * at a time for the array at `streamKey` path (`["log", "entries"]`): a 200 MB HAR is never
 * held as one string. `path` undefined or "-" is standard output. Two equal-meaning
 * differences: DEL, C1 and bidi controls in strings are `\uXXXX` escapes (terminalSafeJson),
 * and an item too deep for V8's stringify is written compact (`indented`).
 */
export function writeJsonFile(
  path: string | undefined,
  value: unknown,
  streamPath: readonly string[],
): void {
  const stdout = path === undefined || path === '-';
  let fd: number;
  try {
    fd = stdout ? -1 : openSync(path, 'w');
  } catch (e) {
    throw new CliError(
      `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  // Buffered: many small writes would cost more than the strings they avoid.
  let buf = '';
  const flush = () => {
    const text = terminalSafeJson(buf);
    if (stdout) process.stdout.write(text);
    else writeSync(fd, text);
    buf = '';
  };
  const put = (s: string) => {
    buf += s;
    if (buf.length > 1 << 20) flush();
  };
  const walk = (v: unknown, depth: number, rest: readonly string[]) => {
    const pad = '  '.repeat(depth + 1);
    if (rest.length === 0 && Array.isArray(v)) {
      if (v.length === 0) return put('[]');
      put('[\n');
      for (let i = 0; i < v.length; i++) {
        const item = indented(v[i] === undefined ? null : v[i], depth + 1);
        put(`${pad}${item}${i < v.length - 1 ? ',\n' : '\n'}`);
      }
      return put(`${'  '.repeat(depth)}]`);
    }
    if (rest.length === 0 || v === null || typeof v !== 'object' || Array.isArray(v))
      return put(indented(v, depth));
    const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function');
    if (entries.length === 0) return put('{}');
    put('{\n');
    entries.forEach(([k, x], i) => {
      put(`${pad}${JSON.stringify(k)}: `);
      if (k === rest[0]) walk(x, depth + 1, rest.slice(1));
      else put(indented(x, depth + 1));
      put(i < entries.length - 1 ? ',\n' : '\n');
    });
    put(`${'  '.repeat(depth)}}`);
  };
  try {
    walk(value, 0, streamPath);
    put('\n');
    flush();
  } catch (e) {
    // Only the file system's failures are "cannot write"; anything else is not the file's fault.
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw e;
    throw new CliError(`cannot write ${path}: ${code}`);
  } finally {
    if (!stdout) closeSync(fd);
  }
}
