import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harEntry } from '../core/har/test-entry.ts';
import { run } from './run.ts';
import { useCli } from './test-cli.ts';

const SECRET = 'Bearer sk_live_0123456789abcdef';

function entry(status: number, body: string, at: string, headers: Record<string, string> = {}) {
  return harEntry({
    status,
    body,
    at: Date.parse(at),
    time: 50,
    url: 'https://api.aurorasolar.com/tenants/t1/designs/42?api_key=abc123secret',
    requestHeaders: { Authorization: SECRET },
    queryString: { api_key: 'abc123secret' },
    responseHeaders: headers,
  });
}

function har(entries: unknown[]) {
  return JSON.stringify({
    log: { version: '1.2', creator: { name: 'test', version: '1' }, entries },
  });
}

const cli = useCli('apilens-cli-');
const { file, fails } = cli;

describe('apilens annotate', () => {
  it('writes entry and log annotations, with secrets redacted by default', () => {
    const input = file(
      'in.har',
      har([entry(404, '', '2026-01-01T00:00:00.000Z', { 'X-Request-Id': 'req-1' })]),
    );
    const out = join(cli.dir, 'out.har');
    expect(run(['annotate', input, '-o', out])).toBe(0);
    const text = readFileSync(out, 'utf8');
    const written = JSON.parse(text);
    const a = written.log.entries[0]._apiLens;
    expect(a).toMatchObject({
      v: 1,
      profile: 'aurora',
      requestId: 'req-1',
      status: { code: 404, source: 'profile' },
    });
    expect(a.redacted).toEqual(expect.arrayContaining(['request.headers.Authorization']));
    expect(written.log._apiLens).toMatchObject({ v: 1, entries: 1, errors: 1, redacted: true });
    expect(text).not.toContain('sk_live_0123456789abcdef');
    expect(text).not.toContain('abc123secret');
  });

  it('keeps secrets only when asked with --no-redact', () => {
    const input = file('in.har', har([entry(200, '{}', '2026-01-01T00:00:00.000Z')]));
    expect(run(['annotate', input, '--no-redact'])).toBe(0);
    expect(cli.stdout).toContain('sk_live_0123456789abcdef');
    expect(JSON.parse(cli.stdout).log._apiLens.redacted).toBe(false);
  });

  it('applies user profiles from --profiles', () => {
    const input = file('in.har', har([entry(200, '{}', '2026-01-01T00:00:00.000Z')]));
    const body = { ...entry(503, '{"message":"down"}', '2026-01-01T00:00:01.000Z') };
    body.request.url = 'https://billing.internal.test/v2/invoices';
    const input2 = file('in2.har', har([body]));
    const profiles = file(
      'p.json',
      JSON.stringify([
        {
          id: 'billing',
          name: 'Billing',
          match: { hosts: ['billing.internal.test'] },
          statuses: { '503': { meaning: 'Nightly maintenance window.' } },
        },
      ]),
    );
    expect(run(['annotate', input2, '--profiles', profiles])).toBe(0);
    const a = JSON.parse(cli.stdout).log.entries[0]._apiLens;
    expect(a.profile).toBe('billing');
    expect(a.status.meaning).toBe('Nightly maintenance window.');
    expect(input).toBeTruthy();
  });
});

describe('apilens summary', () => {
  it('prints a readable table of statuses, errors and rate-limit peaks', () => {
    const entries = Array.from({ length: 92 }, (_, i) =>
      entry(
        i < 90 ? 200 : 429,
        i < 90 ? '{}' : '{"error":"Rate limit exceeded"}',
        new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i * 100)).toISOString(),
        i < 90 ? {} : { 'Retry-After': '30' },
      ),
    );
    const input = file('in.har', har(entries));
    expect(run(['summary', input])).toBe(0);
    expect(cli.stdout).toMatch(/92 requests, 2 errors/);
    expect(cli.stdout).toMatch(/2xx 90 {2}4xx 2/);
    expect(cli.stdout).toMatch(/aurora:k:[0-9a-f]{12}\s+92\s+90\s+60s\s+2 over/);
    expect(cli.stdout).toMatch(
      /2\s+429\s+GET api\.aurorasolar\.com\/tenants\/t1\/designs\/\{id\}\s+Rate limit exceeded/,
    );
  });

  it('prints the log annotation as JSON with --json', () => {
    const input = file('in.har', har([entry(500, '', '2026-01-01T00:00:00.000Z')]));
    expect(run(['summary', input, '--json'])).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ v: 1, entries: 1, byStatusClass: { '5xx': 1 } });
  });
});

describe('apilens explain', () => {
  it("gives a provider's documented meaning and retry verdict", () => {
    expect(run(['explain', '409', '--profile', 'aurora', '--method', 'POST'])).toBe(0);
    expect(cli.stdout).toMatch(/^409 /);
    expect(cli.stdout).toMatch(/Retry \(POST\): wait/);
  });

  it('falls back to the RFC meaning for the generic profile', () => {
    expect(run(['explain', '503'])).toBe(0);
    expect(cli.stdout).toMatch(/RFC 9110/);
    expect(cli.stdout).toMatch(/Retry \(GET\): backoff/);
  });
});

describe('apilens schema', () => {
  it('prints a JSON Schema for entry and log annotations', () => {
    expect(run(['schema'])).toBe(0);
    const schema = JSON.parse(cli.stdout);
    expect(schema.$defs.entry.properties).toHaveProperty('retry');
    expect(schema.$defs.entry.required).toEqual(
      expect.arrayContaining(['v', 'profile', 'status', 'retry']),
    );
    expect(schema.$defs.log.properties).toHaveProperty('errorGroups');
  });
});

describe('bad input', () => {
  it('rejects unknown commands and options with usage and exit code 2', () => {
    expect(fails(['frobnicate']).exitCode).toBe(2);
    expect(fails(['summary', 'x.har', '--bogus']).exitCode).toBe(2);
    expect(fails(['explain', '404', '-o', 'x']).message).toMatch(/--output does not apply/);
    expect(fails(['explain', '42']).message).toMatch(/not an HTTP status code/);
    expect(fails(['annotate']).message).toMatch(/missing the input HAR file/);
  });

  it('explains a missing, non-JSON or malformed HAR in one line with exit code 1', () => {
    expect(fails(['summary', join(cli.dir, 'nope.har')])).toMatchObject({
      exitCode: 1,
      message: expect.stringMatching(/no such file/),
    });
    expect(fails(['summary', file('bad.har', '{"log": ')]).message).toMatch(/JSON/);
    const malformed = file('m.har', JSON.stringify({ log: { version: '1.2', entries: [42] } }));
    expect(fails(['summary', malformed]).message).toMatch(/log\.entries\[0\]/);
    expect(fails(['summary', cli.dir]).message).toMatch(/directory/);
  });

  it('names the bad field of an invalid profiles file', () => {
    const input = file('in.har', har([]));
    const profiles = file(
      'p.json',
      JSON.stringify([{ id: 'x', name: 'X', rateLimit: { limit: -1, windowSeconds: 60 } }]),
    );
    expect(fails(['annotate', input, '--profiles', profiles]).message).toMatch(/rateLimit\.limit/);
  });
});
