/**
 * Endpoint templates: `GET api.neo4j.io/v1/instances/{id}` for grouping errors, so ten 404s on
 * ten different instance ids read as one problem. A segment is an id when it is numeric, a
 * UUID, long hex, a short token with two or more digits (`zz99`, `d404`), a long token mixing
 * letters and digits, or a long base62 token (random case); version segments (`v1`,
 * `v1beta3`) and words (`oauth2`, `getUserPreferences`) stay.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMERIC = /^\d+$/;
const HEX = /^(?=.*\d)[0-9a-f]{8,}$/i;
const VERSION = /^v\d+([a-z]+\d*)?$/i;
const ALNUM = /^[a-z0-9]+$/i;

/** Base62 noise: capitals that do not start a lower-case word, and digits (camelCase has none). */
function randomCase(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c >= '0' && c <= '9') n++;
    else if (c >= 'A' && c <= 'Z' && !/[a-z]/.test(s[i + 1] ?? '')) n++;
  }
  return n;
}

export function isIdSegment(segment: string): boolean {
  if (segment === '' || VERSION.test(segment)) return false;
  if (NUMERIC.test(segment) || UUID.test(segment) || HEX.test(segment)) return true;
  const digits = segment.replace(/\D/g, '').length;
  const letters = /[a-z]/i.test(segment);
  // Short ids (`zz99`, `ab12`, `d404`): letters with at least two digits, not a word like `oauth2`.
  if (ALNUM.test(segment) && letters && digits >= 2 && segment.length >= 3) return true;
  // Long base62 keys without many digits: random capitals give them away.
  if (ALNUM.test(segment) && segment.length >= 16 && randomCase(segment) >= 3) return true;
  // Opaque ids (Stripe `cus_9s6XKzkNRiz8i3`): long, with both letters and digits.
  return segment.length >= 12 && digits > 0 && letters && !/[.]/.test(segment);
}

/**
 * `https://api.example.com/v1/users/42/posts?x=1` → `api.example.com/v1/users/{id}/posts`.
 * With the matched OpenAPI operation's template (relative to its server URL), the document's
 * own names replace the guess: `api.example.com/v1/users/{userId}/posts`.
 */
export function endpointTemplate(url: string, pathTemplate?: string): string {
  let rest = url;
  const scheme = rest.indexOf('://');
  if (scheme >= 0) rest = rest.slice(scheme + 3);
  const cut = rest.search(/[?#]/);
  if (cut >= 0) rest = rest.slice(0, cut);
  const slash = rest.indexOf('/');
  const host = (slash < 0 ? rest : rest.slice(0, slash)).replace(/^[^@]*@/, '').toLowerCase();
  const path = slash < 0 ? '/' : rest.slice(slash);
  if (pathTemplate !== undefined) {
    const segs = path.replace(/(.)\/$/, '$1').split('/');
    const own =
      pathTemplate === '/' ? 0 : pathTemplate.replace(/(.)\/$/, '$1').split('/').length - 1;
    const base = segs.slice(0, Math.max(1, segs.length - own)).join('/');
    return host + base + (pathTemplate === '/' ? '' : pathTemplate);
  }
  return (
    host +
    path
      .split('/')
      .map((s) => (isIdSegment(s) ? '{id}' : s))
      .join('/')
  );
}
