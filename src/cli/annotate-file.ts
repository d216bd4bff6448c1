import { debuglog } from 'node:util';
import type { LogAnnotation } from '../core/annotation.ts';
import { AnnotateStream, OutOfOrder, type Sink, type StreamOptions } from './annotate-stream.ts';
import { HarSyntaxError } from './har-parts.ts';
import { readChunks, withStdinCopy } from './io.ts';
import { Speculation } from './speculation.ts';

const debug = debuglog('apilens');

/** Where `annotateFile` writes (OutputStream; a test's sink). */
export interface Output {
  write: Sink;
  writeSafe: (bytes: Uint8Array) => void;
  /** Whether `restart` can take back what was written. */
  readonly restartable: boolean;
  /** Drops everything written so far. */
  restart(): void;
}

export interface Annotated {
  summary: LogAnnotation;
  /** The stream that wrote what stands: its warnings are the ones to give. */
  stream: AnnotateStream;
  /** How the input was read: once; once and checked; twice (learn every secret, then write). */
  passes: 'one' | 'checked' | 'two';
  /** Why a checked single pass did not stand, when it did not. */
  failed?: string;
}

/**
 * Annotates the HAR at `path` ("-": standard input), writing to `out` (none for a summary),
 * with as few reads as keep redaction whole:
 * - without redaction, one pass (into a file that can start again, entries are taken to be in
 *   start-time order, and written again with the reorder window when one is not);
 * - on worker threads, into a file that can start again, one pass checked afterwards
 *   (speculation.ts), written again in two when the check fails;
 * - otherwise two: every secret is known before anything is written, so one that first appears
 *   in a late entry is erased from earlier entries and from pages too. Standard input is read
 *   once, into a temporary file that the second pass reads.
 */
export function annotateFile(path: string, opts: StreamOptions, out?: Output): Annotated {
  // The stream that writes the log the sure way: made only when it is needed (its engine
  // compiles the profiles and any OpenAPI documents).
  const sure = () => new AnnotateStream(opts, out?.write, out?.writeSafe);
  const again = out?.restartable === true && path !== '-';
  if (opts.redact === false) {
    if (!again) {
      const stream = sure();
      return { summary: pass(stream, path), stream, passes: 'one' };
    }
    // Entries counted as they come; if one is out of order, written again with the window.
    const one = new AnnotateStream({ ...opts, inOrder: true }, out.write, out.writeSafe);
    try {
      return { summary: pass(one, path), stream: one, passes: 'one' };
    } catch (e) {
      const failed = givenUp(e);
      opts.pool?.drain();
      out.restart();
      const stream = sure();
      return { summary: pass(stream, path), stream, passes: 'one', failed };
    }
  }
  const pool = opts.pool;
  if (!pool || !again) return twoPasses(sure(), path);
  const speculation = new Speculation(pool);
  const one = new AnnotateStream({ ...opts, speculation }, out.write, out.writeSafe);
  try {
    const summary = pass(one, path);
    if (one.verify(path)) {
      debug('one pass stood');
      return { summary, stream: one, passes: 'checked' };
    }
  } catch (e) {
    speculation.failed = givenUp(e);
    pool.drain();
  }
  debug('one pass did not stand (%s): written in two', speculation.failed);
  out.restart();
  // Every worker forgets the secrets: the first of two passes must hear each one again.
  pool.broadcast({ kind: 'secrets', payload: { values: [], keyLike: [] } });
  return { ...twoPasses(sure(), path), failed: speculation.failed };
}

/**
 * Why a pass that may be given up was: an entry out of order, or one that does not parse where
 * the quick split cut it. The pass after it reads the file again (and gives a real syntax error
 * its one line). Anything else is thrown on.
 */
function givenUp(e: unknown): string {
  if (!(e instanceof OutOfOrder || e instanceof HarSyntaxError)) throw e;
  return e.message;
}

function pass(stream: AnnotateStream, input: string): LogAnnotation {
  readChunks(input, (chunk) => stream.write(chunk));
  return stream.end();
}

function twoPasses(stream: AnnotateStream, path: string): Annotated {
  const learner = stream.learner();
  let summary: LogAnnotation;
  if (path === '-')
    summary = withStdinCopy(learner.write.bind(learner), (copy) => {
      learner.end();
      return pass(stream, copy);
    });
  else {
    readChunks(path, (chunk) => learner.write(chunk));
    learner.end();
    summary = pass(stream, path);
  }
  return { summary, stream, passes: 'two' };
}
