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

  it('accepts what real writers bend, keeps it as written, and warns where reading changes', () => {
    const bent = {
      ...minimalEntry,
      request: { ...minimalEntry.request, headers: [{ name: 'accept', value: ['*/*'] }] },
      response: {
        ...minimalEntry.response,
        status: '404',
        redirectURL: null, // Charles
        headersSize: null, // Firefox, cached entries
        cookies: { session: 'x' }, // Fiddler / IE
      },
    };
    const text = har([bent]);
    const r = parseHar(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.har).toEqual(JSON.parse(text));
    expect(r.warnings).toEqual([
      'log.entries[0].request.headers[0].value: not a string; read as text',
      'log.entries[0].response.status: a string',
    ]);
  });

  it('reads an entry without request, response or a parseable date, and says so', () => {
    const r = parseHar(har([{ startedDateTime: 'yesterday' }, { ...minimalEntry }]));
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.warnings).toEqual([
        'log.entries[0].request: missing; read as an empty GET',
        'log.entries[0].response: missing; read as no response',
        'log.entries[0].startedDateTime: not a date; counted at its place in the file',
      ]);
  });

  it('counts repeated warnings instead of repeating them', () => {
    const e = { ...minimalEntry, startedDateTime: 'soon' };
    const r = parseHar(har([e, e, e]));
    expect(r.ok && r.warnings).toEqual([
      'log.entries[0].startedDateTime: not a date; counted at its place in the file (and 2 more like it)',
    ]);
  });

  it('keeps log-level custom fields (a Polly.JS recording name)', () => {
    const text = JSON.stringify({
      log: { _recordingName: 'Sign In', creator: { name: 'Polly.JS', version: '6' }, entries: [] },
    });
    const r = parseHar(text);
    expect(r.ok && (r.har.log as unknown as Record<string, unknown>)._recordingName).toBe(
      'Sign In',
    );
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
    expect(parseHar('{"log": {"entries": {}}}')).toEqual({
      ok: false,
      error: 'invalid HAR at log.entries: expected an array of entries',
    });
    expect(parseHar('{"log": []}')).toEqual({
      ok: false,
      error: 'invalid HAR at log: expected an object',
    });
    expect(parseHar(har([minimalEntry, 3]))).toEqual({
      ok: false,
      error: 'invalid HAR at log.entries[1]: expected an object',
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
