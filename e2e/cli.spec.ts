import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { annotateHar } from '../src/core/har/annotate.ts';
import { parseHar } from '../src/core/har/parse.ts';
import { PLANTED_PROFILE, plantedHar, survivors } from '../src/core/har/redact/test-planted.ts';

// The built CLI, run the way the README says: `node <package.json bin>` from the repo root.
const ROOT = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
};
const BIN = join(ROOT, pkg.bin.apilens!);

function apilens(args: string[], input?: string, env?: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input,
    env: env && { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('summarises the bundled demo HAR', () => {
  const r = apilens(['summary', 'samples/demo.har']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/\d+ requests, \d+ errors/);
  for (const profile of ['aurora', 'neo4j-aura', 'hal-problem', 'evrythng'])
    expect(r.stdout).toContain(profile);
});

test('annotates from stdin to stdout with "-", redacting secrets', () => {
  const demo = readFileSync(join(ROOT, 'samples/demo.har'), 'utf8');
  const r = apilens(['annotate', '-'], demo);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.log._apiLens.redacted).toBe(true);
  expect(out.log.entries.every((e: { _apiLens?: { v: number } }) => e._apiLens?.v === 1)).toBe(
    true,
  );
  // Every credential the traffic carried is replaced (WWW-Authenticate challenges are not credentials).
  const auth = out.log.entries.flatMap(
    (e: { request: { headers: { name: string; value: string }[] } }) =>
      e.request.headers.filter((h) => /^authorization$/i.test(h.name)).map((h) => h.value),
  );
  expect(auth.length).toBeGreaterThan(0);
  for (const v of auth) expect(v).toMatch(/^\[REDACTED k:[0-9a-f]{12}\]$/);
  expect(r.stdout).not.toContain('aurora-demo-key');
});

test('writes to -o (streamed) exactly what it writes to stdout, and the same on a second run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apilens-e2e-'));
  const a = join(dir, 'a.har');
  const b = join(dir, 'b.har');
  expect(apilens(['annotate', 'samples/demo.har', '-o', a]).code).toBe(0);
  expect(apilens(['annotate', 'samples/demo.har', '-o', b]).code).toBe(0);
  expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  expect(apilens(['annotate', 'samples/demo.har']).stdout).toBe(readFileSync(a, 'utf8'));
});

test('prints the JSON Schema and explains a status', () => {
  const schema = apilens(['schema']);
  expect(schema.code).toBe(0);
  expect(JSON.parse(schema.stdout).$defs.entry.type).toBe('object');
  const explain = apilens(['explain', '429', '--profile', 'aurora']);
  expect(explain.code).toBe(0);
  expect(explain.stdout).toMatch(/^429 /);
});

test('bad input: one line on stderr, non-zero exit, no stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apilens-e2e-'));
  const bad = join(dir, 'bad.har');
  writeFileSync(bad, '{"log":{"entries":"nope"}}');
  for (const [args, code] of [
    [['summary', bad], 1],
    [['summary', join(dir, 'missing.har')], 1],
    [['nope'], 2],
    [['explain', 'abc'], 2],
  ] as const) {
    const r = apilens([...args]);
    expect(r.code, args.join(' ')).toBe(code);
    expect(r.stderr).toMatch(/^apilens: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
});

// Real HAR files from real writers (fixtures/har/<producer>/, provenance in its README).
const REAL = join(ROOT, 'fixtures/har');
const realFiles = readdirSync(REAL, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(REAL, d.name)).map((f) => `${d.name}/${f}`))
  .filter((f) => f.endsWith('.har'))
  .sort();

test('annotates every real HAR file in fixtures/har: streamed output = the core path, every entry kept', () => {
  // Two CLI runs a file, each a fresh Node process: the bound grows with the number of files.
  test.setTimeout(30_000 + realFiles.length * 6_000);
  expect(realFiles.length).toBeGreaterThan(0);
  const dir = mkdtempSync(join(tmpdir(), 'apilens-e2e-'));
  for (const file of realFiles) {
    const text = readFileSync(join(REAL, file), 'utf8');
    const out = join(dir, 'out.har');
    const r = apilens(['annotate', join(REAL, file), '-o', out]);
    expect(r.code, `${file}: ${r.stderr}`).toBe(0);
    const parsed = parseHar(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(readFileSync(out, 'utf8'), file).toBe(
      `${JSON.stringify(annotateHar(parsed.har), null, 2)}\n`,
    );
    const s = apilens(['summary', join(REAL, file), '--json']);
    expect(s.code, file).toBe(0);
    expect(JSON.parse(s.stdout).entries).toBe(
      JSON.parse(text.replace(/^\ufeff/, '')).log.entries.length,
    );
  }
});

test('warns on stderr about what it read leniently, and still exits 0', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'apilens-e2e-')), 'out.har');
  const r = apilens(['annotate', join(REAL, 'polly/node-http-204.har'), '-o', out]);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(
    /^apilens: warning: .*log\.entries\[0\]\.request\.headers\[0\]\.value: not a string; read as text \(and 3 more like it\)\n$/,
  );
});

