import type { Entry, Header } from 'har-format';

/**
 * Real HAR writers bend HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): Polly.JS
 * writes header values as arrays, Charles `redirectURL: null`, Firefox `headersSize: null` on
 * cached entries, Fiddler/IE cookies as objects, mitmproxy `content: []` for a failed request,
 * some tools numbers as strings, others leave optional members out. API Lens keeps the file as
 * it is and reads it through this view: the members the engine reads, coerced to their HAR
 * types. The view shares everything it does not have to change with the original, and is the
 * original itself when nothing needs coercing (the common case costs a few type checks).
 */

export type Warn = (path: string, problem: string) => void;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // Polly.JS: `"value": ["*/*"]` (a header sent several times); joined as RFC 9110 §5.3 allows.
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number'))
    return v.join(', ');
  return undefined;
}

function headerList(v: unknown, path: string, warn: Warn | undefined): Header[] {
  if (!Array.isArray(v)) {
    if (v !== undefined) warn?.(path, 'not a list of headers; read as none');
    return [];
  }
  let clean = true;
  for (const h of v) {
    if (!isObject(h) || typeof h.name !== 'string' || typeof h.value !== 'string') {
      clean = false;
      break;
    }
  }
  if (clean) return v as Header[];
  const out: Header[] = [];
  for (let i = 0; i < v.length; i++) {
    const h = v[i];
    const name = isObject(h) ? text(h.name) : undefined;
    const value = isObject(h) ? text(h.value) : undefined;
    if (name === undefined || value === undefined) {
      warn?.(`${path}[${i}]`, 'not a {name, value} header; skipped');
      continue;
    }
    if (typeof (h as Record<string, unknown>).value !== 'string')
      warn?.(`${path}[${i}].value`, 'not a string; read as text');
    out.push({ name, value });
  }
  return out;
}

function status(v: unknown, path: string, warn: Warn | undefined): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const n = typeof v === 'string' && /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : Number.NaN;
  warn?.(path, Number.isNaN(n) ? 'not a status code; read as 0 (no response)' : 'a string');
  return Number.isNaN(n) ? 0 : n;
}

/** The start time in epoch ms, or NaN when the entry has none that parses. */
export function startTime(entry: unknown): number {
  const s = isObject(entry) ? entry.startedDateTime : undefined;
  return typeof s === 'string' ? Date.parse(s) : Number.NaN;
}

/**
 * The entry as the engine reads it. `warn` hears about each coercion that changes what API Lens
 * understands (not about harmless deviations such as a null `redirectURL`, which it never reads).
 */
export function readableEntry(raw: unknown, path = 'entry', warn?: Warn): Entry {
  const e = isObject(raw) ? raw : {};
  const req = isObject(e.request) ? e.request : undefined;
  const res = isObject(e.response) ? e.response : undefined;
  if (!req) warn?.(`${path}.request`, 'missing; read as an empty GET');
  if (!res) warn?.(`${path}.response`, 'missing; read as no response');
  if (typeof e.startedDateTime !== 'string' || Number.isNaN(Date.parse(e.startedDateTime)))
    warn?.(`${path}.startedDateTime`, 'not a date; counted at its place in the file');

  const method = text(req?.method) ?? 'GET';
  const url = text(req?.url) ?? '';
  const reqHeaders = headerList(req?.headers, `${path}.request.headers`, warn);
  const request =
    req &&
    req.method === method &&
    req.url === url &&
    req.headers === reqHeaders &&
    (req.postData === undefined || isObject(req.postData))
      ? req
      : {
          ...req,
          method,
          url,
          headers: reqHeaders,
          ...(isObject(req?.postData) ? {} : { postData: undefined }),
        };

  const code = status(res?.status, `${path}.response.status`, res ? warn : undefined);
  const resHeaders = headerList(res?.headers, `${path}.response.headers`, warn);
  const content = isObject(res?.content) ? res.content : {};
  const body = content.text;
  const contentOk =
    res?.content === content &&
    (body === undefined || typeof body === 'string') &&
    (content.mimeType === undefined || typeof content.mimeType === 'string') &&
    (content.encoding === undefined || typeof content.encoding === 'string');
  if (res && !contentOk)
    warn?.(`${path}.response.content`, 'not a HAR content object; read as no body');
  const response =
    res && res.status === code && res.headers === resHeaders && contentOk
      ? res
      : {
          ...res,
          status: code,
          headers: resHeaders,
          content: contentOk
            ? content
            : {
                ...content,
                text: typeof body === 'string' ? body : undefined,
                mimeType: typeof content.mimeType === 'string' ? content.mimeType : '',
                encoding: typeof content.encoding === 'string' ? content.encoding : undefined,
              },
        };

  if (request === req && response === res && typeof e.startedDateTime === 'string')
    return e as unknown as Entry;
  return {
    ...e,
    startedDateTime: typeof e.startedDateTime === 'string' ? e.startedDateTime : '',
    request,
    response,
  } as unknown as Entry;
}
