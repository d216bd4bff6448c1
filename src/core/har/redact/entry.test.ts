import type { Entry } from 'har-format';
import { describe, expect, it } from 'vitest';
import { credentialFingerprint, redactionMark } from '../../rate/fingerprint.ts';
import { REDACTED, redactEntry, redactUrl } from './index.ts';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

function entry(
  over: Partial<{ req: Partial<Entry['request']>; res: Partial<Entry['response']> }> = {},
): Entry {
  return {
    startedDateTime: '2026-11-23T10:00:00.000Z',
    time: 12,
    request: {
      method: 'POST',
      url: 'https://api.example.com/v1/things?api_key=sk_live_123&page=2',
      httpVersion: 'HTTP/1.1',
      headers: [
        { name: 'Authorization', value: 'Bearer sk_live_secret' },
        { name: 'X-Api-Key', value: 'k-999' },
        { name: 'Accept', value: 'application/json' },
        { name: 'Idempotency-Key', value: 'abc-123' },
      ],
      queryString: [
        { name: 'api_key', value: 'sk_live_123' },
        { name: 'page', value: '2' },
      ],
      cookies: [{ name: 'sid', value: 's3cr3t' }],
      headersSize: -1,
      bodySize: -1,
      postData: {
        mimeType: 'application/json',
        text: '{"name":"x","password":"hunter2","nested":{"client_secret":"cs"}}',
      },
      ...over.req,
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [
        { name: 'Set-Cookie', value: 'sid=s3cr3t; HttpOnly' },
        { name: 'WWW-Authenticate', value: 'Bearer realm="api"' },
      ],
      cookies: [],
      content: {
        size: 10,
        mimeType: 'application/json',
        text: `{"access_token":"${JWT}","expires_in":3600}`,
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      ...over.res,
    },
    cache: {},
    timings: { send: 0, wait: 10, receive: 2 },
  };
}

describe('redactEntry', () => {
  it('removes credentials from headers, query, cookies and JSON bodies, and lists what it removed', () => {
    const { entry: out, removed } = redactEntry(entry());
    const text = JSON.stringify(out);
    for (const secret of [
      'sk_live_secret',
      'k-999',
      'sk_live_123',
      's3cr3t',
      'hunter2',
      '"cs"',
      'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(removed).toEqual(
      expect.arrayContaining([
        'request.headers.Authorization',
        'request.headers.X-Api-Key',
        'request.url.api_key',
        'request.queryString.api_key',
        'request.cookies.sid',
        'request.postData.text$.password',
        'request.postData.text$.client_secret',
        'response.headers.Set-Cookie',
        'response.content.text$.access_token',
      ]),
    );
  });

  it('keeps what is not a credential: challenges, idempotency keys, ordinary params and fields', () => {
    const { entry: out } = redactEntry(entry());
    expect(out.request.headers).toContainEqual({ name: 'Idempotency-Key', value: 'abc-123' });
    expect(out.request.headers).toContainEqual({ name: 'Accept', value: 'application/json' });
    expect(out.response.headers).toContainEqual({
      name: 'WWW-Authenticate',
      value: 'Bearer realm="api"',
    });
    expect(out.request.url).toBe(
      `https://api.example.com/v1/things?api_key=${encodeURIComponent(redactionMark('sk_live_123'))}&page=2`,
    );
    expect(JSON.parse(out.request.postData!.text!)).toMatchObject({ name: 'x', nested: {} });
    expect(JSON.parse(out.response.content.text!).expires_in).toBe(3600);
  });

  it('does not mutate its input', () => {
    const input = entry();
    const copy = structuredClone(input);
    redactEntry(input);
    expect(input).toEqual(copy);
  });

  it('strips JWT signatures from free text but keeps the readable header and payload', () => {
    const { entry: out, removed } = redactEntry(
      entry({ res: { content: { size: 1, mimeType: 'text/plain', text: `token is ${JWT} ok` } } }),
    );
    expect(out.response.content.text).toBe(
      `token is ${JWT.split('.').slice(0, 2).join('.')}.${REDACTED} ok`,
    );
    expect(removed).toContain('response.content.text#secret-value');
  });

  it('finds secrets inside base64-encoded JSON bodies', () => {
    const body = btoa('{"refresh_token":"rt-1"}');
    const { entry: out } = redactEntry(
      entry({
        res: { content: { size: 1, mimeType: 'application/json', text: body, encoding: 'base64' } },
      }),
    );
    // Encoded again as it came: the output equals the input except for what was redacted.
    expect(out.response.content.encoding).toBe('base64');
    expect(JSON.parse(atob(out.response.content.text!))).toEqual({
      refresh_token: redactionMark('rt-1'),
    });
  });

  it('redacts form-encoded request bodies and extra profile key headers', () => {
    const { entry: out, removed } = redactEntry(
      entry({
        req: {
          headers: [
            { name: 'X-Vendor-Credentials', value: 'v' },
            { name: 'Tenant', value: 't-1' },
          ],
          postData: { mimeType: 'application/x-www-form-urlencoded', text: 'user=a&password=b' },
        },
      }),
      { secretHeaders: ['Tenant'] },
    );
    expect(out.request.postData!.text).toBe(`user=a&password=${encodeURIComponent(REDACTED)}`);
    expect(removed).toEqual(
      expect.arrayContaining(['request.headers.X-Vendor-Credentials', 'request.headers.Tenant']),
    );
  });

  it('leaves a body that is not valid JSON intact apart from JWTs', () => {
    const { entry: out } = redactEntry(
      entry({ res: { content: { size: 1, mimeType: 'application/json', text: '{"password": ' } } }),
    );
    expect(out.response.content.text).toBe('{"password": ');
  });
});

describe('redactUrl', () => {
  it('redacts token-like parameters and keeps the fragment', () => {
    expect(redactUrl('https://x.test/cb?code=abc&state=1#frag')).toBe(
      `https://x.test/cb?code=${encodeURIComponent(REDACTED)}&state=1#frag`,
    );
    expect(redactUrl('https://x.test/a?access_token=t')).not.toContain('=t');
    expect(redactUrl('https://x.test/a')).toBe('https://x.test/a');
  });
});

describe('fingerprints in redacted files', () => {
  it('keeps API keys countable by their fingerprint, never passwords or cookies', () => {
    const { entry: out } = redactEntry(entry());
    const auth = out.request.headers.find((h) => h.name === 'Authorization')!.value;
    expect(auth).toMatch(/^\[REDACTED k:[0-9a-f]{12}\]$/);
    expect(
      credentialFingerprint({ requestHeaders: out.request.headers, url: out.request.url }),
    ).toBe(
      credentialFingerprint({ requestHeaders: entry().request.headers, url: entry().request.url }),
    );
    const form = redactEntry({
      ...entry(),
      request: {
        ...entry().request,
        postData: {
          mimeType: 'application/x-www-form-urlencoded',
          text: 'password=hunter2&api_key=k1',
        },
      },
    }).entry.request.postData!.text!;
    expect(form).toBe(
      `password=${encodeURIComponent(REDACTED)}&api_key=${encodeURIComponent(REDACTED)}`,
    );
    expect(redactUrl('https://x.test/?password=hunter2')).toBe(
      `https://x.test/?password=${encodeURIComponent(REDACTED)}`,
    );
  });
});

describe('profile names', () => {
  it('every secret-name list of a profile feeds redaction, keyCookies included', () => {
    const e = entry({
      req: {
        url: 'https://api.example.com/v1/things?tkt=ticket-000111&page=2',
        headers: [{ name: 'X-Tenant', value: 'tenant-value-1' }],
        queryString: [],
      },
    });
    const plain = redactEntry(e).entry;
    expect(plain.request.url).toContain('ticket-000111');
    expect(JSON.stringify(plain)).toContain('tenant-value-1');
    const { entry: out, removed } = redactEntry(e, {
      userProfiles: [{ keyCookies: ['tkt'], keyHeaders: ['X-Tenant'] }],
    });
    expect(JSON.stringify(out)).not.toContain('ticket-000111');
    expect(JSON.stringify(out)).not.toContain('tenant-value-1');
    expect(removed).toEqual(
      expect.arrayContaining(['request.url.tkt', 'request.headers.X-Tenant']),
    );
  });
});
