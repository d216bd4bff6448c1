import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { PLANTED_PROFILE, plantedHar, survivors } from '../core/har/redact/test-planted.ts';
import { harEntry } from '../core/har/test-entry.ts';
import { parseUserProfiles } from '../core/profiles/index.ts';
import { type Annotated, annotateFile, type Output } from './annotate-file.ts';
import type { StreamOptions } from './annotate-stream.ts';
import { asWritten, build, harArb, T0, whole } from './test-har.ts';
import { inProcessPool } from './threads/test-pool.ts';

const dir = mkdtempSync(join(tmpdir(), 'apilens-annotate-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** annotateFile over `text` written to a file, on `threads` in-process workers. */
function annotated(text: string, threads: number, opts: StreamOptions = {}) {
  const path = join(dir, `${files++}.har`);
  writeFileSync(path, text);
  const written: string[] = [];
  const out: Output = {
    write: (t) => written.push(t),
    writeSafe: (b) => written.push(Buffer.from(b).toString()),
    restartable: true,
    restart: () => {
      written.length = 0;
    },
  };
  const pool = inProcessPool(threads, opts);
  const r: Annotated = annotateFile(path, { ...opts, pool }, out);
  rmSync(path);
  return { text: asWritten(written.join('')), passes: r.passes, failed: r.failed, sent: pool.sent };
}

const har = (entries: object[], log: object = {}) => JSON.stringify({ log: { ...log, entries } });
const call = (at: number, init: Parameters<typeof harEntry>[0] = {}) =>
  harEntry({ at: T0 + at, status: 200, body: '{}', ...init });
const bearer = (token: string) => ({ requestHeaders: { Authorization: `Bearer ${token}` } });

describe('annotateFile on worker threads', () => {
  it('writes what annotateHar writes, in one checked pass or, when the check fails, in two', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(harArb, fc.integer({ min: 1, max: 4 }), (h, threads) => {
        const text = build(h);
        const r = annotated(text, threads);
        seen.add(r.passes);
        expect(r.text).toBe(asWritten(whole(text)));
        const raw = annotated(text, threads, { redact: false });
        seen.add(`${raw.passes}${raw.failed ? ' again' : ''}`);
        expect(raw.text).toBe(asWritten(whole(text, { redact: false })));
      }),
      { numRuns: 80 },
    );
    // The random HARs are out of start-time order or not: every way was taken.
    expect([...seen].sort()).toEqual(['checked', 'one', 'one again', 'two']);
  }, 120_000);

  it('keeps the single pass when the secrets a worker did not know do not occur in its entries', () => {
    // Each entry is a batch of its own: the second worker's first entry knows nothing of key A.
    const text = har([
      call(0, bearer('key-a-1234567890')),
      call(10, bearer('key-b-1234567890')),
      call(20, bearer('key-a-1234567890')),
      call(30, bearer('key-b-1234567890')),
    ]);
    const r = annotated(text, 2);
    expect(r).toMatchObject({ passes: 'checked', failed: undefined });
    expect(r.sent.get('verify')).toBeGreaterThan(0);
    expect(r.text).toBe(asWritten(whole(text)));
  });

  it('tells each worker the secrets the others found, so a later echo of one is erased in one pass', () => {
    // Entry 0 (worker A) names the token; entry 9 (worker B, sent after entry 0's reply was
    // taken) echoes it in a body member that is not a secret's name.
    const entries = Array.from({ length: 10 }, (_, i) => call(i * 10));
    entries[0] = call(0, bearer('tok-feed-0123456789'));
    entries[9] = call(90, { body: '{"echo":"tok-feed-0123456789"}' });
    const text = har(entries);
    const r = annotated(text, 2);
    expect(r).toMatchObject({ passes: 'checked', failed: undefined });
    expect(r.text).toBe(asWritten(whole(text)));
    expect(r.text).not.toContain('tok-feed-0123456789');
  });

  it('writes again in two passes when an entry holds a secret first named in a later one', () => {
    // Entry 0 echoes the session id in a body member that is not a secret's name; entry 2 sends
    // it as a bearer token. annotateHar erases it from entry 0 too.
    const text = har([
      call(0, { body: '{"created":"sess-0123456789abcdef"}' }),
      call(10),
      call(20, bearer('sess-0123456789abcdef')),
    ]);
    const r = annotated(text, 2);
    expect(r).toMatchObject({ passes: 'two', failed: 'an entry holds a secret found later' });
    expect(r.text).toBe(asWritten(whole(text)));
    expect(r.text).not.toContain('sess-0123456789abcdef');
  });

  it('writes again in two passes when a page written first holds a secret found later', () => {
    const text = har([call(0, bearer('tok-1234567890ab'))], {
      pages: [{ id: 'p', title: 'signed in as tok-1234567890ab', startedDateTime: 'x' }],
    });
    const r = annotated(text, 2);
    expect(r).toMatchObject({ passes: 'two', failed: 'a log member holds a secret found later' });
    expect(r.text).toBe(asWritten(whole(text)));
    expect(r.text).not.toContain('tok-1234567890ab');
  });

  it('stops the single pass at the first entry out of start-time order and writes in two', () => {
    const text = har([call(0), call(100), call(50), call(200)]);
    const r = annotated(text, 3);
    expect(r).toMatchObject({ passes: 'two', failed: 'an entry out of start-time order' });
    expect(r.sent.get('annotate')).toBeGreaterThan(0);
    expect(r.text).toBe(asWritten(whole(text)));
  });

  it('writes again in two passes when a value is a key in one batch and a password in another', () => {
    const text = har([
      call(0, { method: 'POST', postData: '{"password":"hunter2-hunter2"}' }),
      call(10, bearer('hunter2-hunter2')),
    ]);
    const r = annotated(text, 2);
    expect(r).toMatchObject({ passes: 'two', failed: 'a value registered both as a key and not' });
    expect(r.text).toBe(asWritten(whole(text)));
  });

  it('writes again in two passes when a quick cut between entries was wrong, and refuses a bad file alike', () => {
    // Compact entries are cut where `},{"startedDateTime"` recurs: one that starts with another
    // key runs into the entry before it, which then does not parse.
    const entries = Array.from({ length: 6 }, (_, i) => call(i * 10));
    const text = har(entries.map((e, i) => (i === 4 ? { pageref: 'p', ...e } : e)));
    const r = annotated(text, 2);
    expect(r.passes).toBe('two');
    expect(r.failed).toMatch(/invalid JSON/);
    expect(r.text).toBe(asWritten(whole(text)));
    const bad = `${text.slice(0, -3)},42]}}`;
    expect(() => annotated(bad, 2)).toThrow('invalid HAR at log.entries[6]: expected an object');
  });

  it('erases every planted secret, those first seen late included, as annotateHar does', () => {
    const parsed = parseUserProfiles([PLANTED_PROFILE]);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const { har: planted, plants } = plantedHar();
    const text = JSON.stringify(planted);
    const opts = { userProfiles: parsed.profiles };
    for (const threads of [1, 2, 3]) {
      const r = annotated(text, threads, opts);
      expect(r.passes).toBe('two');
      expect(r.text).toBe(asWritten(whole(text, opts)));
      expect(survivors(r.text, plants)).toEqual([]);
    }
  });

  it('reads once without redaction (again with the reorder window if out of order), twice without a pool', () => {
    const text = har([call(0), call(10)]);
    expect(annotated(text, 2, { redact: false })).toMatchObject({
      passes: 'one',
      failed: undefined,
    });
    const late = har([call(10), call(0), call(20)]);
    expect(annotated(late, 2, { redact: false })).toMatchObject({
      passes: 'one',
      failed: 'an entry out of start-time order',
      text: asWritten(whole(late, { redact: false })),
    });
    const path = join(dir, 'plain.har');
    writeFileSync(path, text);
    const out: string[] = [];
    const r = annotateFile(
      path,
      {},
      {
        write: (t) => out.push(t),
        writeSafe: () => {},
        restartable: true,
        restart: () => {},
      },
    );
    expect(r.passes).toBe('two');
    expect(out.join('')).toBe(whole(text));
  });
});
