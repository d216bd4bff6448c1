import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLANTED_PROFILE, plantedHar, survivors } from '../core/har/redact/test-planted.ts';
import { harEntry } from '../core/har/test-entry.ts';
import { parseUserProfiles } from '../core/profiles/index.ts';
import { AnnotateStream, type StreamOptions } from './annotate-stream.ts';
import { HarSyntaxError } from './har-parts.ts';
import { asWritten, build, harArb, T0, whole } from './test-har.ts';
import { inProcessPool } from './threads/test-pool.ts';

/** Feeds `bytes` to `to` in chunks of `size` bytes through one reused buffer. */
function feed(bytes: Buffer, size: number, to: { write(chunk: Buffer): void }): void {
  // The reader reuses its buffer: so does this, to prove nothing keeps a stale view of it.
  const buf = Buffer.alloc(size);
  for (let i = 0; i < bytes.length; i += size) {
    const n = bytes.copy(buf, 0, i, i + size);
    to.write(buf.subarray(0, n));
  }
}

/**
 * Feeds `text` to an AnnotateStream in chunks of `size` bytes; returns what it wrote. With
 * redaction on, the input is read twice as the CLI reads it: the learning pass, then the writing one.
 */
function streamed(
  text: string | Buffer,
  size: number,
  opts: StreamOptions = {},
  learn = true,
): string {
  const out: string[] = [];
  const s = new AnnotateStream(
    opts,
    (t) => out.push(t),
    (b) => out.push(Buffer.from(b).toString()),
  );
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  if (learn && opts.redact !== false) {
    const learner = s.learner();
    feed(bytes, size, learner);
    learner.end();
  }
  feed(bytes, size, s);
  s.end();
  return out.join('');
}

