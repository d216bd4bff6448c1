/**
 * Which names carry secrets: headers, query and form parameters, body members (JSON, XML,
 * custom fields). Names are compared in any case and separator style: `X-Api-Key`, `x_api_key`,
 * `xApiKey` and `XAPIKEY` all normalise to `xapikey` (`squash`), and split into the words
 * `x api key` where a rule needs words (`words`).
 */

/** `SecretAccessKey` → ["secret", "access", "key"]; `PHPSESSID` → ["phpsessid"]. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** `X-Acme-Key` → `xacmekey`: the name without case or separators. */
export function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

// Headers that carry key, token, secret, auth, session, signature, password or credential in
// their name, in any style (issue 8 §3): Ocp-Apim-Subscription-Key, X-Parse-Master-Key, AccessKey.
const HEADER_PARTS =
  /key|token|secret|auth|session|sessid|signature|passw|pwd|credential|cookie|jwt/;
// …except these, which carry none despite the name: the HTTP/2 host (RFC 9113 §8.3.1), challenges (RFC 9110 §11.6.1, §11.7.1,
// RFC 7615), nonces (Idempotency-Key draft-ietf-httpapi-idempotency-key-header; RFC 6455
// §11.3.1 Sec-WebSocket-Key/Accept), public-key pins (RFC 7469), and CORS flags (Fetch standard).
const PUBLIC_HEADERS = new Set([
  ':authority',
  'www-authenticate',
  'proxy-authenticate',
  'authentication-info',
  'proxy-authentication-info',
  'idempotency-key',
  'sec-websocket-key',
  'sec-websocket-accept',
  'public-key-pins',
  'public-key-pins-report-only',
  'access-control-allow-credentials',
]);
// Header credentials that keep a fingerprint (API keys and tokens; not cookies or passwords).
const HEADER_KEYLIKE = /key|token|auth/;

// Query, form and fragment parameters: any name containing one of these…
const PARAM_PARTS =
  /token|secret|passw|passphrase|signature|credential|session|sessid|jwt|apikey|accesskey|secretkey|privatekey|authkey|authorization/;
// …or exactly one of these (OAuth's `code`, SAS `sig`, Google's `key`), or ending in `key`/`sig`.
const PARAM_EXACT = new Set(['code', 'sig', 'sid', 'key', 'auth', 'pwd', 'pass', 'otp', 'oauth']);
const PARAM_LAST_WORD = new Set(['key', 'sig', 'pwd', 'otp']);
// API keys and tokens in URLs keep a fingerprint, so a redacted export still counts per key.
const PARAM_KEYLIKE = /(key|token)$/;

// Body members (JSON, XML, form fields, custom fields): snake, camel and Pascal case alike.
const MEMBER_PARTS =
  /passw|passphrase|secret|token|credential|apikey|accesskey|privatekey|secretkey|signingkey|masterkey|subscriptionkey|licensekey|sessionid|sessid|sessionkey|jwt|authorization|signature|cookie/;
const MEMBER_EXACT = new Set(['pwd', 'pass', 'auth', 'otp', 'sig', 'session', 'oauth']);
// A member about a secret rather than the secret: token_type, tokenUrl, password_policy…
const MEMBER_ABOUT = new Set([
  'type',
  'types',
  'url',
  'uri',
  'endpoint',
  'expires',
  'expiry',
  'expiration',
  'exp',
  'ttl',
  'lifetime',
  'length',
  'count',
  'hint',
  'format',
  'policy',
  'required',
  'enabled',
  'algorithm',
  'alg',
]);

/**
 * The names a policy adds to the built-in rules: a profile's key headers and parameters, and
 * whatever other secret names the caller knows, squashed. Matched as headers, parameters and
 * members alike (an API key is a secret wherever it is sent).
 */
export type ExtraNames = ReadonlySet<string>;

export type NameKind = 'header' | 'param' | 'member';

export interface NameVerdict {
  /** The value under this name is a credential. */
  secret: boolean;
  /** It is an API key or token: redaction keeps its fingerprint (`[REDACTED k:…]`). */
  keyLike: boolean;
}

const NO: NameVerdict = { secret: false, keyLike: false };

export function classifyName(kind: NameKind, name: string, extra: ExtraNames): NameVerdict {
  const sq = squash(name);
  if (sq === '') return NO;
  if (extra.has(sq)) return { secret: true, keyLike: true };
  if (kind === 'header') {
    if (PUBLIC_HEADERS.has(name.toLowerCase()) || !HEADER_PARTS.test(sq)) return NO;
    return { secret: true, keyLike: HEADER_KEYLIKE.test(sq) && !/cookie/.test(sq) };
  }
  const w = words(name);
  const last = w[w.length - 1] ?? '';
  if (kind === 'param') {
    const secret = PARAM_PARTS.test(sq) || PARAM_EXACT.has(sq) || PARAM_LAST_WORD.has(last);
    return secret ? { secret, keyLike: PARAM_KEYLIKE.test(sq) } : NO;
  }
  if (w.length > 1 && MEMBER_ABOUT.has(last)) return NO;
  // The id of a key names it without granting anything (AWS AccessKeyId); a session id grants.
  if (w.length > 1 && last === 'id' && !/sess/.test(sq)) return NO;
  return MEMBER_PARTS.test(sq) || MEMBER_EXACT.has(sq)
    ? { secret: true, keyLike: /(key|token)$/.test(sq) }
    : NO;
}

/**
 * A cheap test that a text may hold a secret member or parameter at all: every name the rules
 * above can match contains one of these (case-insensitively), so a body without any is not
 * scanned (most bodies of a big export have none).
 */
const HINT_WORDS = [
  'pass',
  'pwd',
  'secret',
  'token',
  'credential',
  'key',
  'auth',
  'session',
  'sessid',
  'signature',
  'sig',
  'jwt',
  'cookie',
  'otp',
  'code',
  'sid',
];

export function nameHint(extra: ExtraNames): RegExp {
  const parts = new Set(HINT_WORDS);
  // Extra names are matched squashed; the text spells them with separators, so hint on each word.
  for (const name of extra) parts.add(name);
  return new RegExp([...parts].map(escapeRegExp).join('|'), 'i');
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
