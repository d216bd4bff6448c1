import type { Entry, Header, QueryString } from 'har-format';
import { decodeQueryComponent } from '../http.ts';
import { redactionMark } from '../rate/fingerprint.ts';

/**
 * Redaction ("sanitize" in DevTools' HAR writer): removes credentials from a HAR entry before
 * it leaves the browser. On by default everywhere we export; the caller must opt out
 * explicitly. Returns a redacted copy (the input is never mutated) and the list of what was
 * removed, as paths like `request.headers.Authorization`.
 *
 * Credentials in headers and query parameters become `[REDACTED k:<fingerprint>]`: the same
 * 12-hex fingerprint the rate meter shows (a domain-separated SHA-256 prefix, never the
 * credential), so re-annotating an export counts requests under the same keys.
 */

export const REDACTED = '[REDACTED]';
// Cookies are session state, not API keys: they are blanked without a fingerprint.
const COOKIE_HEADERS = new Set(['cookie', 'set-cookie']);
// Only API keys and tokens keep a fingerprint: high-entropy values a short hash cannot reveal.
// Passwords and secrets are low-entropy often enough that even a hash prefix must not ship.
const KEY_PARAM_RE = /(api[-_]?key|apikey|^key$|token)$/i;

export interface RedactOptions {
  /** Extra header names to treat as secret (e.g. a profile's key headers). */
  secretHeaders?: readonly string[];
  /** Extra query parameter names to treat as secret (a profile's key parameters). */
  secretParams?: readonly string[];
}

// Headers that always carry credentials (RFC 9110 §11.6.2, §11.7.2; RFC 6265).
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
// Header names that look like credentials: X-Api-Key, X-Auth-Token, X-Amz-Security-Token…
const SECRET_HEADER_RE =
  /(api[-_]?key|apikey|token|secret|password|passwd|session|signature|credential|auth)/i;
// Carry no secret despite the name (challenge, not a credential; idempotency keys are nonces).
const PUBLIC_HEADERS = new Set([
  'www-authenticate',
  'proxy-authenticate',
  'authentication-info',
  'idempotency-key',
]);

// Token-like query parameters: ?api_key=, ?access_token=, ?key= (Google), ?sig= (SAS), ?code= (OAuth).
const SECRET_PARAM_RE =
  /^(.*[-_])?(api[-_]?key|apikey|key|token|access[-_]?token|refresh[-_]?token|id[-_]?token|secret|client[-_]?secret|password|passwd|pwd|signature|sig|auth|session|sessionid|code|credential)$/i;

// JSON body members that hold secrets.
const SECRET_FIELD_RE =
  /^(.*[-_])?(password|passwd|pwd|secret|client[-_]?secret|token|access[-_]?token|refresh[-_]?token|id[-_]?token|api[-_]?key|apikey|private[-_]?key|authorization|credentials?)$/i;
const SECRET_FIELD_CAMEL_RE =
  /(password|secret|token|apikey|privatekey|authorization|credential)$/i;

// A JWT: header.payload.signature, each base64url. The signature is what makes it a credential.
const JWT_RE = /\b(eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,})\.[A-Za-z0-9_-]{8,}/g;

const MAX_JSON_REDACT_CHARS = 8 * 1024 * 1024;
// Every name SECRET_FIELD_RE / SECRET_FIELD_CAMEL_RE can match contains one of these: a body
// without any of them has no secret member, and is not parsed (most bodies, on big exports).
const SECRET_NAME_HINT =
  /pass|pwd|secret|token|api[-_]?key|apikey|private[-_]?key|authorization|credential/i;

export function isSecretHeader(name: string, extra: ReadonlySet<string> = new Set()): boolean {
  const n = name.toLowerCase();
  if (extra.has(n)) return true;
  if (PUBLIC_HEADERS.has(n)) return false;
  return SECRET_HEADERS.has(n) || SECRET_HEADER_RE.test(n);
}

export function isSecretParam(name: string, extra: ReadonlySet<string> = new Set()): boolean {
  return extra.has(name.toLowerCase()) || SECRET_PARAM_RE.test(name);
}

function isSecretField(name: string): boolean {
  return SECRET_FIELD_RE.test(name) || SECRET_FIELD_CAMEL_RE.test(name);
}