test('planted secrets: none of the 55 survives annotate, from a file, to a file or from stdin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apilens-e2e-'));
  const { har, plants } = plantedHar();
  expect(plants).toHaveLength(55);
  const input = join(dir, 'planted.har');
  const profiles = join(dir, 'profiles.json');
  writeFileSync(input, JSON.stringify(har, null, 2));
  writeFileSync(profiles, JSON.stringify([PLANTED_PROFILE]));
  const left = (text: string) => survivors(text, plants).map((p) => p.where);

  const file = apilens(['annotate', input, '--profiles', profiles]);
  expect(file.stderr).toBe('');
  expect(file.code).toBe(0);
  expect(left(file.stdout)).toEqual([]);

  const out = join(dir, 'out.har');
  expect(apilens(['annotate', input, '--profiles', profiles, '-o', out]).code).toBe(0);
  expect(readFileSync(out, 'utf8')).toBe(file.stdout);

  // Stdin is copied to a temporary file for the second pass, under TMPDIR, and removed after.
  const temp = join(dir, 'tmp');
  mkdirSync(temp);
  const piped = apilens(['annotate', '-', '--profiles', profiles], readFileSync(input, 'utf8'), {
    TMPDIR: temp,
  });
  expect(piped.stderr).toBe('');
  expect(piped.code).toBe(0);
  expect(left(piped.stdout)).toEqual([]);
  expect(piped.stdout).toBe(file.stdout);
  expect(readdirSync(temp)).toEqual([]);
  // The proof can fail: unredacted, every planted secret is there (one only as base64 bytes).
  const raw = left(apilens(['annotate', input, '--no-redact']).stdout);
  expect(plants.filter((p) => !raw.includes(p.where)).map((p) => p.where)).toEqual([
    'base64 JSON private_key',
  ]);
});

test('annotates a large HAR on worker threads: the same bytes as on one thread, secrets and errors alike', () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'apilens-e2e-'));
  const { har, plants } = plantedHar();
  const demo = JSON.parse(readFileSync(join(ROOT, 'samples/demo.har'), 'utf8')).log.entries;
  // Several megabytes in thousands of entries: many batches, so the workers start. The planted
  // secrets stay in (a few are first seen late, after entries that echo them).
  const entries = [...har.log.entries];
  while (entries.length < 3000) entries.push(...demo);
  const big = { log: { ...har.log, entries } };
  const input = join(dir, 'big.har');
  const profiles = join(dir, 'profiles.json');
  writeFileSync(input, JSON.stringify(big));
  writeFileSync(profiles, JSON.stringify([PLANTED_PROFILE]));
  // Node names each worker it starts on stderr with NODE_DEBUG=worker: proof they ran.
  const annotate = (threads: string, from = input) => {
    const stdin = from === '-' ? readFileSync(input, 'utf8') : undefined;
    const args = ['annotate', from, '--profiles', profiles, '--threads', threads];
    const r = apilens(args, stdin, { NODE_DEBUG: 'worker' });
    expect(r.code, r.stderr).toBe(0);
    return { out: r.stdout, workers: r.stderr.match(/create new worker/g)?.length ?? 0 };
  };

  const one = annotate('0');
  expect(one.workers).toBe(0);
  expect(survivors(one.out, plants).map((p) => p.where)).toEqual([]);
  expect(annotate('2')).toEqual({ out: one.out, workers: 2 });
  // From standard input (spooled for the second pass), and without redaction.
  expect(annotate('2', '-')).toEqual({ out: one.out, workers: 2 });
  const raw = (threads: string) =>
    apilens(['annotate', input, '--no-redact', '--threads', threads]).stdout;
  expect(raw('3')).toBe(raw('0'));

  // An entry deep in the file that is not an object: the same one-line error either way.
  const bad = join(dir, 'bad.har');
  writeFileSync(bad, JSON.stringify({ log: { entries: [...entries.slice(0, 3000), 42] } }));
  const errors = ['0', '2'].map((t) => apilens(['annotate', bad, '--threads', t]));
  for (const e of errors) expect(e.code).toBe(1);
  expect(errors[1]!.stderr).toBe(errors[0]!.stderr);
  expect(errors[0]!.stderr).toBe(
    `apilens: ${bad}: invalid HAR at log.entries[3000]: expected an object\n`,
  );
  expect(apilens(['annotate', input, '--threads', 'many']).code).toBe(2);

  // Into a file, one pass is tried and checked: these secrets, first seen late, make it two.
  const into = (from: string, threads: string) => {
    const out = join(dir, 'out.har');
    const r = apilens(
      ['annotate', from, '--profiles', profiles, '--threads', threads, '-o', out],
      undefined,
      {
        NODE_DEBUG: 'apilens',
      },
    );
    expect(r.code, r.stderr).toBe(0);
    return { out: readFileSync(out, 'utf8'), log: r.stderr };
  };
  const planted = into(input, '2');
  expect(planted.out).toBe(one.out);
  expect(planted.log).toMatch(/one pass did not stand \(an entry out of start-time order\)/);
  // In start-time order, with a token every entry sends: one pass stands, and writes the same.
  const ordered = join(dir, 'ordered.har');
  const token = 'Bearer tok-0123456789abcdef';
  const sends = (e: (typeof demo)[number], i: number) => ({
    ...e,
    startedDateTime: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    request: {
      ...e.request,
      headers: [...e.request.headers, { name: 'Authorization', value: token }],
    },
  });
  writeFileSync(ordered, JSON.stringify({ log: { entries: entries.map(sends) } }));
  const single = into(ordered, '2');
  expect(single.log).toMatch(/one pass stood/);
  expect(single.out).toBe(
    apilens(['annotate', ordered, '--profiles', profiles, '--threads', '0']).stdout,
  );
  expect(single.out).not.toContain('tok-0123456789abcdef');
  rmSync(dir, { recursive: true, force: true }); // 20 MB of inputs: not left in /tmp
});

