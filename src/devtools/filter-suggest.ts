import { FILTER_KEYS, type Filterable, filterKey } from './filter-keys.ts';

/**
 * Suggestions as you type, like the Network panel's filter box: keys while the word under the
 * caret has no colon, then the values of that key seen in the session. Pure.
 */

export interface Suggestion {
  /** What replaces the word under the caret. */
  text: string;
  label: string;
  detail: string;
}

export interface Suggestions {
  /** The range of the input the chosen suggestion replaces. */
  from: number;
  to: number;
  items: Suggestion[];
}

const MAX_ITEMS = 12;
// Values are gathered from at most this many rows: suggestions must stay instant at 50,000 rows.
const MAX_SCAN = 5000;

export function suggest(input: string, caret: number, rows: readonly Filterable[]): Suggestions {
  let from = caret;
  while (from > 0 && !/\s/.test(input[from - 1]!)) from--;
  let to = caret;
  while (to < input.length && !/\s/.test(input[to]!)) to++;
  const word = input.slice(from, caret);
  const negate = word.startsWith('-') ? '-' : '';
  const body = word.slice(negate.length);
  const colon = body.indexOf(':');
  const none = { from, to, items: [] };
  if (body === '' && negate === '' && caret < input.length) return none;
  if (colon < 0) {
    const w = body.toLowerCase();
    const items = FILTER_KEYS.filter((k) => k.key.startsWith(w) && k.key !== w).map((k) => ({
      text: `${negate}${k.key}:`,
      label: `${k.key}:`,
      detail: k.help,
    }));
    return { from, to, items: items.slice(0, MAX_ITEMS) };
  }
  const def = filterKey(body.slice(0, colon));
  if (!def) return none;
  const partial = body.slice(colon + 1).toLowerCase();
  const counts = new Map<string, number>();
  for (const v of def.fixedValues ?? []) counts.set(v, 0);
  if (def.values) {
    const n = Math.min(rows.length, MAX_SCAN);
    for (let i = rows.length - n; i < rows.length; i++) {
      for (const v of def.values(rows[i]!)) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
  }
  const items = [...counts]
    .filter(([v]) => v.toLowerCase().startsWith(partial) && v.toLowerCase() !== partial)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_ITEMS)
    .map(([v, c]) => ({
      text: `${negate}${def.key}:${v}`,
      label: v,
      detail: c ? `${c} request${c === 1 ? '' : 's'}` : def.help,
    }));
  return { from, to, items };
}

/** The input after choosing `s`, and where the caret goes. */
export function applySuggestion(
  input: string,
  range: Pick<Suggestions, 'from' | 'to'>,
  s: Suggestion,
): { value: string; caret: number } {
  // A finished key:value is followed by a space, ready for the next clause; a bare key is not.
  const tail = s.text.endsWith(':') ? '' : ' ';
  const rest = input.slice(range.to).replace(/^\s+/, '');
  const head = input.slice(0, range.from) + s.text + tail;
  return { value: head + rest, caret: head.length };
}
