import type { Cookie, Entry, Header, QueryString } from 'har-format';
import { redactBodyText, redactContent } from './bodies.ts';
import type { Scan } from './context.ts';
import { REDACTED } from './secrets.ts';
import { redactUrl } from './url.ts';
import { put, walk } from './walk.ts';

/**
 * The first pass over an entry: every place a secret is recognised by its name or position —
 * headers, query, URL userinfo and fragment, cookies, bodies, custom fields — is replaced, and
 * its value registered so the second pass (erase.ts) removes it wherever else it appears.
 */

// Headers whose value is a URL (RFC 9110 §10.1.3 Referer, §10.2.2 Location, §8.7
// Content-Location; RFC 9113 §8.3.1 :path): their query and userinfo follow the URL rules.
const URL_HEADERS = new Set([
  'referer',
  'location',
  'content-location',
  'origin',
  ':path',
  'link',
  'refresh',
]);
const COOKIE_HEADERS = new Set(['cookie', 'set-cookie']);

function cookieValues(s: Scan, header: string, set: boolean): void {
  // Cookie: a=1; b=2 (RFC 6265 §5.4); Set-Cookie: name=value; attributes (§5.2).
  const pairs = set ? [header.split(';', 1)[0]!] : header.split(';');
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    s.secret((eq < 0 ? pair : pair.slice(eq + 1)).trim(), false);
  }
}

function credentialParts(s: Scan, value: string, keyLike: boolean): void {
  // `Bearer <token>`, `Basic <base64(user:pass)>` (RFC 9110 §11.4, RFC 7617): the token and the
  // password travel alone elsewhere (an echo in an error message), so they are secrets too.
  const m = /^([A-Za-z][\w-]*)\s+(\S.*)$/.exec(value.trim());
  if (!m) return;
  s.secret(m[2]!, keyLike);
  if (m[1]!.toLowerCase() === 'basic') {
    try {
      const decoded = atob(m[2]!);
      s.secret(decoded, false);
      const colon = decoded.indexOf(':');
      if (colon >= 0) s.secret(decoded.slice(colon + 1), false);
    } catch {
      // not base64: the value itself is registered already
    }
  }
}

function headers(s: Scan, list: Header[] | undefined, path: string): Header[] | undefined {
  if (!Array.isArray(list)) return list;
  let changed = false;
  const out = list.map((h) => {
    if (typeof h !== 'object' || h === null || typeof h.name !== 'string') return h;
    const verdict = s.name('header', h.name);
    if (typeof h.value !== 'string') {
      // Odd shapes (Polly.JS writes array values): a secret header's value goes whole.
      if (!verdict.secret || h.value === undefined || h.value === null) return h;
      registerAll(s, h.value);
      s.note(`${path}.${h.name}`);
      changed = true;
      return { ...h, value: REDACTED };
    }
    if (h.value === '') return h;
    const lower = h.name.toLowerCase();
    if (verdict.secret) {
      s.note(`${path}.${h.name}`);
      const cookie = COOKIE_HEADERS.has(lower);
      if (cookie) cookieValues(s, h.value, lower === 'set-cookie');
      else credentialParts(s, h.value, verdict.keyLike);
      const mark = s.secret(h.value, verdict.keyLike && !cookie);
      const value = cookie ? REDACTED : mark;
      if (value === h.value || h.value.startsWith('[REDACTED')) return h;
      changed = true;
      return { ...h, value };
    }
    if (URL_HEADERS.has(lower)) {
      const value = redactUrl(s, h.value, `${path}.${h.name}`);
      if (value !== h.value) {
        changed = true;
        return { ...h, value };
      }
    }
    return h;
  });
  return changed ? out : list;
}

function query(s: Scan, list: QueryString[] | undefined, path: string) {
  if (!Array.isArray(list)) return list;
  let changed = false;
  const out = list.map((q) => {
    if (typeof q?.value !== 'string' || q.value === '' || typeof q.name !== 'string') return q;
    const verdict = s.name('param', q.name);
    if (!verdict.secret) return q;
    s.note(`${path}.${q.name}`);
    const mark = s.secret(q.value, verdict.keyLike);
    if (mark === q.value || q.value.startsWith('[REDACTED')) return q;
    changed = true;
    return { ...q, value: mark };
  });
  return changed ? out : list;
}

/** Every string inside `value` registered as a secret (a value under a secret name). */
function registerAll(s: Scan, value: unknown): void {
  if (typeof value === 'string') s.secret(value, false);
  else
    walk(value, '', {
      string(str) {
        s.secret(str, false);
        return str;
      },
    });
}

