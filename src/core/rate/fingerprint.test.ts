import { describe, expect, it } from 'vitest';
import type { Header } from '../http.ts';
import { credentialFingerprint, redactionMark } from './fingerprint.ts';

const URL = 'https://api.example.com/v1/things';

function fp(
  requestHeaders: Header[],
  url = URL,
  keyHeaders: string[] = [],
  keyQueryParams: string[] = [],
) {
  return credentialFingerprint({ requestHeaders, url, keyHeaders, keyQueryParams });
}

const bearer = (token: string): Header[] => [{ name: 'Authorization', value: `Bearer ${token}` }];

describe('credentialFingerprint', () => {
  it('gives the same fingerprint for the same key, in the k:<12 hex> form', () => {
    const a = fp(bearer('sk_live_123'));
    expect(a).toMatch(/^k:[0-9a-f]{12}$/);
    expect(fp([{ name: 'authorization', value: 'Bearer sk_live_123' }])).toBe(a);
  });

  it('gives different fingerprints for different keys', () => {
    expect(fp(bearer('key-one'))).not.toBe(fp(bearer('key-two')));
  });

  it('never contains the credential or a prefix of it', () => {
    const secret = 'abcdef0123456789abcdef';
    for (const out of [fp(bearer(secret)), fp([], `${URL}?api_key=${secret}`)]) {
      expect(out).toBeDefined();
      expect(out).not.toContain(secret.slice(0, 6));
    }
  });

  it('returns undefined when the request carries no credential', () => {
    expect(fp([{ name: 'Accept', value: 'application/json' }], `${URL}?page=2`)).toBeUndefined();
    expect(fp([{ name: 'Authorization', value: '  ' }])).toBeUndefined();
  });

  it("reads the profile's key headers and key query parameters", () => {
    const viaHeader = fp([{ name: 'X-Aurora-Key', value: 'k1' }], URL, ['x-aurora-key']);
    const viaQuery = fp([], `${URL}?page=1&token=k1#frag`, [], ['token']);
    expect(viaHeader).toMatch(/^k:/);
    // The same key sent either way is the same credential.
    expect(viaQuery).toBe(viaHeader);
    expect(fp([{ name: 'X-Aurora-Key', value: 'k1' }])).toBeUndefined();
  });

  it('recognises common key names without a profile', () => {
    const key = fp([{ name: 'x-api-key', value: 'zzz' }]);
    expect(key).toBeDefined();
    expect(fp([], `${URL}?apikey=zzz`)).toBe(key);
    expect(fp([], `${URL}?access_token=zzz`)).toBe(key);
    expect(fp([], `${URL}?api_key=z%7Az`)).toBe(key);
  });

  it('prefers Authorization over key headers, and key headers over query parameters', () => {
    const auth = fp(bearer('a'));
    const header = fp([{ name: 'X-Key', value: 'h' }], URL, ['x-key']);
    const both = [...bearer('a'), { name: 'X-Key', value: 'h' }];
    expect(fp(both, `${URL}?key=q`, ['x-key'], ['key'])).toBe(auth);
    expect(fp([{ name: 'X-Key', value: 'h' }], `${URL}?key=q`, ['x-key'], ['key'])).toBe(header);
    // The profile's documented parameter beats a common header name.
    expect(fp([{ name: 'x-api-key', value: 'h' }], `${URL}?token=q`, [], ['token'])).toBe(
      fp([], `${URL}?token=q`, [], ['token']),
    );
  });

  it('stays consistent beyond the memo size (evicted entries hash the same again)', () => {
    const first = fp(bearer('key-0'));
    for (let i = 1; i < 2000; i++) fp(bearer(`key-${i}`));
    expect(fp(bearer('key-0'))).toBe(first);
  });
});

describe('redaction marks', () => {
  it('carry the fingerprint, so a redacted export counts under the same key as the live request', () => {
    const live = credentialFingerprint({
      requestHeaders: [{ name: 'Authorization', value: 'Bearer s3cr3t-key' }],
      url: 'https://x.test/',
    });
    const mark = redactionMark('Bearer s3cr3t-key');
    expect(mark).toBe(`[REDACTED ${live}]`);
    expect(mark).not.toContain('s3cr3t');
    expect(
      credentialFingerprint({
        requestHeaders: [{ name: 'Authorization', value: mark }],
        url: 'https://x.test/',
      }),
    ).toBe(live);
    const q = credentialFingerprint({
      requestHeaders: [],
      url: `https://x.test/?api_key=${encodeURIComponent(redactionMark('abc'))}`,
    });
    expect(q).toBe(
      credentialFingerprint({ requestHeaders: [], url: 'https://x.test/?api_key=abc' }),
    );
  });
});