/** `streamed` with the entries spread over `threads` in-process workers (threads/pool.ts' contract). */
function pooled(
  text: string | Buffer,
  size: number,
  opts: StreamOptions = {},
  threads = 3,
): string {
  const pool = inProcessPool(threads, opts);
  const out = streamed(text, size, { ...opts, pool });
  // Every entry of these HARs is over the test pool's batch size: each makes a worker's job.
  if (/"entries":\s*\[\s*\{/.test(text.toString())) expect(pool.jobs).toBeGreaterThan(0);
  return asWritten(out);
}

describe('AnnotateStream', () => {
  it('writes byte for byte what annotateHar + JSON.stringify(…, null, 2) write, in any chunking', () => {
    fc.assert(
      fc.property(harArb, (h) => {
        const text = build(h);
        expect(streamed(text, h.chunk)).toBe(whole(text));
        expect(streamed(text, h.chunk, { redact: false })).toBe(whole(text, { redact: false }));
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it('writes the same bytes when worker threads parse, annotate and redact the entries', () => {
    fc.assert(
      fc.property(harArb, fc.integer({ min: 1, max: 4 }), (h, threads) => {
        const text = build(h);
        expect(pooled(text, h.chunk, {}, threads)).toBe(asWritten(whole(text)));
        expect(pooled(text, h.chunk, { redact: false }, threads)).toBe(
          asWritten(whole(text, { redact: false })),
        );
      }),
      { numRuns: 80 },
    );
    // A body with DEL, a C1 control and a bidi override: escaped by the workers themselves.
    const raw = JSON.stringify({
      log: { entries: [harEntry({ at: T0, status: 500, body: 'a\u007fb\u009bc\u202ed' })] },
    });
    expect(pooled(raw, 7)).toBe(asWritten(whole(raw)));
    expect(pooled(raw, 7)).toContain('a\\u007fb\\u009bc\\u202ed');
  }, 120_000);

  it('decodes bytes that are not UTF-8 the same on worker threads as on one', () => {
    // Truncated and overlong sequences, a UTF-8-encoded surrogate, bytes past U+10FFFF.
    const bad = [
      [0xc3, 0x28],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xc0, 0xaf],
    ];
    const parts = [Buffer.from('{"log":{"entries":[')];
    bad.forEach((seq, i) => {
      const [head, tail] = JSON.stringify(harEntry({ at: T0 + i, status: 500, body: 'x@y' })).split(
        'x@y',
      );
      parts.push(Buffer.from(`${i ? ',' : ''}${head}`), Buffer.from(seq), Buffer.from(tail!));
    });
    parts.push(Buffer.from(']}}'));
    const bytes = Buffer.concat(parts);
    const one = streamed(bytes, 5);
    expect(one).toContain('\ufffd');
    expect(pooled(bytes, 5)).toBe(asWritten(one));
  });

  it('counts entries in start-time order within a small window as the whole-file path does', () => {
    fc.assert(
      fc.property(harArb, (h) => {
        const text = build(h); // entries are at most 4 places out of order
        expect(streamed(text, h.chunk, { window: { entries: 5, chars: 1e9 } })).toBe(whole(text));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('counts an entry later than the window where it arrives (and still writes every entry)', () => {
    const e = (at: number) =>
      harEntry({
        at,
        status: 200,
        body: '{}',
        url: 'https://api.aurorasolar.com/tenants/t/designs/1',
        requestHeaders: { Authorization: 'Bearer k-123456789' },
      });
    // The first-started request is listed last, 3 places late: past a window of 2. It is
    // counted when it arrives, as of its own start (the exact window places it in time order:
    // count 1), but the one listed first was counted before it arrived and does not include it.
    const text = JSON.stringify({
      log: { entries: [e(T0 + 100), e(T0 + 200), e(T0 + 300), e(T0)] },
    });
    const counts = (s: string) =>
      (
        JSON.parse(s) as { log: { entries: { _apiLens: { rate: { count: number } } }[] } }
      ).log.entries.map((x) => x._apiLens.rate.count);
    expect(counts(whole(text))).toEqual([2, 3, 4, 1]);
    expect(counts(streamed(text, 7, { window: { entries: 2, chars: 1e9 } }))).toEqual([1, 3, 4, 1]);
  });

  it('refuses what is not a HAR in one line, whatever the chunking', () => {
    const cases: [string, RegExp][] = [
      ['', /the input is empty/],
      ['  \n', /the input is empty/],
      ['[1]', /expected a JSON object with a "log" member/],
      ['{"a":1}', /"log" member is missing/],
      ['{"log":[]}', /invalid HAR at log: expected an object/],
      ['{"log":{"version":"1.2"}}', /log\.entries: expected an array/],
      ['{"log":{"entries":{}}}', /log\.entries: expected an array/],
      ['{"log":{"entries":[{},42]}}', /log\.entries\[1\]: expected an object/],
      ['{"log":{"entries":[]}', /ends too early/],
      ['{"log":{"entries":[]}} x', /unexpected "x" at byte 23/],
      ['{"log":{"entries":[], "entries": []}}', /two members named "entries"/],
      ['{"log":{"entries":[{"a":tru}]}}', /invalid JSON/],
      ['\u0000\u001b[31m', /invalid JSON \(unexpected byte 0x0 at byte 0\)/],
    ];
    for (const [text, message] of cases)
      for (const size of [1, 3, 1000]) {
        expect(() => streamed(text, size), `${JSON.stringify(text)} in chunks of ${size}`).toThrow(
          HarSyntaxError,
        );
        expect(() => streamed(text, size)).toThrow(message);
      }
  });

  it('erases a secret first seen in a late entry from pages and earlier entries after the learning pass', () => {
    const parsed = parseUserProfiles([PLANTED_PROFILE]);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const { har, plants } = plantedHar();
    const text = JSON.stringify(har);
    const opts = { userProfiles: parsed.profiles };
    const two = streamed(text, 4096, opts);
    expect(survivors(two, plants).map((p) => p.where)).toEqual([]);
    expect(two).toBe(whole(text, opts));
    // Spread over workers, each learns only its own entries' secrets: they are all told them all.
    for (const threads of [2, 3]) expect(pooled(text, 4096, opts, threads)).toBe(asWritten(two));
    // One pass cannot look ahead: `pages` is written before the entry whose URL holds the token.
    expect(survivors(streamed(text, 4096, opts, false), plants).map((p) => p.where)).toEqual([
      'URL ?access_token=, echoed in log.pages title',
    ]);
  });

  it('a learning pass writes nothing and refuses what is not a HAR as the writing pass does', () => {
    const out: string[] = [];
    const learner = new AnnotateStream({}, (t) => out.push(t)).learner();
    feed(Buffer.from(JSON.stringify({ log: { entries: [harEntry()] } })), 7, learner);
    learner.end();
    expect(out).toEqual([]);
    const bad = new AnnotateStream({}).learner();
    expect(() => bad.write(Buffer.from('{"log":{"entries":[42]}}'))).toThrow(
      /log\.entries\[0\]: expected an object/,
    );
  });

  it('after the learning pass, writes each entry of a file in start-time order as soon as it is read', () => {
    const entries = [0, 0, 100, 200, 200].map((d) => harEntry({ at: T0 + d }));
    const bytes = Buffer.from(JSON.stringify({ log: { entries } }));
    const open = bytes.length - 3; // all but the closing `]}}`
    const written = (learn: boolean) => {
      let n = 0;
      const s = new AnnotateStream({ onEntry: () => n++ }, () => {});
      if (learn) {
        const learner = s.learner();
        learner.write(bytes);
        learner.end();
      }
      s.write(bytes.subarray(0, open));
      const before = n;
      s.write(bytes.subarray(open));
      s.end();
      return [before, n];
    };
    expect(written(true)).toEqual([5, 5]);
    // Without it, the window holds them until the end: a later one might have started first.
    expect(written(false)).toEqual([0, 5]);
  });

  it('refuses a single value larger than the limit instead of holding it', () => {
    const text = JSON.stringify({ log: { entries: [harEntry({ body: 'x'.repeat(5000) })] } });
    expect(() => streamed(text, 64, { maxValueBytes: 4096 })).toThrow(
      /log\.entries\[0\] is larger than/,
    );
  });
});
