import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

// `apilens check` and `--openapi`, run as the README says: the built bin, real files.
const ROOT = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
};
const BIN = join(ROOT, pkg.bin.apilens!);
const DEMO_DOC = 'fixtures/openapi/demo-seed-apis.yaml';
const DATADOG = 'fixtures/openapi/datadog-v1-3.0.yaml';

function apilens(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DD_KEY = '0123456789abcdef0123456789abcdef';
/** Calls of Datadog's API on two of its regional hosts (server variables `subdomain`, `site`). */
function datadogHar(): string {
  const dir = mkdtempSync(join(tmpdir(), 'apilens-check-e2e-'));
  const entry = (i: number, url: string, status: number, text: string) => ({
    startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    time: 10,
    request: {
      method: 'GET',
      url,
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'DD-API-KEY', value: DD_KEY }],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      cookies: [],
      content: { size: text.length, mimeType: 'application/json', text },
      redirectURL: '',
      headersSize: -1,
      bodySize: text.length,
    },
    cache: {},
    timings: { send: 0, wait: 10, receive: 0 },
  });
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'e2e', version: '1' },
      entries: [
        entry(0, 'https://api.datadoghq.eu/api/v1/validate', 200, '{"valid":true}'),
        entry(1, 'https://api.us3.datadoghq.com/api/v1/validate', 200, '{"valid":"yes"}'),
        entry(2, 'https://api.datadoghq.eu/api/v1/validate/', 418, '{"errors":["teapot"]}'),
        // No operation has this path: an error, never "undocumented".
        entry(3, 'https://api.datadoghq.eu/api/v1/nothing-here', 404, '{}'),
      ],
    },
  };
  const file = join(dir, 'datadog.har');
  writeFileSync(file, JSON.stringify(har));
  return file;
}

test('check: exit 3 with one redacted line per finding, exit 0 when none', () => {
  const found = apilens([
    'check',
    'samples/demo.har',
    '--openapi',
    DEMO_DOC,
    '--fail-on',
    'error,unsafe',
  ]);
  expect(found.stderr).toBe('');
  expect(found.code).toBe(3);
  const lines = found.stdout.trimEnd().split('\n');
  for (const line of lines)
    expect(line).toMatch(/^[A-Z]+ https?:\/\/\S+ \d{1,3} (error|unsafe): \S/);
  expect(lines).toContainEqual(
    expect.stringMatching(/^POST http:\/\/api\.neo4j\.io:\d+\/v1\/instances 500 unsafe: /),
  );
  expect(found.stdout).not.toMatch(/Bearer [A-Za-z0-9]/);

  const none = apilens([
    'check',
    'samples/demo.har',
    '--openapi',
    DEMO_DOC,
    '--fail-on',
    'undocumented,schema',
  ]);
  expect(none).toEqual({ code: 0, stdout: '', stderr: '' });
});

test('check against a real document: server variables, undocumented status, schema, apiKey redacted', () => {
  const har = datadogHar();
  const r = apilens(['check', har, '--openapi', DATADOG, '--fail-on', 'undocumented,schema']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(3);
  expect(r.stdout).toBe(
    [
      'GET https://api.us3.datadoghq.com/api/v1/validate 200 schema: body does not match the documented schema in Validate: /valid Instance type "string" is invalid. Expected "boolean"',
      'GET https://api.datadoghq.eu/api/v1/validate/ 418 undocumented: 418 is not documented for Validate (Datadog API V1 Collection)',
      '',
    ].join('\n'),
  );
  const json = apilens(['check', har, '--openapi', DATADOG, '--fail-on', 'error', '--json']);
  expect(json.code).toBe(3);
  expect(JSON.parse(json.stdout).map((f: { index: number }) => f.index)).toEqual([2, 3]);
  const gh = apilens([
    'check',
    har,
    '--openapi',
    DATADOG,
    '--fail-on',
    'schema',
    '--format',
    'github',
  ]);
  expect(gh.stdout).toMatch(
    /^::error title=apilens check%3A schema::GET https:\/\/api\.us3\.datadoghq\.com/,
  );
  const annotated = apilens(['annotate', har, '--openapi', DATADOG]);
  expect(annotated.code).toBe(0);
  expect(annotated.stdout).not.toContain(DD_KEY);
  const a = JSON.parse(annotated.stdout).log.entries[0]._apiLens;
  expect(a.operation).toEqual({
    id: 'Validate',
    method: 'GET',
    path: '/api/v1/validate',
    summary: 'Validate API key',
    spec: 'Datadog API V1 Collection',
  });
  expect(a.status).toMatchObject({ meaning: 'OK', source: 'openapi', documented: true });
});

test('check: wrong arguments exit 2, bad input exits 1, one line each', () => {
  const noFailOn = apilens(['check', 'samples/demo.har']);
  expect(noFailOn.code).toBe(2);
  expect(noFailOn.stderr.split('\n')[0]).toMatch(/^apilens: check: --fail-on is required/);
  const badDoc = apilens([
    'check',
    'samples/demo.har',
    '--openapi',
    'README.md',
    '--fail-on',
    'schema',
  ]);
  expect(badDoc.code).toBe(1);
  expect(badDoc.stderr).toMatch(/^apilens: README\.md: not valid YAML: .*\n$/);
  expect(badDoc.stderr).not.toMatch(/\n\s+at /);
});

test('explain with --openapi names the operations that document the status', () => {
  const r = apilens(['explain', '404', '--openapi', DEMO_DOC]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('404 Not Found — Neo4j Aura API (API Lens demo)');
  expect(r.stdout).toContain(
    'getInstance — GET /v1/instances/{instanceId} (responses.404): No instance with that id is visible to this token.',
  );
});
