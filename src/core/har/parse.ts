import type { Har, Log } from 'har-format';
import { readableEntry } from './readable.ts';

/**
 * HAR import (http://www.softwareishard.com/blog/har-12-spec/), liberal in what it accepts: the
 * file is kept exactly as it was written — every member, known or not, custom `_fields` at every
 * level, `log` included — and read through `readableEntry`, which tolerates what real writers
 * bend. Only what is not a HAR at all is refused, with one line naming the place.
 */

export interface ParseOptions {
  /** Refuse inputs larger than this many characters (default 1 GiB, about V8's string limit). */
  maxChars?: number;
}

export type ParseResult = { ok: true; har: Har; warnings: string[] } | { ok: false; error: string };

const MAX_WARNING_KINDS = 50;

/** Collects coercion warnings, one line per kind of problem (bounded), with a count. */
export class Warnings {
  private readonly kinds = new Map<string, { path: string; problem: string; count: number }>();
  private dropped = 0;

  readonly add = (path: string, problem: string): void => {
    // One kind per problem at the same place in any entry: entries[3].x and entries[9].x agree.
    const kind = `${path.replace(/\[\d+\]/g, '[]')}\u0000${problem}`;
    const k = this.kinds.get(kind);
    if (k) k.count++;
    else if (this.kinds.size < MAX_WARNING_KINDS) this.kinds.set(kind, { path, problem, count: 1 });
    else this.dropped++;
  };

  lines(): string[] {
    const out = [...this.kinds.values()].map(
      (k) => `${k.path}: ${k.problem}${k.count > 1 ? ` (and ${k.count - 1} more like it)` : ''}`,
    );
    if (this.dropped) out.push(`and ${this.dropped} more warnings of other kinds`);
    return out;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a top-level value is not a HAR document, or undefined when its `log` is usable. */
export function notAHar(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a HAR file: expected a JSON object with a "log" member';
  if (!('log' in value)) return 'not a HAR file: the top-level "log" member is missing';
  if (!isObject(value.log)) return 'invalid HAR at log: expected an object';
  return undefined;
}

/** Why an entry cannot be read at all (anything else is read leniently). */
export function badEntry(value: unknown, index: number): string | undefined {
  return isObject(value) ? undefined : `invalid HAR at log.entries[${index}]: expected an object`;
}

export const NO_ENTRIES = 'invalid HAR at log.entries: expected an array of entries';

/** Validates an already-parsed value as a HAR document; the value is returned untouched. */
export function validateHar(value: unknown, warnings = new Warnings()): ParseResult {
  const why = notAHar(value);
  if (why) return { ok: false, error: why };
  const log = (value as { log: Record<string, unknown> }).log;
  if (!Array.isArray(log.entries)) return { ok: false, error: NO_ENTRIES };
  for (let i = 0; i < log.entries.length; i++) {
    const bad = badEntry(log.entries[i], i);
    if (bad) return { ok: false, error: bad };
    readableEntry(log.entries[i], `log.entries[${i}]`, warnings.add);
  }
  return { ok: true, har: value as Har, warnings: warnings.lines() };
}

/** The parser quotes the offending text: binary input must not reach a terminal as control codes. */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/g, '·');
}

/** Parses HAR text. Never throws; the error says what is wrong and where. */
export function parseHar(text: string, opts: ParseOptions = {}): ParseResult {
  const max = opts.maxChars ?? 1024 * 1024 * 1024;
  if (text.length > max)
    return {
      ok: false,
      error: `HAR is too large (${text.length} characters; the limit is ${max})`,
    };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // UTF-8 BOM from some exporters
  if (body.trim() === '') return { ok: false, error: 'not a HAR file: the input is empty' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return {
      ok: false,
      error: `not a HAR file: invalid JSON (${printable((e as Error).message)})`,
    };
  }
  return validateHar(value);
}

export type { Har, Log };
