import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { CliError, run } from './run.ts';

/**
 * Test harness for `run()`: a fresh temp folder per test and the process's stdout and stderr
 * captured as text. Read `cli.stdout` etc. inside a test, after the hooks ran.
 */
export function useCli(prefix: string) {
  const cli = {
    dir: '',
    stdout: '',
    stderr: '',
    /** Writes a file in this test's folder and returns its path. */
    file(name: string, text: string): string {
      const p = join(cli.dir, name);
      writeFileSync(p, text);
      return p;
    },
    /** Runs the CLI and returns the CliError it must throw. */
    fails(argv: string[]): CliError {
      try {
        run(argv);
      } catch (e) {
        if (e instanceof CliError) return e;
        throw e;
      }
      throw new Error(`expected ${argv.join(' ')} to fail`);
    },
  };
  beforeEach(() => {
    cli.dir = mkdtempSync(join(tmpdir(), prefix));
    cli.stdout = '';
    cli.stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      cli.stdout += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      cli.stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return cli;
}
