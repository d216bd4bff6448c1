import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { decodeQueryComponent, getHeader, type Header } from '../http.ts';

/**
 * A short, stable fingerprint of the credential a request carries, so the rate tracker can
 * count per API key (Aurora: "applied to all requests sent with the same API key") without
 * ever keeping or showing the key itself.
 */

export interface FingerprintInput {
  requestHeaders: readonly Header[];
  /** The request URL; only its query string is read. */
  url: string;
  /** The profile's key headers (Profile.keyHeaders), tried after Authorization. */
  keyHeaders?: readonly string[];
  /** The profile's key query parameters (Profile.keyQueryParams), tried after key headers. */
  keyQueryParams?: readonly string[];
  /** The profile's key cookies (Profile.keyCookies: OpenAPI apiKey `in: cookie`). */
  keyCookies?: readonly string[];
  /**
   * The profile's own key names come before Authorization (an OpenAPI document's apiKey
   * schemes name the credential the API counts).
   */
  keysFirst?: boolean;
}

// Names many APIs use for keys when no profile documents one (tried after the profile's own).
const COMMON_KEY_HEADERS = ['x-api-key', 'api-key'];
const COMMON_KEY_PARAMS = ['api_key', 'apikey', 'api-key', 'key', 'access_token'];

// Domain separation: the fingerprint is not the bare SHA-256 of the key, so it cannot be
// matched against a table of SHA-256 digests of leaked keys.
const DOMAIN = 'api-lens/credential/v1\u0000';

// Bounded memo: the same few credentials repeat on every request. It lives in memory only,
// next to the request headers that carry the same strings; it is never serialised.
const MEMO_MAX = 512;
const memo = new Map<string, string>();

// What redaction leaves in place of a credential: `[REDACTED k:3fa9c2d81e07]`. Reading the
// fingerprint back from it makes an exported (redacted) HAR count under the same keys as the
// live traffic did, so `apilens annotate` on an export agrees with the panel.
const REDACTED_MARK = /^\[REDACTED (k:[0-9a-f]{12})\]$/;

/** The redaction mark for a credential: its fingerprint, never the credential. */
export function redactionMark(credential: string): string {
  return `[REDACTED ${hash(credential)}]`;
}

function hash(credential: string): string {
  const marked = REDACTED_MARK.exec(credential);
  if (marked) return marked[1]!;
  const hit = memo.get(credential);
  if (hit !== undefined) return hit;
  const fp = `k:${bytesToHex(sha256(utf8ToBytes(DOMAIN + credential))).slice(0, 12)}`;
  if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
  memo.set(credential, fp);
  return fp;
}

/** The query parameters of `url`, names lower-cased (no URL global in core: parsed by hand). */
function queryParams(url: string): Map<string, string> {
  const out = new Map<string, string>();
  const q = url.indexOf('?');
  if (q < 0) return out;
  const hashAt = url.indexOf('#', q);
  const query = url.slice(q + 1, hashAt < 0 ? undefined : hashAt);
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = decodeQueryComponent(pair.slice(0, eq)).toLowerCase();
    if (!out.has(name)) out.set(name, decodeQueryComponent(pair.slice(eq + 1)));
  }
  return out;
}

function firstHeader(headers: readonly Header[], names: readonly string[]): string | undefined {
  for (const name of names) {
    const v = getHeader(headers, name)?.trim();
    if (v) return v;
  }
  return undefined;
}

function firstParam(params: Map<string, string>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const v = params.get(name.toLowerCase())?.trim();
    if (v) return v;
  }
  return undefined;
}

/**
 * `k:` + 12 hex digits of a SHA-256 over the request's credential, or undefined when the
 * request carries none. Priority: Authorization, the profile's key headers, the profile's key
 * query parameters, then common header and query names; with `keysFirst`, the profile's own
 * key headers, parameters and cookies come before Authorization. The credential is never returned.
 */
function firstCookie(headers: readonly Header[], names: readonly string[]): string | undefined {
  if (!names.length) return undefined;
  const jar = new Map<string, string>();
  for (const h of headers) {
    if (h.name.toLowerCase() !== 'cookie') continue;
    // RFC 6265 §4.2.1: cookie-pair *( ";" SP cookie-pair ).
    for (const pair of h.value.split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0) {
        const name = pair.slice(0, eq).trim();
        if (!jar.has(name)) jar.set(name, pair.slice(eq + 1).trim());
      }
    }
  }
  for (const name of names) {
    const v = jar.get(name);
    if (v) return v;
  }
  return undefined;
}

export function credentialFingerprint(input: FingerprintInput): string | undefined {
  const headers = input.requestHeaders;
  if (input.keysFirst) {
    const own =
      firstHeader(headers, input.keyHeaders ?? []) ??
      firstParam(queryParams(input.url), input.keyQueryParams ?? []) ??
      firstCookie(headers, input.keyCookies ?? []);
    if (own !== undefined) return hash(own);
  }
  const fromHeaders =
    firstHeader(headers, ['authorization']) ?? firstHeader(headers, input.keyHeaders ?? []);
  if (fromHeaders !== undefined) return hash(fromHeaders);
  const params = queryParams(input.url);
  const credential =
    firstParam(params, input.keyQueryParams ?? []) ??
    firstHeader(headers, COMMON_KEY_HEADERS) ??
    firstParam(params, COMMON_KEY_PARAMS);
  return credential === undefined ? undefined : hash(credential);
}
