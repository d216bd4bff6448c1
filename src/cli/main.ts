import { CliError } from './io.ts';
import { run } from './run.ts';
import { escapeControlsKeepLines } from './terminal.ts';

// `apilens summary big.har | head`: a closed pipe is the reader's choice, not our error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// Entry point: one-line errors and exit codes, never a stack trace for user mistakes.
try {
  process.exitCode = run(process.argv.slice(2));
} catch (e) {
  if (e instanceof CliError) {
    process.stderr.write(`apilens: ${escapeControlsKeepLines(e.message)}\n`);
    process.exitCode = e.exitCode;
  } else {
    process.stderr.write(
      `apilens: internal error: ${escapeControlsKeepLines((e as Error)?.message ?? String(e))}\n`,
    );
    process.exitCode = 70;
  }
}