class Redactor {
  readonly removed: string[] = [];
  private readonly headers: ReadonlySet<string>;
  private readonly params: ReadonlySet<string>;
  constructor(opts: RedactOptions) {
    this.headers = new Set((opts.secretHeaders ?? []).map((h) => h.toLowerCase()));
    this.params = new Set((opts.secretParams ?? []).map((p) => p.toLowerCase()));
  }
  private note(path: string) {
    if (!this.removed.includes(path)) this.removed.push(path);
  }

  headerList(list: Header[] | undefined, path: string): Header[] {
    // A member a writer left out stays out; odd shapes (Polly.JS array values) are still scrubbed.
    if (!Array.isArray(list)) return list as unknown as Header[];
    return list.map((h) => {
      if (!isNameValue(h)) return h;
      if (typeof h.value !== 'string') {
        if (!isSecretHeader(h.name, this.headers)) return h;
        this.note(`${path}.${h.name}`);
        return { ...h, value: REDACTED };
      }
      if (isSecretHeader(h.name, this.headers) && h.value !== '') {
        this.note(`${path}.${h.name}`);
        return {
          ...h,
          value: COOKIE_HEADERS.has(h.name.toLowerCase()) ? REDACTED : redactionMark(h.value),
        };
      }
      const jwt = this.jwt(h.value, `${path}.${h.name}`);
      return jwt === h.value ? h : { ...h, value: jwt };
    });
  }

  query(list: QueryString[] | undefined, path: string): QueryString[] {
    if (!Array.isArray(list)) return list as unknown as QueryString[];
    return list.map((q) => {
      if (!isNameValue(q) || !isSecretParam(q.name, this.params) || q.value === '') return q;
      this.note(`${path}.${q.name}`);
      return {
        ...q,
        value:
          KEY_PARAM_RE.test(q.name) && typeof q.value === 'string'
            ? redactionMark(q.value)
            : REDACTED,
      };
    });
  }

  /** `fingerprint`: key-like parameters keep a fingerprint (URLs; not form bodies). */
  url(raw: string, path: string, fingerprint = true): string {
    if (typeof raw !== 'string') return raw;
    const q = raw.indexOf('?');
    if (q < 0) return this.jwt(raw, path);
    const hash = raw.indexOf('#', q);
    const query = raw.slice(q + 1, hash < 0 ? undefined : hash);
    const parts = query.split('&').map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = decodeQueryComponent(pair.slice(0, eq));
      if (!isSecretParam(name, this.params) || eq === pair.length - 1) return pair;
      this.note(`${path}.${name}`);
      if (!fingerprint || !KEY_PARAM_RE.test(name))
        return `${pair.slice(0, eq)}=${encodeURIComponent(REDACTED)}`;
      const value = decodeQueryComponent(pair.slice(eq + 1));
      return `${pair.slice(0, eq)}=${encodeURIComponent(redactionMark(value))}`;
    });
    return this.jwt(
      raw.slice(0, q + 1) + parts.join('&') + (hash < 0 ? '' : raw.slice(hash)),
      path,
    );
  }

  jwt(text: string, path: string): string {
    if (!text.includes('eyJ')) return text;
    return text.replace(JWT_RE, (_m, head: string) => {
      this.note(`${path}#jwt-signature`);
      return `${head}.${REDACTED}`;
    });
  }

  /** JSON bodies: secret members replaced; other text: JWT signatures and form fields. */
  body(text: string | undefined, mimeType: string | undefined, path: string): string | undefined {
    if (text === undefined || text === '') return text;
    const mt = (mimeType ?? '').toLowerCase();
    if (mt.includes('x-www-form-urlencoded')) return this.url(`?${text}`, path, false).slice(1);
    const trimmed = text.trimStart();
    if (
      (trimmed.startsWith('{') || trimmed.startsWith('[')) &&
      text.length <= MAX_JSON_REDACT_CHARS &&
      SECRET_NAME_HINT.test(text)
    ) {
      try {
        const value: unknown = JSON.parse(text);
        const before = this.removed.length;
        const out = this.json(value, path, 0);
        return this.removed.length === before ? text : JSON.stringify(out);
      } catch {
        // not JSON after all: fall through to text scanning
      }
    }
    return this.jwt(text, path);
  }

  private json(value: unknown, path: string, depth: number): unknown {
    if (depth > 64) return value;
    if (typeof value === 'string') return this.jwt(value, path);
    if (Array.isArray(value)) return value.map((v) => this.json(v, path, depth + 1));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (isSecretField(k) && v !== null && v !== '' && typeof v !== 'boolean') {
        this.note(`${path}$.${k}`);
        out[k] = REDACTED;
      } else {
        out[k] = this.json(v, path, depth + 1);
      }
    }
    return out;
  }
}

