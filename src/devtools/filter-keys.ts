import type { Entry } from 'har-format';
import { mediaType } from '../core/http.ts';
import { compileUserRegex, type UserRegex } from '../core/safe-regex.ts';

/**
 * The filter language's keys, as data: one entry per key. The Network panel's keys keep its
 * meaning (Chrome DevTools "Filter requests by properties"); ours (profile:, verdict:, is:)
 * follow. Adding a key is adding one entry here: the parser, the suggestions and the README
 * table (checked by a test) all read this list.
 */

/** What a row exposes to the filter. */
export interface Filterable {
  url: string;
  host: string;
  method: string;
  status: number;
  profile: string;
  verdict: string;
  isError: boolean;
  /** Lower-cased text searched by free-text clauses (URL, message, request id…). */
  haystack: string;
  /** The HAR entry, for keys that read the response (size, MIME type, headers…). */
  entry: Entry;
  /** `status.documented`: undefined when no OpenAPI operation matched. */
  documented?: boolean | undefined;
  /** `schema.valid`: undefined when the body was not checked against a documented schema. */
  schemaValid?: boolean | undefined;
}

export type RowTest = (row: Filterable) => boolean;

export interface FilterKey {
  key: string;
  /** One line for the README table and the suggestion list. */
  help: string;
  example: string;
  /** The test for `value` (lower-cased; `raw` as typed), or a message saying what is expected. */
  parse(value: string, raw: string): RowTest | string;
  /** Values worth suggesting, from the rows at hand. */
  values?(row: Filterable): Iterable<string>;
  /** Values that always exist (verdicts, is:…), suggested even with no rows. */
  fixedValues?: readonly string[];
}

/**
 * `*.example.com` style wildcards, as the Network panel's domain: and url: accept, matched in
 * linear time (`*a*a*a*b` never backtracks).
 */
export function wildcard(pattern: string, anchored: boolean): UserRegex {
  const body = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*+/g, '.*');
  const c = compileUserRegex(anchored ? `^${body}$` : body, 'i');
  if (c.ok) return c.re;
  const lower = pattern.toLowerCase();
  return {
    test: (text) => (anchored ? text.toLowerCase() === lower : text.toLowerCase().includes(lower)),
  };
}

/** Chrome's larger-than: a byte count, `k` = 1024, `M` = 1024² (NetworkLogView's size filter). */
export function parseSize(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([km]?)b?$/i.exec(value.trim());
  if (!m) return undefined;
  const unit = m[2]!.toLowerCase();
  return Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 * 1024 : 1);
}

/** The decoded size of the response body (HAR content.size; the text when size is unknown). */
export function responseSize(e: Entry): number {
  const c = e.response.content;
  if (typeof c.size === 'number' && c.size >= 0) return c.size;
  return c.text?.length ?? 0;
}

const scheme = (url: string) => /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase() ?? '';
const resourceType = (e: Entry) =>
  ((e as { _resourceType?: string })._resourceType ?? '').toLowerCase();

function statusTest(value: string): RowTest | undefined {
  if (/^\d{3}$/.test(value)) {
    const code = Number(value);
    return (r) => r.status === code;
  }
  // A class like 4xx: not in Chrome's dialect but the obvious extension of it.
  const cls = /^([1-5])xx$/i.exec(value);
  if (cls) {
    const c = Number(cls[1]);
    return (r) => Math.floor(r.status / 100) === c;
  }
  return undefined;
}

const IS_VALUES = new Map<string, RowTest>([
  ['error', (r) => r.isError],
  // Chrome's is:running has no meaning for finished entries; "ok" is its complement here.
  ['ok', (r) => !r.isError],
]);

