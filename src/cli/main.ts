import { fileURLToPath } from 'node:url';
import { CliError } from './io.ts';
import { run, userProfiles } from './run.ts';
import { escapeControlsKeepLines } from './terminal.ts';
import { isAnnotateWorker, startAnnotateWorker } from './threads/worker.ts';

// The built CLI is one file: it is also what its worker threads run (threads/pool.ts).
if (isAnnotateWorker()) startAnnotateWorker(userProfiles);
else main();

function main() {
  // `apilens summary big.har | head`: a closed pipe is the reader's choice, not our error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  // Entry point: one-line errors and exit codes, never a stack trace for user mistakes.
  try {
    process.exitCode = run(process.argv.slice(2), { workerScript: fileURLToPath(import.meta.url) });
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
}
