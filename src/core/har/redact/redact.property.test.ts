import fc from 'fast-check';
import type { Entry, Har } from 'har-format';
import { describe, expect, it } from 'vitest';
import { parseUserProfiles } from '../../profiles/index.ts';
import { annotateHar } from '../annotate.ts';
import { PLANTED_PROFILE } from './test-planted.ts';

/**
 * Issue 8 §3 "Proof": random secrets planted in random places of generated entries — headers,
 * query, URL userinfo and fragment, bodies of each kind, custom fields, WebSocket frames — and
 * echoed elsewhere (other headers, bodies, redirectURL, error messages, custom fields, other
 * entries). None may survive anywhere in the serialised output, and `_apiLens.redacted` lists
 * exactly the places that changed.
 */

const parsed = parseUserProfiles([PLANTED_PROFILE]);
if (!parsed.ok) throw new Error(parsed.errors.join('; '));
const userProfiles = parsed.profiles;

const secretArb = fc
  .stringMatching(/^[A-Za-z0-9_.~/+=-]{10,24}$/)
  .map((s) => `Zq${s}`)
  .filter((s) => !s.includes('REDACTED'));

type Origin =
  | { kind: 'header'; name: string }
  | { kind: 'query'; name: string }
  | { kind: 'userinfo' }
  | { kind: 'fragment' }
  | { kind: 'body'; side: 'request' | 'response'; name: string; shape: string; depth: number }
  | { kind: 'form'; shape: 'urlencoded' | 'multipart' | 'plain'; name: string }
  | { kind: 'custom'; name: string; depth: number }
  | { kind: 'websocket'; name: string }
  | { kind: 'set-cookie' };

