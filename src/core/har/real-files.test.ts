import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntryAnnotation, LogAnnotation } from '../annotation.ts';
import { annotateHar } from './annotate.ts';
import { parseHar } from './parse.ts';

/**
 * Real HAR files written by real browsers and tools (fixtures/har/<producer>/, provenance in its
 * README): each is accepted, and the output is the input plus `_apiLens`, minus what redaction
 * says it removed — member for member, in the same order.
 */

const ROOT = resolve(import.meta.dirname, '../../../fixtures/har');
const REAL_HAR_FILES = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(ROOT, d.name))
      .filter((f) => f.endsWith('.har'))
      .map((f) => `${d.name}/${f}`),
  )
  .sort();

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths where `a` and `b` differ; array items that have a `name` are addressed by it. */
function diff(a: Json, b: Json, path: string, out: string[], skip: (p: string) => boolean) {
  if (skip(path)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}.length`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const name = isObject(a[i]) && typeof (a[i] as { name?: unknown }).name === 'string';
      const step = name ? `.${(a[i] as { name: string }).name}` : `[${i}]`;
      diff(a[i], b[i], `${path}${step}`, out, skip);
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => !skip(`${path}.${k}`));
    const kb = Object.keys(b).filter((k) => !skip(`${path}.${k}`));
    if (ka.join('\u0000') !== kb.join('\u0000')) out.push(`${path} (members: ${ka} → ${kb})`);
    for (const k of ka) if (k in b) diff(a[k], b[k], `${path}.${k}`, out, skip);
    return;
  }
  if (!Object.is(a, b)) out.push(path);
}

function differences(input: Json, output: Json): string[] {
  const out: string[] = [];
  const log = (output as { log: { entries: { _apiLens?: { redacted?: string[] } }[] } }).log;
  const redacted = log.entries.map((e) => e._apiLens?.redacted ?? []);
  diff(input, output, '', out, (p) => {
    if (p === '.log._apiLens' || /^\.log\.entries\[\d+\]\._apiLens$/.test(p)) return true;
    const m = /^\.log\.entries\[(\d+)\]\.(.*)$/.exec(p);
    if (!m) return false;
    const at = m[2]!;
    // A listed path covers what is under it; a leaf (a URL, a body) covers what it lists inside.
    return redacted[Number(m[1])]!.some(
      (r) =>
        at === r ||
        at.startsWith(`${r}.`) ||
        (/^[.$#]/.test(r.slice(at.length)) && r.startsWith(at)),
    );
  });
  return out;
}

describe.each(REAL_HAR_FILES)('real HAR file %s', (file) => {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const input = JSON.parse(text.replace(/^\ufeff/, ''));

  it('is accepted', () => {
    const r = parseHar(text);
    expect(r.ok ? 'ok' : r.error).toBe('ok');
  });

  it('comes out exactly as it went in, plus annotations (unredacted)', () => {
    const r = parseHar(text);
    if (!r.ok) throw new Error(r.error);
    const out = annotateHar(r.har, { redact: false });
    expect(differences(input, out)).toEqual([]);
    expect(out.log.entries).toHaveLength(input.log.entries.length);
  });

  it('comes out as it went in except for what redaction lists, and every annotation validates', () => {
    const r = parseHar(text);
    if (!r.ok) throw new Error(r.error);
    const out = annotateHar(r.har);
    expect(differences(input, out)).toEqual([]);
    for (const e of out.log.entries)
      expect(
        EntryAnnotation.safeParse((e as unknown as { _apiLens: unknown })._apiLens).error,
      ).toBeUndefined();
    expect(
      LogAnnotation.safeParse((out.log as unknown as { _apiLens: unknown })._apiLens).error,
    ).toBeUndefined();
  });
});

// What the issue lists real writers doing, all in one file (the real files above have some each).
const QUIRKS = `\ufeff${JSON.stringify({
  log: {
    _recordingName: 'quirks',
    version: '1.2',
    creator: { name: 'hand-made', version: '1' },
    entries: [
      {
        startedDateTime: '2026-01-01T00:00:01.000Z',
        time: '12',
        request: {
          method: 'GET',
          url: 'https://api.example.com/a?api_key=k-123456789',
          headers: [{ name: 'Authorization', value: ['Bearer abcdef123456'] }],
          cookies: { session: 'abc' },
        },
        response: {
          status: '404',
          headers: [{ name: 'Content-Type', value: 'application/json' }],
          content: { mimeType: 'application/json', text: '{"error":"nope"}' },
          redirectURL: null,
          headersSize: null,
          _custom: { deep: [1, { x: null }] },
        },
      },
      {
        startedDateTime: '2026-01-01T00:00:00.000Z',
        request: { method: 'GET', url: 'x' },
        response: { status: 200, content: [] },
      },
    ],
    _after: true,
  },
  _top: 'kept',
})}`;

describe('writer quirks (null redirectURL and headersSize, cookie objects, array header values, numbers as strings, BOM, members missing)', () => {
  const input = JSON.parse(QUIRKS.slice(1));
  for (const redact of [false, true])
    it(`are accepted and kept as written (redact: ${redact})`, () => {
      const r = parseHar(QUIRKS);
      if (!r.ok) throw new Error(r.error);
      const out = annotateHar(r.har, { redact });
      expect(differences(input, out)).toEqual([]);
      const e = out.log.entries[0] as unknown as { _apiLens: { status: { code: number } } };
      expect(e._apiLens.status.code).toBe(404);
      if (redact) expect(JSON.stringify(out)).not.toMatch(/abcdef123456|k-123456789|"abc"/);
    });
});

describe('real HAR files', () => {
  it("keep a Polly.JS recording's log-level _recordingName", () => {
    const text = readFileSync(join(ROOT, 'polly/node-http-204.har'), 'utf8');
    const r = parseHar(text);
    if (!r.ok) throw new Error(r.error);
    const log = annotateHar(r.har).log as unknown as Record<string, unknown>;
    expect(log._recordingName).toMatch(/^@pollyjs\/adapter-node-http/);
    expect(Object.keys(log).at(-1)).toBe('_apiLens');
  });
});

/**
 * The credentials the writers recorded: cookie values (from `Cookie`/`Set-Cookie` headers and the
 * `cookies` lists) and `Authorization` credentials (the part after the scheme). Values under 6 characters and short numbers are only
 * redacted where they stand (SECURITY.md), so they are not looked for elsewhere.
 */
function recordedCredentials(har: Json): Set<string> {
  const found = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v !== 'string') return;
    const value = v.trim();
    if (value.length >= 6 && !/^\d{1,9}$/.test(value)) found.add(value);
  };
  const entries = (har as { log: { entries: Json[] } }).log.entries;
  for (const entry of entries) {
    if (!isObject(entry)) continue;
    for (const side of [entry.request, entry.response]) {
      if (!isObject(side)) continue;
      for (const c of Array.isArray(side.cookies) ? side.cookies : [])
        if (isObject(c)) add(c.value);
      for (const h of Array.isArray(side.headers) ? side.headers : []) {
        if (!isObject(h) || typeof h.name !== 'string' || typeof h.value !== 'string') continue;
        const name = h.name.toLowerCase();
        if (name === 'authorization') add(h.value.slice(h.value.indexOf(' ') + 1));
        if (name === 'cookie')
          for (const pair of h.value.split(';')) add(pair.slice(pair.indexOf('=') + 1));
        if (name === 'set-cookie')
          for (const line of h.value.split('\n')) {
            const pair = line.split(';')[0]!;
            add(pair.slice(pair.indexOf('=') + 1));
          }
      }
    }
  }
  return found;
}

describe('real HAR files, redacted', () => {
  it('keep none of the cookies and credentials their writers recorded, in any entry or encoding', () => {
    let checked = 0;
    const survived: string[] = [];
    for (const file of REAL_HAR_FILES) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const r = parseHar(text);
      if (!r.ok) throw new Error(r.error);
      const out = JSON.stringify(annotateHar(r.har));
      for (const secret of recordedCredentials(JSON.parse(text.replace(/^\ufeff/, '')))) {
        checked++;
        const forms = [JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
        if (forms.some((f) => out.includes(f))) survived.push(`${file}: ${secret}`);
      }
    }
    expect(survived).toEqual([]);
    // Browsertime, Firebug and WebPagetest recorded cookies; the recordings made here (Firefox,
    // chrome-har, Chrome HAR Capturer, node-fetch-har, axios-har-tracker) bearer tokens.
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it("erase a cookie WebPagetest recorded in one entry from the other entries' URLs and _full_url", () => {
    const text = readFileSync(
      join(ROOT, 'webpagetest/www.sitespeed.io-redirecting-to-https.har'),
      'utf8',
    );
    const utma = '152498875.547847953.1440877552.1440877552.1440877552.1';
    expect(text.split(utma).length - 1).toBe(10);
    const r = parseHar(text);
    if (!r.ok) throw new Error(r.error);
    const entries = annotateHar(r.har).log.entries as unknown as Record<string, unknown>[];
    expect(JSON.stringify(entries)).not.toContain(utma);
    const analytics = entries[12]!;
    expect(analytics._full_url).toContain('utmcc=__utma%3D[REDACTED]');
    expect((analytics._apiLens as { redacted: string[] }).redacted).toEqual(
      expect.arrayContaining(['request.url#secret-value', '_full_url#secret-value']),
    );
  });
});
