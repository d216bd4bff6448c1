// biome-ignore-all lint/suspicious/noTemplateCurlyInString: hostile request text is the point of these tests
import { describe, expect, it } from 'vitest';
import { harEntry } from '../har/test-entry.ts';
import { toFetch, toNodeFetch } from './fetch.ts';

type Call = {
  url: string;
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    referrer?: string;
    credentials?: string;
  };
};

const AsyncFunction = (async () => {}).constructor as new (
  ...args: string[]
) => (...a: unknown[]) => Promise<void>;

/** Runs the copied code with `fetch` and `console` replaced by recorders. */
async function run(code: string): Promise<Call> {
  const calls: Call[] = [];
  const fakeFetch = async (url: string, init: Call['init']) => {
    calls.push({ url, init });
    return { status: 200, text: async () => '' };
  };
  const marker: string[] = [];
  await new AsyncFunction('fetch', 'console', 'marker', code)(fakeFetch, { log: () => {} }, marker);
  expect(marker).toEqual([]);
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

const hostile = harEntry({
  method: 'POST`${marker.push(1)}`',
  url: 'https://api.example.com/v1/x?q=${marker.push(2)}"+marker.push(3)+"',
  requestHeaders: {
    'X-Note': '`${marker.push(4)}` \u2028 "\\\'',
    'Content-Type': 'application/json',
    Cookie: 'sid=abc',
    Referer: 'https://app.example.com/page',
    'Sec-Fetch-Mode': 'cors',
  },
  postData: '{"a":"${marker.push(5)}","b":"</script>\\u0000"}',
});

describe('Copy as fetch', () => {
  it('reproduces method, URL, headers and body literally: nothing in them runs', async () => {
    const { url, init } = await run(toFetch(hostile, { secrets: true }));
    expect(url).toBe(hostile.request.url);
    expect(init.method).toBe('POST`${marker.push(1)}`');
    expect(init.headers['X-Note']).toBe('`${marker.push(4)}` \u2028 "\\\'');
    expect(init.body).toBe(hostile.request.postData!.text);
  });

  it('leaves forbidden headers to the browser: cookies as credentials, Referer as referrer', async () => {
    const { init } = await run(toFetch(hostile, { secrets: true }));
    expect(Object.keys(init.headers).sort()).toEqual(['Content-Type', 'X-Note']);
    expect(init.credentials).toBe('include');
    expect(init.referrer).toBe('https://app.example.com/page');
  });

  it('redacts credentials by default and says so', async () => {
    const e = harEntry({ requestHeaders: { Authorization: 'Bearer sekrit-token' } });
    const code = toFetch(e);
    expect(code).not.toContain('sekrit-token');
    expect(code).toMatch(/^\/\/ Credentials were redacted/);
    const { init } = await run(code);
    expect(init.headers.Authorization).toMatch(/REDACTED/);
  });

  it('sends no body on GET (fetch refuses one)', async () => {
    const { init } = await run(toFetch(harEntry({ method: 'GET', postData: '{"a":1}' })));
    expect(init.body).toBeUndefined();
  });
});

describe('Copy as Node fetch', () => {
  it('sends every header, cookies included when secrets are chosen, literally', async () => {
    const { url, init } = await run(toNodeFetch(hostile, { secrets: true }));
    expect(url).toBe(hostile.request.url);
    expect(init.headers.Cookie).toBe('sid=abc');
    expect(init.headers['Sec-Fetch-Mode']).toBe('cors');
    expect(init.body).toBe(hostile.request.postData!.text);
  });

  it('combines a repeated header into one value (RFC 9110 §5.3)', async () => {
    const e = harEntry();
    e.request.headers = [
      { name: 'Accept', value: 'a/b' },
      { name: 'accept', value: 'c/d' },
    ];
    const { init } = await run(toNodeFetch(e));
    expect(init.headers.Accept).toBe('a/b, c/d');
  });

  it('redacts the cookie and the key by default', () => {
    const e = harEntry({ requestHeaders: { Cookie: 'sid=abc123', 'X-Api-Key': 'k-999-secret' } });
    const code = toNodeFetch(e);
    expect(code).not.toContain('abc123');
    expect(code).not.toContain('k-999-secret');
  });
});