const originArb: fc.Arbitrary<Origin> = fc.oneof(
  fc.record({
    kind: fc.constant('header' as const),
    name: fc.constantFrom(
      'Authorization',
      'X-Api-Key',
      'Ocp-Apim-Subscription-Key',
      'X-Parse-Master-Key',
      'AccessKey',
      'X-Acme-Key',
      'Cookie',
      'x-auth-token',
    ),
  }),
  fc.record({
    kind: fc.constant('query' as const),
    name: fc.constantFrom(
      'access_token',
      'session_id',
      'jwt',
      'sig',
      'code',
      'access_key',
      'acct',
      'PHPSESSID',
    ),
  }),
  fc.constant({ kind: 'userinfo' as const }),
  fc.constant({ kind: 'fragment' as const }),
  fc.record({
    kind: fc.constant('body' as const),
    side: fc.constantFrom('request' as const, 'response' as const),
    name: fc.constantFrom(
      'secret_key',
      'SecretAccessKey',
      'clientSecret',
      'password',
      'apiToken',
      'x_acme_key',
    ),
    shape: fc.constantFrom('plain', 'bom', 'xssi', 'trailing', 'base64', 'double', 'xml'),
    depth: fc.integer({ min: 0, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('form' as const),
    shape: fc.constantFrom('urlencoded' as const, 'multipart' as const, 'plain' as const),
    name: fc.constantFrom('client_secret', 'password', 'api_key', 'refresh_token'),
  }),
  fc.record({
    kind: fc.constant('custom' as const),
    name: fc.constantFrom('password', 'token', 'apiKey'),
    depth: fc.integer({ min: 0, max: 30 }),
  }),
  fc.record({
    kind: fc.constant('websocket' as const),
    name: fc.constantFrom('token', 'password'),
  }),
  fc.constant({ kind: 'set-cookie' as const }),
);

const echoArb = fc.constantFrom(
  'referer',
  'response-body',
  'error-message',
  'custom-url',
  'websocket',
  'response-header',
  'redirect',
  'next-entry',
);

const plantArb = fc.record({
  secret: secretArb,
  origin: originArb,
  echoes: fc.uniqueArray(echoArb, { maxLength: 3 }),
});

const entryPlantsArb = fc.array(plantArb, { minLength: 1, maxLength: 4 });

function nest(depth: number, inner: string): string {
  return `${'{"n":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}

function nestObject(depth: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = { n: v };
  return v;
}

const BOUNDARY = 'b0undary';

function build(plantsPerEntry: { secret: string; origin: Origin; echoes: string[] }[][]): Har {
  const entries: Entry[] = plantsPerEntry.map((plants, i) => {
    const e = {
      startedDateTime: new Date(Date.UTC(2026, 10, 3, 12, 0, i)).toISOString(),
      time: 5,
      request: {
        method: 'POST',
        url: 'https://api.acme.test/v2/things',
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'Accept', value: 'application/json' }],
        queryString: [] as { name: string; value: string }[],
        cookies: [],
        headersSize: -1,
        bodySize: -1,
      },
      response: {
        status: plants.some((p) => p.echoes.includes('error-message')) ? 400 : 200,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        cookies: [],
        content: { size: 0, mimeType: 'application/json', text: '{"ok":true}' } as Record<
          string,
          unknown
        >,
        redirectURL: '',
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: 5, receive: 0 },
    } as unknown as Entry & Record<string, unknown>;
    const req = e.request;
    const res = e.response;
    const query: string[] = [];
    const messages: string[] = [];
    const ws: { type: 'send' | 'receive'; time: number; opcode: number; data: string }[] = [];
    let requestBody = false;
    let responseBody = false;
    for (const { secret, origin: planned, echoes } of plants) {
      const enc = encodeURIComponent(secret);
      // One body a side: a second body plant goes to a key header instead of replacing the first.
      const taken =
        planned.kind === 'form' || (planned.kind === 'body' && planned.side === 'request')
          ? requestBody
          : planned.kind === 'body' && responseBody;
      const origin: Origin = taken ? { kind: 'header', name: 'X-Api-Key' } : planned;
      if (origin.kind === 'form' || (origin.kind === 'body' && origin.side === 'request'))
        requestBody = true;
      if (origin.kind === 'body' && origin.side === 'response') responseBody = true;
      switch (origin.kind) {
        case 'header':
          req.headers.push({
            name: origin.name,
            value:
              origin.name === 'Authorization'
                ? `Bearer ${secret}`
                : origin.name === 'Cookie'
                  ? `sid=${secret}`
                  : secret,
          });
          break;
        case 'query':
          query.push(`${origin.name}=${enc}`);
          req.queryString.push({ name: origin.name, value: secret });
          break;
        case 'userinfo':
          req.url = req.url.replace('https://', `https://u:${enc}@`);
          break;
        case 'fragment':
          req.url += `${req.url.includes('#') ? '&' : '#'}access_token=${enc}`;
          break;
        case 'body': {
          const member = `{"x":1,${JSON.stringify(origin.name)}:${JSON.stringify(secret)}}`;
          let text = nest(origin.depth, member);
          let encoding: string | undefined;
          let mimeType = 'application/json';
          if (origin.shape === 'bom') text = `\uFEFF${text}`;
          if (origin.shape === 'xssi') text = `)]}'\n${text}`;
          if (origin.shape === 'trailing') text = `{"a":[1,2,],"b":${text},}`;
          if (origin.shape === 'double') text = JSON.stringify({ payload: text });
          if (origin.shape === 'xml') {
            mimeType = 'application/xml';
            text = `<r><${origin.name}>${secret}</${origin.name}></r>`;
          }
          if (origin.shape === 'base64') {
            text = btoa(text);
            encoding = 'base64';
            mimeType = '';
          }
          if (origin.side === 'request') req.postData = { mimeType, text };
          else
            res.content = { size: text.length, mimeType, text, ...(encoding ? { encoding } : {}) };
          break;
        }
        case 'form': {
          const text =
            origin.shape === 'urlencoded'
              ? `a=1&${origin.name}=${enc}`
              : origin.shape === 'plain'
                ? `a=1\r\n${origin.name}=${secret}\r\n`
                : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${origin.name}"\r\n\r\n${secret}\r\n--${BOUNDARY}--\r\n`;
          const mimeType =
            origin.shape === 'urlencoded'
              ? 'application/x-www-form-urlencoded'
              : origin.shape === 'plain'
                ? 'text/plain'
                : `multipart/form-data; boundary=${BOUNDARY}`;
          req.postData = { mimeType, text };
          break;
        }
        case 'custom':
          e[`_c${Object.keys(e).length}`] = nestObject(origin.depth, { [origin.name]: secret });
          break;
        case 'websocket':
          ws.push({
            type: 'send',
            time: 1,
            opcode: 1,
            data: JSON.stringify({ [origin.name]: secret }),
          });
          break;
        case 'set-cookie':
          res.headers.push({ name: 'Set-Cookie', value: `s=${secret}; HttpOnly` });
          break;
      }
      for (const echo of echoes) {
        if (echo === 'referer')
          req.headers.push({ name: 'Referer', value: `https://app.test/p/${enc}` });
        if (echo === 'response-body' || echo === 'error-message') messages.push(`bad ${secret}`);
        if (echo === 'custom-url') e._url = `https://x.test/${enc}?y=1`;
        if (echo === 'websocket')
          ws.push({ type: 'receive', time: 2, opcode: 1, data: `hi ${secret}` });
        if (echo === 'response-header')
          res.headers.push({ name: 'X-Debug', value: `saw ${secret}` });
        if (echo === 'redirect') res.redirectURL = `https://x.test/cb/${enc}`;
      }
    }
    if (query.length) req.url = req.url.replace(/(#|$)/, `?${query.join('&')}$1`);
    if (messages.length && !responseBody)
      res.content = {
        size: 1,
        mimeType: 'application/json',
        text: JSON.stringify({ error: { message: messages.join('; ') } }),
      };
    else if (messages.length) res.headers.push({ name: 'X-Message', value: messages.join('; ') });
    if (ws.length) e._webSocketMessages = ws;
    return e;
  });
  // "next-entry" echoes: the secret reappears in another entry of the log.
  plantsPerEntry.forEach((plants, i) => {
    const other = entries[(i + 1) % entries.length]!;
    for (const p of plants)
      if (p.echoes.includes('next-entry'))
        other.response.headers.push({ name: 'X-Seen-Before', value: `was ${p.secret}` });
  });
  return { log: { version: '1.2', creator: { name: 'gen', version: '1' }, entries } };
}

