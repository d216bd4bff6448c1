import { dict } from '../own.ts';
import { normalizeMessage, normalizeMessages } from './normalize.ts';
import type { DecodeContext, Decoded } from './types.ts';

/** Helpers shared by the decoders: type guards, bounded iteration, and the result builder. */

export type Json = Record<string, unknown>;

/** Bounds on any walk over a parsed body, so a decoder's work never grows with the body. */
export const MAX_ITEMS = 100;
export const MAX_FIELDS = 100;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty (after trimming) string, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A code-like value: a non-empty string or a finite number, as a string. */
export function codeString(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  const s = str(value);
  return s === undefined ? undefined : s.trim();
}

/**
 * A machine code rather than prose: no whitespace, and snake/kebab/dotted or single-case
 * (`invalid_request`, `NOT_FOUND`, `db-not-found`), so "Forbidden" stays a message.
 */
export function isToken(value: string): boolean {
  if (value.length > 100 || /\s/.test(value)) return false;
  return /[_.:-]/.test(value) || value === value.toLowerCase() || value === value.toUpperCase();
}

/** RFC 9110 §15: status ≥ 400 is an error; 0 is "no response" and anything outside 100–599 is invalid. */
export function isErrorStatus(status: number): boolean {
  return !(status >= 100 && status < 400);
}

/** The first `max` entries of an object, without materialising all of its keys. */
export function boundedEntries(obj: Json, max = MAX_FIELDS): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const key in obj) {
    if (!Object.hasOwn(obj, key)) continue;
    out.push([key, obj[key]]);
    if (out.length >= max) break;
  }
  return out;
}

/** The first `max` items of a value that should be an array ([] otherwise). */
export function boundedItems(value: unknown, max = MAX_ITEMS): readonly unknown[] {
  if (!Array.isArray(value)) return [];
  return value.length > max ? value.slice(0, max) : value;
}

/** A non-empty array whose first MAX_ITEMS items are strings (field → messages maps). */
export function isStringList(value: unknown): value is unknown[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    boundedItems(value).every((m) => typeof m === 'string')
  );
}

/** An http(s) URL, usable as a documentation link. */
export function httpUrl(value: unknown): string | undefined {
  const s = str(value)?.trim();
  return s && /^https?:\/\/\S+$/i.test(s) ? s : undefined;
}

/**
 * Body fields that carry a request/correlation id (corpus README "requestId"; STANDARDS.md):
 * GitHub/Stripe `request_id`, MS Graph `request-id`, ASP.NET `traceId`, PayPal `debug_id`,
 * Adyen `pspReference`. Compared lower-cased.
 */
const REQUEST_ID_KEYS = new Set([
  'request_id',
  'requestid',
  'request-id',
  'x-request-id',
  'traceid',
  'trace_id',
  'correlation_id',
  'correlationid',
  'correlation-id',
  'debug_id',
  'pspreference',
]);

export function isRequestIdKey(key: string): boolean {
  return REQUEST_ID_KEYS.has(key.toLowerCase());
}

/** The first request id among an object's own members. */
export function requestIdIn(obj: unknown): string | undefined {
  if (!isRecord(obj)) return undefined;
  for (const [key, value] of boundedEntries(obj)) {
    if (isRequestIdKey(key)) {
      const id = codeString(value);
      if (id) return id;
    }
  }
  return undefined;
}

/** Field errors keyed verbatim, messages normalised and deduplicated per field, bounded. */
export class FieldErrors {
  private readonly map = new Map<string, string[]>();

  add(key: unknown, message: unknown): void {
    if (typeof key !== 'string' && typeof key !== 'number') return;
    const text =
      typeof message === 'string'
        ? normalizeMessage(message)
        : typeof message === 'number'
          ? String(message)
          : '';
    if (text === '') return;
    const name = String(key);
    let list = this.map.get(name);
    if (!list) {
      if (this.map.size >= MAX_FIELDS) return;
      list = [];
      this.map.set(name, list);
    }
    if (!list.includes(text) && list.length < MAX_ITEMS) list.push(text);
  }

  /** `{field: "msg"}` or `{field: ["msg", …]}` maps (Jira, Laravel, Shopify, ASP.NET, DRF). */
  addMap(map: Json, messages: unknown[]): void {
    for (const [field, value] of boundedEntries(map)) {
      for (const item of typeof value === 'string' ? [value] : boundedItems(value)) {
        if (typeof item !== 'string') continue;
        this.add(field, item);
        messages.push(item);
      }
    }
  }

  get size(): number {
    return this.map.size;
  }

  build(): Record<string, string[]> | undefined {
    if (this.map.size === 0) return undefined;
    // Field names are data: `__proto__` must stay a field, never become a prototype.
    const out = dict<string[]>();
    for (const [field, list] of this.map) out[field] = list;
    return out;
  }
}

/** What a decoder found, before normalisation. */
export interface Found {
  messages?: unknown[];
  fieldErrors?: FieldErrors;
  code?: unknown;
  docs?: unknown;
  requestId?: unknown;
  retryAfterSeconds?: unknown;
  /** Overrides the status-derived flag (error envelopes on 2xx). */
  isError?: boolean;
}

/** Builds a normalised Decoded: only the members that hold something are set. */
export function decoded(format: string, ctx: DecodeContext, found: Found = {}): Decoded {
  const out: Decoded = {
    format,
    isError: found.isError ?? isErrorStatus(ctx.status),
    messages: normalizeMessages(found.messages ?? []),
  };
  const fieldErrors = found.fieldErrors?.build();
  if (fieldErrors) out.fieldErrors = fieldErrors;
  const code = codeString(found.code);
  if (code) out.code = normalizeMessage(code);
  const docs = httpUrl(found.docs);
  if (docs) out.docs = docs;
  const requestId = codeString(found.requestId);
  if (requestId) out.requestId = normalizeMessage(requestId);
  const wait = found.retryAfterSeconds;
  if (typeof wait === 'number' && Number.isFinite(wait) && wait >= 0) out.retryAfterSeconds = wait;
  if (ctx.truncated) out.truncated = true;
  return out;
}
