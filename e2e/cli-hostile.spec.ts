import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * Hostile input through the built CLI (issue 8 §4): network text is data, never terminal
 * commands, never a prototype key; depth and breadth never overflow the stack; a user's regex
 * never hangs. Each file is written by the test, so the case is explicit.
 */
const ROOT = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
};
const BIN = join(ROOT, pkg.bin.apilens!);
const dir = mkdtempSync(join(tmpdir(), 'apilens-hostile-'));

function apilens(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 512 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface E {
  url?: string;
  method?: string;
  status?: number;
  body?: string;
  at?: number;
  req?: Array<{ name: string; value: string }>;
  res?: Array<{ name: string; value: string }>;
}
function entry(o: E): object {
  return {
    startedDateTime: new Date(o.at ?? Date.UTC(2026, 0, 1)).toISOString(),
    time: 5,
    request: {
      method: o.method ?? 'GET',
      url: o.url ?? 'https://api.example.com/v1/x',
      httpVersion: 'HTTP/1.1',
      headers: o.req ?? [],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: o.status ?? 400,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Content-Type', value: 'application/json' }, ...(o.res ?? [])],
      cookies: [],
      content: { size: 0, mimeType: 'application/json', ...(o.body ? { text: o.body } : {}) },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
    },
    cache: {},
    timings: { send: 0, wait: 5, receive: 0 },
  };
}
function harFile(name: string, entries: object[]): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries } }),
  );
  return path;
}
// ESC, BEL, OSC 8 hyperlink, CSI as the 8-bit C1 byte, a carriage return and a bidi override.
const HOSTILE =
  '\u202egnp.exe \u001b[31mRED\u001b[0m \u001b]8;;https://evil.test/\u0007link\u001b]8;;\u0007 \u009b2J \r';
/** A control character other than a line break or tab, left raw for the terminal to obey. */
function rawControl(text: string): string | undefined {
  for (const ch of text) {
    const n = ch.codePointAt(0)!;
    if ((n < 0x20 && n !== 0x0a && n !== 0x09) || (n >= 0x7f && n <= 0x9f)) return ch;
    if ((n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069)) return ch;
  }
  return undefined;
}

test('summary shows control characters in URLs and messages as visible escapes', () => {
  const path = harFile('ansi.har', [
    entry({
      url: `https://api.example.com/v1/${encodeURI('x')}${HOSTILE}`,
      body: JSON.stringify({ message: `boom ${HOSTILE}` }),
    }),
  ]);
  const r = apilens(['summary', path]);
  expect(r.code).toBe(0);
  expect(rawControl(r.stdout)).toBeUndefined();
  expect(r.stdout).toContain('\\x1b[31mRED\\x1b[0m');
  expect(r.stdout).toContain('\\u202egnp.exe');
  // --json is JSON: its strings carry the escapes JSON itself defines.
  const json = apilens(['summary', path, '--json']);
  expect(rawControl(json.stdout)).toBeUndefined();
  // Group messages are templates: the digits inside the escapes become placeholders.
  expect(JSON.parse(json.stdout).errorGroups[0].message).toContain('\u202egnp.exe \u001b[');
});

test('explain and error messages escape control characters from arguments', () => {
  const explain = apilens(['explain', '404', '--method', `GET${HOSTILE}`]);
  expect(explain.code).toBe(0);
  expect(rawControl(explain.stdout)).toBeUndefined();
  expect(explain.stdout).toContain('Retry (GET\\u202eGNP.EXE \\x1b[31MRED');
  for (const args of [
    ['explain', '404', '--profile', `x${HOSTILE}`],
    ['summary', join(dir, `missing${HOSTILE}.har`)],
    [`nope${HOSTILE}`],
  ]) {
    const r = apilens(args);
    expect(r.code, args[0]).not.toBe(0);
    expect(r.stderr).toMatch(/^apilens: /);
    expect(rawControl(r.stderr)).toBeUndefined();
    expect(r.stderr).toContain('\\x1b');
  }
});

