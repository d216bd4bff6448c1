import type { Entry } from 'har-format';
import type { LogAnnotation } from '../core/annotation.ts';
import type { EngineOptions } from '../core/engine.ts';
import {
  type AnnotatedEntry,
  HarAnnotator,
  REORDER_WINDOW,
  type WriteOptions,
} from '../core/har/annotate.ts';
import { badEntry, Warnings } from '../core/har/parse.ts';
import { stringifyIterative } from '../core/json-text.ts';
import { HarScanner, HarSyntaxError } from './har-scanner.ts';

/**
 * `apilens annotate` and `summary` over a HAR of any size: entries are read, annotated and
 * written one at a time (HarScanner, HarAnnotator), so memory grows with the largest entry and
 * the reorder window, not with the file (after the learning pass, only with the entries that
 * must wait for a later-listed one that started earlier). What it writes is byte for byte what
 * `JSON.stringify(annotateHar(har), null, 2)` writes for the same input (property-tested) as
 * long as entries are out of start-time order by fewer than the window (REORDER_WINDOW) and,
 * with redaction on, the input was first read through `learner()`: a secret is then erased from
 * the members and entries written before the entry that holds it, as annotateHar's first pass
 * does. Without that pass only what follows the secret's first appearance is cleared of it.
 */

export interface StreamOptions extends WriteOptions, EngineOptions {
  /** The reorder window; REORDER_WINDOW unless a test asks otherwise. */
  window?: { entries: number; chars: number };
  /** Largest single value read (an entry, or another member of the log). */
  maxValueBytes?: number;
  /** Hears each annotated entry, in file order (apilens check). */
  onEntry?: (entry: AnnotatedEntry, index: number) => void;
}

/** Where the annotated HAR goes; none for `summary`. */
export type Sink = (text: string) => void;

/**
 * JSON.stringify(value, null, 2), as nested `depth` levels deep in the whole document. A value
 * nested too deep for V8's recursive stringify (a custom field 100,000 levels deep) is written
 * compact by an iterative walk: the same data, and indenting it would cost quadratic space.
 */
function pretty(value: unknown, depth: number): string {
  let s: string;
  try {
    // Nested in `depth` arrays, V8 indents the value itself (one native pass, no re-indenting
    // copy); the wrapper's brackets are then cut off: "[\n  [\n    " … "\n  ]\n]".
    s = JSON.stringify(wrap(value, depth), null, 2);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return stringifyIterative(value) ?? 'null';
  }
  return depth === 0 ? s : s.slice(OPEN[depth]!, s.length - CLOSE[depth]!);
}

const wrap = (value: unknown, depth: number): unknown => {
  let v = value;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
// Lengths of the wrapper's text before and after the value at depth 0…3: "[\n  " is 4, then
// "[\n    " adds 6 and "[\n      " 8; after it "\n]" is 2, "\n  ]" 4, "\n    ]" 6.
const OPEN = [0, 4, 10, 18];
const CLOSE = [0, 2, 6, 12];

/** Feeds chunks of a HAR in, writes the annotated HAR out. `end()` returns `log._apiLens`. */
export class AnnotateStream {
  private readonly scanner: HarScanner;
  private readonly annotator: HarAnnotator;
  private summary: LogAnnotation | undefined;
  private top = 0;
  private log = 0;
  private items = 0;
  readonly warnings = new Warnings();

  constructor(
    private readonly opts: StreamOptions,
    private readonly sink?: Sink,
  ) {
    const put = sink;
    this.annotator = new HarAnnotator(
      opts,
      (e, i) => {
        opts.onEntry?.(e, i);
        if (!put) return;
        put(`${this.items++ ? ',\n' : '\n'}      ${pretty(e, 3)}`);
      },
      opts.window ?? REORDER_WINDOW,
      this.warnings.add,
    );
    const member = (level: 'top' | 'log', key: string, text: string) => {
      if (level === 'top') put?.(`${this.top++ ? ',\n' : '{\n'}  ${JSON.stringify(key)}: ${text}`);
      else put?.(`${this.log++ ? ',\n' : '\n'}    ${JSON.stringify(key)}: ${text}`);
    };
    this.scanner = new HarScanner(
      {
        member: (level, key, value) => {
          // An `_apiLens` from an earlier run is replaced by this run's, written last.
          if (level === 'log' && key === '_apiLens') return;
          if (!put) return;
          if (level === 'top') member(level, key, pretty(value, 1));
          else {
            // Pages, comment, creator, custom fields: the log's secrets erased (annotateHar's `other`).
            const [k, v] = this.annotator.other([key, value]);
            member(level, k, pretty(v, 2));
          }
        },
        logStart: () => member('top', 'log', '{'),
        entriesStart: () => member('log', 'entries', '['),
        entry: (value, index, bytes) => {
          const bad = badEntry(value, index);
          if (bad) throw new HarSyntaxError(bad);
          this.annotator.push(value as Entry, index, bytes);
        },
        entriesEnd: () => {
          this.summary = this.annotator.end();
          put?.(this.items ? '\n    ]' : ']');
        },
        logEnd: () => {
          member('log', '_apiLens', pretty(this.summary, 2));
          put?.('\n  }');
        },
      },
      opts.maxValueBytes,
    );
  }

  /**
   * The first pass, for redaction: a reader of the same input that registers every entry's
   * secrets and writes nothing. Feed it the whole input and `end()` it before `write`.
   */
  learner(): { write(chunk: Buffer): void; end(): void } {
    const none = () => {};
    const scanner = new HarScanner(
      {
        member: none,
        logStart: none,
        entriesStart: none,
        entry: (value, index) => {
          const bad = badEntry(value, index);
          if (bad) throw new HarSyntaxError(bad);
          this.annotator.learn(value as Entry);
        },
        entriesEnd: none,
        logEnd: none,
      },
      this.opts.maxValueBytes,
    );
    return {
      write: (chunk) => scanner.write(chunk),
      end: () => {
        scanner.end();
        this.annotator.learnt();
      },
    };
  }

  write(chunk: Buffer): void {
    this.scanner.write(chunk);
  }

  end(): LogAnnotation {
    this.scanner.end();
    this.sink?.('\n}\n');
    return this.summary!;
  }
}