test('writes the HAR of every real tool to a file in one checked pass or two, as on one thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apilens-e2e-'));
  const fixtures = readdirSync(join(ROOT, 'fixtures/har'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.har'))
    .map((f) => join(ROOT, 'fixtures/har', f));
  expect(fixtures.length).toBeGreaterThanOrEqual(16);
  const ways = new Map<string, number>();
  for (const har of fixtures) {
    const out = join(dir, 'out.har');
    const r = apilens(['annotate', har, '--threads', '2', '-o', out], undefined, {
      NODE_DEBUG: 'apilens',
    });
    expect(r.code, `${har}: ${r.stderr}`).toBe(0);
    const way = /one pass stood/.test(r.stderr)
      ? 'one'
      : /did not stand/.test(r.stderr)
        ? 'two'
        : '?';
    ways.set(way, (ways.get(way) ?? 0) + 1);
    expect(readFileSync(out, 'utf8'), har).toBe(
      apilens(['annotate', har, '--threads', '0']).stdout,
    );
  }
  // Most stand in one pass; a few are out of start-time order or echo a secret named later.
  expect(ways.get('one')).toBeGreaterThan(fixtures.length / 2);
  expect(ways.get('?')).toBeUndefined();
  rmSync(dir, { recursive: true, force: true });
});

test('-o IN.har replaces the input only once it is read whole', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apilens-e2e-'));
  const file = join(dir, 'same.har');
  writeFileSync(file, readFileSync(join(ROOT, 'samples/demo.har')));
  const expected = apilens(['annotate', file]).stdout;
  expect(apilens(['annotate', file, '-o', file]).code).toBe(0);
  expect(readFileSync(file, 'utf8')).toBe(expected);
});

test('reads standard input as a stream: 128 MB piped in, memory stays flat', async () => {
  // A HAR written to the CLI's stdin in pieces, to a CLI whose heap is smaller than the input:
  // it only finishes if nothing follows the input size (peak RSS is reported for the record).
  const entry = JSON.stringify({
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    request: { method: 'GET', url: 'https://api.example.com/x', headers: [] },
    response: {
      status: 200,
      headers: [],
      content: { mimeType: 'application/json', text: JSON.stringify({ pad: 'x'.repeat(4000) }) },
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'apilens-e2e-'));
  const rss = join(dir, 'rss');
  const fd = openSync(rss, 'w');
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=96', '-r', join(ROOT, 'bench/rss.cjs'), BIN, 'summary', '-', '--json'],
    {
      stdio: ['pipe', 'pipe', 'pipe', fd],
    },
  );
  let stdout = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  const done = new Promise<number | null>((res) => child.on('close', res));
  const write = (s: string) =>
    new Promise<void>((res, rej) => child.stdin!.write(s, (e) => (e ? rej(e) : res())));
  await write('{"log":{"entries":[');
  const count = Math.ceil((128 << 20) / entry.length);
  for (let i = 0; i < count; i++) await write(i ? `,${entry}` : entry);
  child.stdin!.end(']}}');
  expect(await done).toBe(0);
  closeSync(fd);
  expect(JSON.parse(stdout).entries).toBe(count);
  // bench/rss.cjs writes `peakRssKiB cpuMicros`.
  const peakMiB = Number(readFileSync(rss, 'utf8').split(' ')[0]) / 1024;
  test.info().annotations.push({ type: 'peak RSS', description: `${peakMiB.toFixed(0)} MiB` });
  expect(peakMiB).toBeLessThan(300);
});