test('a custom field nested 100,000 deep is annotated to stdout and to -o, kept whole', () => {
  const depth = 100_000;
  const text = JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 't', version: '1' },
      entries: [entry({ status: 200 })],
    },
  }).replace('"cache":{}', `"cache":{},"_deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
  const path = join(dir, 'deep.har');
  writeFileSync(path, text);
  const out = apilens(['annotate', path]);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  const file = join(dir, 'deep.out.har');
  const o = apilens(['annotate', path, '-o', file]);
  expect(o.stderr).toBe('');
  expect(o.code).toBe(0);
  expect(readFileSync(file, 'utf8')).toBe(out.stdout);
  let node = JSON.parse(out.stdout).log.entries[0]._deep;
  let levels = 0;
  while (typeof node === 'object' && levels <= depth) {
    node = node.a;
    levels++;
  }
  expect([levels, node]).toEqual([depth, 1]);
});

test('summary of 200,000 distinct API keys with daily rate headers', () => {
  test.setTimeout(300_000); // ~1 min on a loaded two-core machine: 200,000 entries annotated
  const n = 200_000;
  const T0 = Date.UTC(2026, 0, 1);
  const entries = new Array(n);
  for (let i = 0; i < n; i++)
    entries[i] = entry({
      at: T0 + i,
      status: 200,
      req: [{ name: 'Authorization', value: `Bearer key-${i}` }],
      res: [
        { name: 'X-RateLimit-Limit-Day', value: '1000' },
        { name: 'X-RateLimit-Remaining-Day', value: '999' },
      ],
    });
  const r = apilens(['summary', harFile('keys.har', entries)]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`${n} requests, 0 errors`);
  expect(r.stdout).toMatch(/ 1000 +86400s +ok +headers\n/);
  expect(r.stdout).toContain(`… and ${n - 50} more keys (use --json for all)`);
});

test('a profile’s catastrophic path pattern matches in linear time; a backreference is refused in one line', () => {
  const slow = join(dir, 'redos.json');
  writeFileSync(
    slow,
    JSON.stringify([
      {
        id: 'redos',
        name: 'ReDoS',
        match: { hosts: ['api.redos.test'] },
        versions: [{ id: 'v-a', pathPattern: '^/(a+)+$' }],
      },
    ]),
  );
  const path = harFile('redos.har', [
    entry({ url: `https://api.redos.test/${'a'.repeat(50_000)}!`, status: 200 }),
    entry({ url: 'https://api.redos.test/aaaa', status: 200 }),
  ]);
  const r = apilens(['annotate', path, '--profiles', slow]);
  expect(r.code).toBe(0);
  const [long, short] = JSON.parse(r.stdout).log.entries.map(
    (e: { _apiLens: { apiVersion?: string } }) => e._apiLens.apiVersion,
  );
  expect([long, short]).toEqual([undefined, 'v-a']);

  const back = join(dir, 'backref.json');
  writeFileSync(
    back,
    JSON.stringify([{ id: 'back', name: 'B', versions: [{ id: 'v', pathPattern: '^/(a+)\\1$' }] }]),
  );
  const b = apilens(['annotate', path, '--profiles', back]);
  expect(b.code).toBe(1);
  expect(b.stderr).toBe(
    `apilens: invalid profiles in ${back}: profiles[0].versions[0].pathPattern: expected a regular expression (RE2 syntax, matched in linear time: no backreferences or lookaround): invalid escape sequence: \`\\1\`\n`,
  );
});

test('prototype-named codes and a zero rate limit write annotations the published schema accepts', () => {
  const path = harFile('proto.har', [
    entry({ body: '{"error":{"code":"constructor","message":"c"}}' }),
    entry({
      url: 'https://api.evrythng.com/thngs',
      body: '{"status":400,"errors":["e"],"code":"__proto__"}',
    }),
    entry({
      status: 200,
      res: [
        { name: 'X-RateLimit-Limit', value: '0' },
        { name: 'X-RateLimit-Remaining', value: '0' },
      ],
    }),
  ]);
  const r = apilens(['annotate', path]);
  expect(r.code).toBe(0);
  const [ctor, proto, zero] = JSON.parse(r.stdout).log.entries.map(
    (e: { _apiLens: Record<string, unknown> }) => e._apiLens,
  );
  expect(ctor.error).toEqual({ format: 'error-object', messages: ['c'], code: 'constructor' });
  expect(proto.error).not.toHaveProperty('codeMeaning');
  expect(zero).not.toHaveProperty('rate');
});
