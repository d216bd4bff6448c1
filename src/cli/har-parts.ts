import { printable } from '../core/har/parse.ts';

/** What HarScanner hands over, and how it fails: one line for the user. */

export interface HarParts {
  /** A top-level member other than `log`, or a `log` member other than `entries`. */
  member(level: 'top' | 'log', key: string, value: unknown): void;
  /** `"log": {` was read. */
  logStart(): void;
  /** `"entries": [` was read. */
  entriesStart(): void;
  /** One entry; `bytes` is its size in the input. */
  entry(value: unknown, index: number, bytes: number): void;
  /**
   * When given, entries are not parsed here: each one's UTF-8 bytes come here instead, to be
   * parsed elsewhere (the CLI's worker threads). `bytes` is valid only during the call. `near`
   * is where a parse error is to be reported (`invalidJson`).
   */
  rawEntry?(bytes: Buffer, index: number, near: number): void;
  /**
   * Each entry's size in bytes, when a first pass over the same input learnt it (`sizes`):
   * the entry is then taken whole without looking at its bytes.
   */
  knownSize?(index: number): number | undefined;
  /**
   * With `rawEntry`: entries may be cut where the text between the first two recurs, found with
   * one indexOf instead of a scan (entry-cut.ts). Such a cut is right only if the entry's bytes
   * parse as one JSON value, so whoever parses them must treat a failure as "cut wrongly" and
   * read the input again without this (the CLI's checked single pass does).
   */
  quickSplit?: boolean;
  entriesEnd(): void;
  logEnd(): void;
}

const ignore = () => {};

/** HarParts that hear only `parts`: a reader that skips the rest (a first pass, a re-read). */
export function onlyParts(parts: Partial<HarParts>): HarParts {
  return {
    member: ignore,
    logStart: ignore,
    entriesStart: ignore,
    entry: ignore,
    entriesEnd: ignore,
    logEnd: ignore,
    ...parts,
  };
}

/** Input that is not a HAR document: the message is one line for the user. */
export class HarSyntaxError extends Error {}

/** What a value that JSON.parse refused is reported as. */
export function invalidJson(near: number, e: unknown): HarSyntaxError {
  return new HarSyntaxError(
    `not a HAR file: invalid JSON near byte ${near} (${printable((e as Error).message)})`,
  );
}
