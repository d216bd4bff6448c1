/** Small HTTP helpers shared by every part of the core. Pure: no I/O. */

export interface Header {
  name: string;
  value: string;
}

/** First value of a header, case-insensitively (RFC 9110 §5.1: field names are case-insensitive). */
export function getHeader(
  headers: readonly Header[] | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  const n = wanted.length;
  // Length first: most names differ in length, and then no lower-cased copy is made.
  for (const h of headers)
    if (h.name.length === n && h.name.toLowerCase() === wanted) return h.value;
  return undefined;
}

/** All values of a header, case-insensitively, in order. */
export function getHeaders(headers: readonly Header[] | undefined, name: string): string[] {
  if (!headers) return [];
  const wanted = name.toLowerCase();
  const n = wanted.length;
  const out: string[] = [];
  for (const h of headers)
    if (h.name.length === n && h.name.toLowerCase() === wanted) out.push(h.value);
  return out;
}

/** RFC 9110 §9.2.2: the idempotent methods (the safe ones plus PUT and DELETE). */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'PUT',
  'DELETE',
]);

export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** The media type without parameters, lower-cased: `application/problem+json; charset=utf-8` → `application/problem+json`. */
export function mediaType(contentType: string | undefined): string {
  if (!contentType) return '';
  return contentType.split(';', 1)[0]!.trim().toLowerCase();
}

/** A query-string component decoded (`+` is a space); malformed escapes are kept as they are. */
export function decodeQueryComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** A clock returning epoch milliseconds. Injected everywhere time matters, so tests control it. */
export type Clock = () => number;