const isNameValue = (h: unknown): h is { name: string; value: unknown } =>
  typeof h === 'object' && h !== null && typeof (h as { name?: unknown }).name === 'string';

/** Cookies are blanked whatever their shape: HAR's list, or Fiddler/IE's name → value object. */
function blankCookies(cookies: unknown): unknown {
  if (Array.isArray(cookies))
    return cookies.map((c) =>
      typeof c === 'object' && c !== null ? { ...c, value: REDACTED } : REDACTED,
    );
  if (typeof cookies === 'object' && cookies !== null)
    return Object.fromEntries(Object.keys(cookies).map((k) => [k, REDACTED]));
  return cookies;
}

const hasCookies = (cookies: unknown) =>
  Array.isArray(cookies)
    ? cookies.length > 0
    : typeof cookies === 'object' && cookies !== null && Object.keys(cookies).length > 0;

/** Returns a redacted copy of `entry` and the paths of what was removed. */
export function redactEntry(
  entry: Entry,
  opts: RedactOptions = {},
): { entry: Entry; removed: string[] } {
  const r = new Redactor(opts);
  const { request, response } = entry;
  // Writers leave members out (and some tools whole requests): what is missing stays missing.
  if (
    typeof request !== 'object' ||
    request === null ||
    typeof response !== 'object' ||
    response === null
  )
    return { entry, removed: [] };
  const redactedRequest: Entry['request'] = { ...request };
  if (request.url !== undefined) redactedRequest.url = r.url(request.url, 'request.url');
  if (request.headers !== undefined)
    redactedRequest.headers = r.headerList(request.headers, 'request.headers');
  if (request.queryString !== undefined)
    redactedRequest.queryString = r.query(request.queryString, 'request.queryString');
  if (request.cookies !== undefined)
    redactedRequest.cookies = blankCookies(request.cookies) as Entry['request']['cookies'];
  if (hasCookies(request.cookies)) r.removed.push('request.cookies');
  if (typeof request.postData === 'object' && request.postData !== null) {
    const pd = request.postData;
    redactedRequest.postData = {
      ...pd,
      ...(pd.text !== undefined
        ? { text: r.body(pd.text, pd.mimeType, 'request.postData.text') }
        : {}),
      ...(Array.isArray(pd.params)
        ? {
            params: pd.params.map((p) => {
              if (!isNameValue(p) || (!isSecretParam(p.name) && !isSecretField(p.name))) return p;
              r.removed.push(`request.postData.params.${p.name}`);
              return { ...p, value: REDACTED };
            }),
          }
        : {}),
    } as Entry['request']['postData'];
  }
  const content = response.content;
  const redactedResponse: Entry['response'] = { ...response };
  if (response.headers !== undefined)
    redactedResponse.headers = r.headerList(response.headers, 'response.headers');
  if (content !== undefined) redactedResponse.content = redactContent(r, content);
  if (response.cookies !== undefined)
    redactedResponse.cookies = blankCookies(response.cookies) as Entry['response']['cookies'];
  if (hasCookies(response.cookies)) r.removed.push('response.cookies');
  return {
    entry: { ...entry, request: redactedRequest, response: redactedResponse },
    removed: r.removed,
  };
}

/** Textual base64 bodies are decoded so their secrets can be found; binary ones pass as they are. */
function redactContent(
  r: Redactor,
  content: Entry['response']['content'],
): Entry['response']['content'] {
  if (typeof content !== 'object' || content === null || typeof content.text !== 'string')
    return content;
  if (content.encoding !== 'base64') {
    return { ...content, text: r.body(content.text, content.mimeType, 'response.content.text') };
  }
  if (!/json|text|xml|x-www-form-urlencoded|javascript/i.test(content.mimeType ?? ''))
    return content;
  let decoded: string;
  try {
    const bin = atob(content.text);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return content;
  }
  const before = r.removed.length;
  const text = r.body(decoded, content.mimeType, 'response.content.text');
  if (r.removed.length === before) return content;
  const { encoding: _encoding, ...rest } = content;
  return { ...rest, text };
}

/** Redacts a URL alone (for "copy support details" and summaries). */
export function redactUrl(url: string, opts: RedactOptions = {}): string {
  return new Redactor(opts).url(url, 'url');
}