/** Every differing leaf between `a` and `b`, labelled like redaction's paths. */
function changed(a: unknown, b: unknown, path: string, out: Set<string>, listKey = ''): void {
  if (a === b) return;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    out.add(path);
    return;
  }
  const named = ['headers', 'queryString', 'cookies', 'params'].includes(listKey);
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (Array.isArray(a)) {
      const item = x as { name?: unknown };
      const label = named && typeof item?.name === 'string' ? `.${item.name}` : `[${k}]`;
      if (named && typeof item?.name === 'string') {
        // A name/value pair is labelled by its name; its value is the pair.
        changed(item.name, (y as { name?: unknown })?.name, `${path}${label}`, out);
        changed(
          (x as { value?: unknown }).value,
          (y as { value?: unknown })?.value,
          `${path}${label}`,
          out,
        );
      } else changed(x, y, `${path}${label}`, out, '');
    } else changed(x, y, path ? `${path}.${k}` : k, out, k);
  }
}

const BOUNDARY_CHARS = new Set(['.', '#', '$', '<', '[']);
const within = (path: string, place: string) =>
  path === place || (path.startsWith(place) && BOUNDARY_CHARS.has(path[place.length]!));

describe('redaction, property-tested (issue 8 §3)', () => {
  it('no planted secret survives anywhere, and _apiLens.redacted lists exactly what changed', () => {
    fc.assert(
      fc.property(fc.array(entryPlantsArb, { minLength: 1, maxLength: 3 }), (plantsPerEntry) => {
        const har = build(plantsPerEntry);
        const raw = annotateHar(structuredClone(har), { redact: false, userProfiles });
        const out = annotateHar(har, { userProfiles });
        const text = JSON.stringify(out);
        for (const plants of plantsPerEntry)
          for (const { secret } of plants) {
            expect(text).not.toContain(secret);
            expect(text).not.toContain(encodeURIComponent(secret));
            expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
          }
        out.log.entries.forEach((after, i) => {
          const before = raw.log.entries[i]!;
          const { redacted, ...annotation } = (
            after as unknown as { _apiLens: { redacted?: string[] } }
          )._apiLens;
          const places = new Set<string>();
          changed(
            { ...before, _apiLens: (before as unknown as { _apiLens: unknown })._apiLens },
            { ...after, _apiLens: annotation },
            '',
            places,
          );
          const listed = redacted ?? [];
          // Everything listed changed, and everything that changed is listed.
          for (const p of listed)
            expect(
              [...places].some((c) => within(p, c)),
              p,
            ).toBe(true);
          for (const c of places)
            expect(
              listed.some((p) => within(p, c)),
              c,
            ).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});
