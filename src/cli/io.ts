import { readFileSync, writeFileSync } from 'node:fs';

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
