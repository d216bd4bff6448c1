import type { Entry } from 'har-format';
import { stringifyIterative } from '../../core/json-text.ts';

/**
 * postMessage copies its data with the structured clone algorithm, which recurses per level:
 * Chromium overflows its stack near 2,000 levels ("Failed to execute 'postMessage' … Maximum
 * call stack size exceeded"), and a HAR's custom fields can nest deeper. An entry deeper than
 * CLONE_DEPTH crosses as JSON text written without recursion (core/json-text.ts) and is parsed
 * on the other side (V8's JSON.parse does not recurse), so every field arrives unchanged.
 */
export const CLONE_DEPTH = 256;

/** An entry sent as its JSON text. */
export interface PackedEntry {
  packedEntryJson: string;
}

/** Whether `value` nests deeper than `bound` levels (walked with an explicit stack). */
export function deeperThan(value: unknown, bound: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > bound) return true;
    if (v !== null && typeof v === 'object')
      for (const c of Object.values(v as object))
        if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return false;
}

export function packEntry(entry: Entry): Entry | PackedEntry {
  if (!deeperThan(entry, CLONE_DEPTH)) return entry;
  return { packedEntryJson: stringifyIterative(entry) ?? 'null' };
}

export function isPacked(v: unknown): v is PackedEntry {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Partial<PackedEntry>).packedEntryJson === 'string'
  );
}

/** The entry as sent; a packed one is parsed back (undefined when its text is not an object). */
export function unpackEntry(v: Entry | PackedEntry): Entry | undefined {
  if (!isPacked(v)) return v;
  try {
    const e = JSON.parse(v.packedEntryJson) as unknown;
    return typeof e === 'object' && e !== null ? (e as Entry) : undefined;
  } catch {
    return undefined;
  }
}
