import { describe, expect, it } from 'vitest';
import { parseHar } from './parse.ts';

const minimalEntry = {
  startedDateTime: '2026-11-23T10:00:00.000Z',
  time: 5,
  request: {
    method: 'GET',
    url: 'https://api.example.com/x',
    httpVersion: 'HTTP/1.1',
    headers: [],
    queryString: [],
    cookies: [],
    headersSize: -1,
    bodySize: -1,
  },
  response: {
    status: 404,
    statusText: 'Not Found',
    httpVersion: 'HTTP/1.1',
    headers: [],
    cookies: [],
    content: { size: 0, mimeType: '' },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
  },
  cache: {},
  timings: { send: 0, wait: 5, receive: 0 },
};
const har = (entries: unknown[]) =>
  JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries } });

describe('parseHar', () => {
  it('accepts a valid HAR and keeps custom fields written by other tools', () => {
    const r = parseHar(har([{ ...minimalEntry, _resourceType: 'fetch', _apiLens: { v: 1 } }]));
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.har.log.entries[0]).toMatchObject({ _resourceType: 'fetch', _apiLens: { v: 1 } });
  });

  it('names the exact field that is wrong', () => {
    const bad = { ...minimalEntry, response: { ...minimalEntry.response, status: 'oops' } };
    const r = parseHar(har([minimalEntry, bad]));
    expect(r).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid HAR at log\.entries\[1\]\.response\.status: /),
    });
  });

  it('explains inputs that are not HAR at all', () => {
    expect(parseHar('')).toEqual({ ok: false, error: 'not a HAR file: the input is empty' });
    expect(parseHar('{"log": ')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/invalid JSON/),
    });
    expect(parseHar('[1,2]')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/expected a JSON object/),
    });
    expect(parseHar('{"entries": []}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/"log" member is missing/),
    });
    expect(parseHar(har([{ ...minimalEntry, startedDateTime: 'yesterday' }]))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/startedDateTime: expected an ISO 8601/),
    });
  });

  it('tolerates a UTF-8 byte-order mark and refuses oversized input', () => {
    expect(parseHar(`\ufeff${har([])}`).ok).toBe(true);
    expect(parseHar(har([]), { maxChars: 10 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/too large/),
    });
  });

  it('does not let a hostile __proto__ member pollute prototypes', () => {
    const r = parseHar(
      `{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[],"__proto__":{"polluted":true}}}`,
    );
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseHar on binary input', () => {
  it('says it is not JSON without echoing control characters', () => {
    const r = parseHar(`${String.fromCharCode(0, 1, 2, 0xfffd, 0x1b)}[31m{`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(/^not a HAR file: invalid JSON/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(r.error).not.toMatch(/[\u0000-\u001f\ufffd]/);
  });
});
