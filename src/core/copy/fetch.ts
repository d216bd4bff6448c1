import type { Entry } from 'har-format';
import type { Header } from '../http.ts';
import { jsString } from './quote.ts';
import { type CopyOptions, type CopyRequest, copyRequest } from './request.ts';

/**
 * Copy as fetch (a page's console) and Copy as Node fetch (Node 18+ global fetch). Every
 * string is a JSON.stringify'd literal: no template literals, so nothing from the request is
 * ever interpolated or run.
 */

// Fetch standard §2.2.2 "forbidden request-header": a page's fetch may not set these (the
// browser does). Cookies travel with `credentials: "include"`, Referer as `referrer`.
const FORBIDDEN =
  /^(accept-charset|accept-encoding|access-control-request-headers|access-control-request-method|connection|content-length|cookie|cookie2|date|dnt|expect|host|keep-alive|origin|referer|set-cookie|te|trailer|transfer-encoding|upgrade|via|proxy-.*|sec-.*)$/i;

/** One value per name: repeated headers are combined with ", " (RFC 9110 §5.3). */
function headerObject(headers: readonly Header[], indent: string): string {
  const merged = new Map<string, { name: string; values: string[] }>();
  for (const h of headers) {
    const k = h.name.toLowerCase();
    const m = merged.get(k);
    if (m) m.values.push(h.value);
    else merged.set(k, { name: h.name, values: [h.value] });
  }
  if (merged.size === 0) return '{}';
  const lines = [...merged.values()].map(
    (m) => `${indent}  ${jsString(m.name)}: ${jsString(m.values.join(', '))},`,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** `{ method, headers, body, … }` as an object literal, indented by `indent`. */
export function fetchInit(
  r: CopyRequest,
  headers: readonly Header[],
  extra: string[],
  indent: string,
): string {
  const lines = [`${indent}  method: ${jsString(r.method)},`];
  lines.push(`${indent}  headers: ${headerObject(headers, `${indent}  `)},`);
  // fetch refuses a body on GET/HEAD (Fetch standard, Request constructor step 36).
  if (r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD')
    lines.push(`${indent}  body: ${jsString(r.body)},`);
  for (const e of extra) lines.push(`${indent}  ${e},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function redactionNote(r: CopyRequest): string[] {
  return r.redacted.length
    ? [
        `// Credentials were redacted by API Lens (${r.redacted.length}): put yours back before running.`,
      ]
    : [];
}

/** For the browser console: forbidden headers left to the browser. */
export function toFetch(entry: Entry, opts: CopyOptions = {}): string {
  const r = copyRequest(entry, opts);
  const headers = r.headers.filter((h) => !FORBIDDEN.test(h.name));
  const referer = r.headers.find((h) => h.name.toLowerCase() === 'referer');
  const cookie = r.headers.some((h) => h.name.toLowerCase() === 'cookie');
  const extra = [
    ...(referer ? [`referrer: ${jsString(referer.value)}`] : []),
    ...(cookie ? ['credentials: "include"'] : []),
  ];
  return [
    ...redactionNote(r),
    `await fetch(${jsString(r.url)}, ${fetchInit(r, headers, extra, '')});`,
  ].join('\n');
}

/** For Node.js 18+ (global fetch; an ES module for top-level await): every header is sent. */
export function toNodeFetch(entry: Entry, opts: CopyOptions = {}): string {
  const r = copyRequest(entry, opts);
  return [
    '// Node.js 18+ (global fetch). Save as an .mjs file: it uses top-level await.',
    ...redactionNote(r),
    `const res = await fetch(${jsString(r.url)}, ${fetchInit(r, r.headers, [], '')});`,
    'console.log(res.status, await res.text());',
  ].join('\n');
}
