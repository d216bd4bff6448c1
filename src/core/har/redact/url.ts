import { decodeQueryComponent } from '../../http.ts';
import type { Scan } from './context.ts';
import { REDACTED } from './secrets.ts';

/**
 * `name=value` pairs joined by `sep`: URL queries and fragments, urlencoded and text/plain form
 * bodies (HTML §4.10.21.7-8). A secret value is replaced (percent-encoded when `encoded`), and
 * registered so it is erased wherever else it appears.
 */
export function redactPairs(
  s: Scan,
  text: string,
  sep: RegExp,
  path: string,
  opts: { encoded: boolean; fingerprint: boolean; field: boolean },
): string {
  const parts = text.split(sep);
  const seps = text.match(sep) ?? [];
  let changed = false;
  const out = parts.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) return pair;
    const rawName = pair.slice(0, eq);
    const name = opts.encoded ? decodeQueryComponent(rawName) : rawName.trim();
    const verdict = opts.field ? s.field(name) : s.name('param', name);
    if (!verdict.secret) return pair;
    const raw = pair.slice(eq + 1);
    const value = opts.encoded ? decodeQueryComponent(raw) : raw;
    const mark = s.secret(value, verdict.keyLike && opts.fingerprint);
    const next = opts.encoded ? encodeURIComponent(mark) : mark;
    // Already a mark (an export annotated again): listed, as the first pass listed it.
    s.note(`${path}.${name}`);
    if (next === raw || value === mark) return pair;
    if (raw !== value) s.secret(raw, verdict.keyLike && opts.fingerprint);
    changed = true;
    return `${rawName}=${next}`;
  });
  if (!changed) return text;
  let joined = out[0]!;
  for (let i = 1; i < out.length; i++) joined += seps[i - 1]! + out[i]!;
  return joined;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * A URL without its credentials: userinfo (`user:pass@`, RFC 3986 §3.2.1 — deprecated for this
 * very reason), secret query parameters, and secret fragment parameters (`#access_token=…`,
 * RFC 6749 §4.2.2). `fingerprint`: API keys keep a fingerprint mark (URLs; not form bodies).
 */
export function redactUrl(s: Scan, raw: string, path: string): string {
  let url = raw;
  const scheme = SCHEME.exec(url);
  if (scheme) {
    const start = scheme[0].length;
    const end = url.slice(start).search(/[/?#]/);
    const authority = end < 0 ? url.slice(start) : url.slice(start, start + end);
    const at = authority.lastIndexOf('@');
    if (at > 0) {
      const userinfo = authority.slice(0, at);
      const masked = encodeURIComponent(REDACTED);
      if (userinfo !== masked) {
        s.secret(userinfo, false);
        for (const part of userinfo.split(/[:@]/)) s.secret(decodeQueryComponent(part), false);
        s.note(`${path}#userinfo`);
        url = url.slice(0, start) + masked + url.slice(start + at);
      }
    }
  }
  const hash = url.indexOf('#');
  const q = url.indexOf('?');
  const pairs = { encoded: true, fingerprint: true, field: false };
  if (q >= 0 && (hash < 0 || q < hash)) {
    const end = hash < 0 ? url.length : hash;
    const query = redactPairs(s, url.slice(q + 1, end), /&/g, path, pairs);
    url = url.slice(0, q + 1) + query + url.slice(end);
  }
  const h = url.indexOf('#');
  if (h >= 0 && url.indexOf('=', h) > 0) {
    url = url.slice(0, h + 1) + redactPairs(s, url.slice(h + 1), /&/g, path, pairs);
  }
  return url;
}