export const FILTER_KEYS: readonly FilterKey[] = [
  {
    key: 'status-code',
    help: 'HTTP status, or a class',
    example: 'status-code:429, status-code:5xx',
    parse: (v, raw) =>
      statusTest(v) ?? `status-code: expects a code like 404 or a class like 4xx, not "${raw}"`,
    values: (r) => [String(r.status)],
  },
  {
    key: 'method',
    help: 'request method',
    example: 'method:POST',
    parse: (v) => (r) => r.method.toLowerCase() === v,
    values: (r) => [r.method],
  },
  {
    key: 'domain',
    help: 'host name; `*` is a wildcard',
    example: 'domain:*.neo4j.io',
    parse: (v) => {
      const re = wildcard(v, true);
      return (r) => re.test(r.host);
    },
    values: (r) => [r.host],
  },
  {
    key: 'url',
    help: 'text in the URL; `*` is a wildcard',
    example: 'url:/v1beta3/',
    parse: (v) => {
      const re = wildcard(v, false);
      return (r) => re.test(r.url);
    },
  },
  {
    key: 'scheme',
    help: 'URL scheme',
    example: 'scheme:http',
    parse: (v) => (r) => scheme(r.url) === v,
    values: (r) => [scheme(r.url)],
  },
  {
    key: 'mime-type',
    help: 'response media type, without parameters',
    example: 'mime-type:application/problem+json',
    parse: (v) => (r) => mediaType(r.entry.response.content.mimeType) === v,
    values: (r) => [mediaType(r.entry.response.content.mimeType)],
  },
  {
    key: 'larger-than',
    help: 'response body larger than a size in bytes (`k` = 1024, `M` = 1024²)',
    example: 'larger-than:10k',
    parse: (v, raw) => {
      const n = parseSize(v);
      if (n === undefined) return `larger-than: expects a size like 1000, 10k or 1M, not "${raw}"`;
      return (r) => responseSize(r.entry) > n;
    },
    fixedValues: ['1k', '10k', '100k', '1M'],
  },
  {
    key: 'has-response-header',
    help: 'the response has this header (any value)',
    example: 'has-response-header:retry-after',
    parse: (v) => (r) => r.entry.response.headers.some((h) => h.name.toLowerCase() === v),
    values: (r) => r.entry.response.headers.map((h) => h.name.toLowerCase()),
  },
  {
    key: 'resource-type',
    help: "DevTools' resource type (fetch, xhr, document, preflight…)",
    example: 'resource-type:fetch',
    parse: (v) => (r) => resourceType(r.entry) === v,
    values: (r) => [resourceType(r.entry)],
  },
  {
    key: 'profile',
    help: 'the provider profile that explained the request',
    example: 'profile:neo4j-aura',
    parse: (v) => (r) => r.profile.toLowerCase() === v,
    values: (r) => [r.profile],
  },
  {
    key: 'verdict',
    help: 'the retry verdict',
    example: 'verdict:unsafe',
    parse: (v) => (r) => r.verdict === v,
    fixedValues: ['none', 'backoff', 'after', 'wait', 'fix', 'unsafe'],
  },
  {
    key: 'is',
    help: '`error` (status ≥ 400, no response, or a decoded error) or `ok`',
    example: 'is:error',
    parse: (v, raw) =>
      IS_VALUES.get(v) ?? `is: knows ${[...IS_VALUES.keys()].join(', ')}, not "${raw}"`,
    fixedValues: [...IS_VALUES.keys()],
  },
  // OpenAPI documents: requests no operation matched are neither documented nor undocumented.
  {
    key: 'documented',
    help: 'a matched OpenAPI operation documents the status (`true`) or not (`false`)',
    example: 'documented:false',
    parse: (v, raw) =>
      v === 'true' || v === 'false'
        ? (r) => r.documented === (v === 'true')
        : `documented: expects true or false, not "${raw}"`,
    fixedValues: ['false', 'true'],
  },
  {
    key: 'schema',
    help: 'the body matches the documented schema (`valid`) or not (`invalid`)',
    example: 'schema:invalid',
    parse: (v, raw) =>
      v === 'valid' || v === 'invalid'
        ? (r) => r.schemaValid === (v === 'valid')
        : `schema: expects valid or invalid, not "${raw}"`,
    fixedValues: ['invalid', 'valid'],
  },
];

const BY_KEY = new Map(FILTER_KEYS.map((k) => [k.key, k]));

export function filterKey(key: string): FilterKey | undefined {
  return BY_KEY.get(key.toLowerCase());
}