function cookies(s: Scan, list: Cookie[] | undefined, path: string) {
  if (typeof list === 'object' && list !== null && !Array.isArray(list)) {
    // Cookies as an object of name → value (Fiddler, IE): every value goes.
    const out: Record<string, unknown> = {};
    let changed = false;
    for (const [name, value] of Object.entries(list as Record<string, unknown>)) {
      if (value === REDACTED || value === '' || value === null) put(out, name, value);
      else {
        registerAll(s, value);
        s.note(`${path}.${name}`);
        put(out, name, REDACTED);
        changed = true;
      }
    }
    return changed ? (out as unknown as Cookie[]) : list;
  }
  if (!Array.isArray(list)) return list;
  let changed = false;
  const out = list.map((c) => {
    if (typeof c?.value !== 'string' || c.value === '' || c.value === REDACTED) return c;
    s.secret(c.value, false);
    s.note(`${path}.${c.name}`);
    changed = true;
    return { ...c, value: REDACTED };
  });
  return changed ? out : list;
}

function params(s: Scan, list: { name: string; value?: string }[] | undefined, path: string) {
  if (!Array.isArray(list)) return list;
  let changed = false;
  const out = list.map((p) => {
    if (typeof p?.value !== 'string' || p.value === '' || !s.field(p.name).secret) return p;
    s.note(`${path}.${p.name}`);
    s.secret(p.value, false);
    if (p.value === REDACTED) return p;
    changed = true;
    return { ...p, value: REDACTED };
  });
  return changed ? out : list;
}

const isCustom = (key: string) => key.startsWith('_') && key !== '_apiLens';
const LOOKS_LIKE_URL = /^([a-z][a-z0-9+.-]*:\/\/|\/)\S*$/i;

/** Custom fields (`_url`, `_webSocketMessages`, `_auth`…): every rule, at any depth. */
function custom<T>(s: Scan, value: T): T {
  return walk(
    value,
    '',
    {
      member(name, v, at) {
        if (!at.flagged || v === null || typeof v === 'boolean' || name === '_apiLens') {
          return name === '_apiLens' ? v : undefined;
        }
        const verdict = s.name('member', name);
        if (!verdict.secret) return undefined;
        if (typeof v === 'string' || typeof v === 'number') {
          if (v === '') return v;
          s.note(at.label().slice(1));
          const mark = s.secret(String(v), verdict.keyLike);
          return String(v).startsWith('[REDACTED') ? v : mark;
        }
        // An object under a secret name: all of it is secret.
        registerAll(s, v);
        s.note(at.label().slice(1));
        return REDACTED;
      },
      string(v, at) {
        if (!at.flagged || v.length < 8) return v;
        const label = at.label().slice(1);
        const url = LOOKS_LIKE_URL.test(v) ? redactUrl(s, v, label) : v;
        return redactBodyText(s, url, undefined, label);
      },
    },
    isCustom,
  );
}

/** Sets `key` only when `next` differs: a member a writer left out stays out. */
function set<T extends object>(obj: T, key: keyof T, prev: unknown, next: unknown): void {
  if (next !== prev) (obj as Record<PropertyKey, unknown>)[key] = next;
}

/** The entry with every secret recognised by name or position replaced. */
export function redactStructure(s: Scan, entry: Entry): Entry {
  const req = entry.request;
  const res = entry.response;
  const out = { ...entry } as Entry;
  if (req && typeof req === 'object') {
    const r = { ...req };
    if (typeof req.url === 'string') set(r, 'url', req.url, redactUrl(s, req.url, 'request.url'));
    set(r, 'headers', req.headers, headers(s, req.headers, 'request.headers'));
    set(r, 'queryString', req.queryString, query(s, req.queryString, 'request.queryString'));
    set(r, 'cookies', req.cookies, cookies(s, req.cookies, 'request.cookies'));
    if (req.postData && typeof req.postData === 'object') {
      const pd = redactContent(s, req.postData, 'request.postData.text');
      const ps = params(s, pd.params, 'request.postData.params');
      set(
        r,
        'postData',
        req.postData,
        ps === pd.params ? pd : ({ ...pd, params: ps } as typeof pd),
      );
    }
    out.request = r;
  }
  if (res && typeof res === 'object') {
    const r = { ...res };
    set(r, 'headers', res.headers, headers(s, res.headers, 'response.headers'));
    set(r, 'cookies', res.cookies, cookies(s, res.cookies, 'response.cookies'));
    if (res.content && typeof res.content === 'object')
      set(r, 'content', res.content, redactContent(s, res.content, 'response.content.text'));
    if (typeof res.redirectURL === 'string' && res.redirectURL !== '')
      set(r, 'redirectURL', res.redirectURL, redactUrl(s, res.redirectURL, 'response.redirectURL'));
    out.response = r;
  }
  return custom(s, out);
}
