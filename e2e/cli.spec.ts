import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

// The built CLI, run the way the README says: `node <package.json bin>` from the repo root.
const ROOT = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
};
const BIN = join(ROOT, pkg.bin.apilens!);

function apilens(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input,
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
