import type { Entry } from 'har-format';
import type { EntryAnnotation } from '../core/annotation.ts';
import type { Filterable } from './filter.ts';

/** A request-list row: the HAR entry, its annotation, and what the list filters and sorts on. */

export interface Body {
  text: string | null;
  encoding?: string;
}

/**
 * Where a row's body came from: captured at once, evicted by DevTools (or not served in time),
 * never offered, being decoded in the worker, dropped by the panel's memory budget
 * (budget.ts), or the request itself was recovered from DevTools' HAR log because DevTools
 * never reported it finished (capture.ts).
 */
export type BodyState =
  | 'captured'
  | 'evicted'
  | 'not-captured'
  | 'decoding'
  | 'budget'
  | 'recovered';

export interface Row extends Filterable {
  id: number;
  /** The HAR entry; `response.content.text` holds the captured body. */
  entry: Entry;
  ann: EntryAnnotation;
  /** Epoch ms the request started. */
  at: number;
  path: string;
  message: string;
  requestId: string;
  api: boolean;
  body: BodyState;
}

/**
 * A CORS preflight (Fetch standard §4.8): the browser's OPTIONS before a cross-origin call,
 * not a call the page made. Hidden with "All traffic" off, like other non-API requests.
 */
export function isPreflight(entry: Entry): boolean {
  if ((entry as { _resourceType?: string })._resourceType === 'preflight') return true;
  return (
    entry.request.method.toUpperCase() === 'OPTIONS' &&
    entry.request.headers.some((h) => h.name.toLowerCase() === 'access-control-request-method')
  );
}

export function entryKey(entry: Entry): string {
  return `${entry.startedDateTime} ${entry.request.method} ${entry.request.url}`;
}

function oneLine(ann: EntryAnnotation): string {
  return (ann.error?.messages.join(' · ') ?? '').replace(/\s+/g, ' ');
}

/** A URL's host and path with query, as the list shows them (the import worker sends them). */
export function urlParts(url: string): { host: string; path: string } {
  try {
    const u = new URL(url);
    return { host: u.host, path: `${u.pathname}${u.search}` };
  } catch {
    return { host: '', path: url };
  }
}

export function toRow(
  row: Omit<Row, Exclude<keyof Filterable, 'entry'> | 'message' | 'requestId' | 'path'> & {
    ann: EntryAnnotation;
  },
  parts?: { host: string; path: string },
): Row {
  const { entry, ann } = row;
  const url = entry.request.url;
  // Parsing a URL costs the panel's thread a few µs and garbage per row: imports bring theirs.
  const { host, path } = parts ?? urlParts(url);
  const message = oneLine(ann);
  const requestId = ann.requestId ?? '';
  return {
    ...row,
    url,
    host,
    path,
    method: entry.request.method.toUpperCase(),
    status: ann.status.code,
    profile: ann.profile,
    verdict: ann.retry.verdict,
    isError: Boolean(ann.error) || ann.status.code >= 400 || ann.status.code === 0,
    documented: ann.status.documented,
    schemaValid: ann.schema?.valid,
    message,
    requestId,
    haystack: `${url} ${message} ${requestId} ${ann.error?.code ?? ''}`.toLowerCase(),
  };
}

/** The entry with `body` as its response content (DevTools serves bodies apart). */
export function withBody(entry: Entry, body: Body | undefined): Entry {
  if (!body || body.text == null) return entry;
  return {
    ...entry,
    response: {
      ...entry.response,
      content: {
        ...entry.response.content,
        text: body.text,
        ...(body.encoding ? { encoding: body.encoding } : {}),
      },
    },
  };
}

/** Characters of response body text a row holds: what the memory budget counts. */
export function bodyChars(entry: Entry): number {
  return entry.response.content.text?.length ?? 0;
}

/** The entry without its response body (headers, size and MIME type stay). */
export function withoutBody(entry: Entry): Entry {
  const { text: _t, encoding: _e, ...content } = entry.response.content;
  return { ...entry, response: { ...entry.response, content } };
}

/**
 * Whether two annotations hold the same data (plain JSON values; walked without recursion).
 * Re-annotation keeps a row whose annotation did not change, and so makes no new objects for
 * it: kept alive, each row's new objects cost the panel's thread when V8's young generation is
 * collected (bench trace: a 58 ms scavenge while 54,000 rows were replaced).
 */
export function sameAnnotation(a: EntryAnnotation, b: EntryAnnotation): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const xk = Object.keys(x);
    if (xk.length !== Object.keys(y).length) return false;
    for (const k of xk) {
      if (!Object.hasOwn(y, k)) return false;
      stack.push([(x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]]);
    }
  }
  return true;
}

/** Index of the row with `id` in rows sorted by id (every session's rows are), or -1. */
export function indexOfId(rows: readonly Row[], id: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = rows[mid]!.id;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The worker decodes with a fresh engine, so what depends on the session's history (the rate
 * count, the polling note) comes from the panel's engine, which counted the request in order.
 */
export function mergeCounted(decoded: EntryAnnotation, counted: EntryAnnotation): EntryAnnotation {
  const { rate: _rate, notes: _notes, ...rest } = decoded;
  const notes = [...new Set([...(decoded.notes ?? []), ...(counted.notes ?? [])])];
  return {
    ...rest,
    ...(counted.rate ? { rate: counted.rate } : {}),
    ...(notes.length ? { notes } : {}),
  };
}
