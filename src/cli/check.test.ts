import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harEntry } from '../core/har/test-entry.ts';
import { INSTANCES_30 } from '../core/openapi/test-doc.ts';
import { run } from './run.ts';
import { useCli } from './test-cli.ts';

const TICKET = 'tkt-0123456789abcdef';
const DOC = {
  ...INSTANCES_30,
  components: {
    ...INSTANCES_30.components,
    // A key name the default redaction does not guess: only the document says it is a secret.
    securitySchemes: { ticket: { type: 'apiKey', in: 'query', name: 'apiTicket' } },
  },
};
const BASE = 'https://api.example.test/v1';

const cli = useCli('apilens-check-');
const { file, fails } = cli;
function harFile(entries: unknown[]): string {
  return file(
    'in.har',
    JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries } }),
  );
}

const at = (i: number) => Date.UTC(2026, 0, 1) + i * 1000;
const ENTRIES = [
  // 0: documented, valid
  harEntry({
    url: `${BASE}/instances/i-1?apiTicket=${TICKET}`,
    body: '{"id":"i-1","name":"db"}',
    at: at(0),
  }),
  // 1: documented status, body breaks the schema
  harEntry({ url: `${BASE}/instances/i-2?apiTicket=${TICKET}`, body: '{"id":"i-2"}', at: at(1) }),
  // 2: matched, 503 not documented for getInstance
  harEntry({ url: `${BASE}/instances/i-3`, status: 503, body: '', at: at(2) }),
  // 3: unmatched 404: an error, never "undocumented"
  harEntry({ url: 'https://elsewhere.test/x', status: 404, body: '', at: at(3) }),
  // 4: a POST that failed with 500: unsafe to retry blindly
  harEntry({
    method: 'POST',
    url: 'https://elsewhere.test/orders',
    status: 500,
    body: '',
    at: at(4),
  }),
];

describe('apilens check', () => {
  it('--fail-on is required, and lists known conditions only (exit 2)', () => {
    const input = harFile(ENTRIES);
    expect(fails(['check', input]).exitCode).toBe(2);
    const bad = fails(['check', input, '--fail-on', 'error,nope']);
    expect(bad.exitCode).toBe(2);
    expect(bad.message).toContain('unknown condition "nope"');
    expect(fails(['check', input, '--fail-on', 'error', '--format', 'xml']).exitCode).toBe(2);
    expect(
      fails(['check', input, '--fail-on', 'error', '--json', '--format', 'github']).exitCode,
    ).toBe(2);
  });

  it('bad input exits 1 in one line: an unreadable HAR, a refused document', () => {
    expect(fails(['check', join(cli.dir, 'missing.har'), '--fail-on', 'error']).exitCode).toBe(1);
    const spec = file(
      'bad.yaml',
      'openapi: 3.1.0\npaths:\n  /a: {get: {responses: {"200": {$ref: "#/nowhere"}}}}\n',
    );
    const e = fails(['check', harFile(ENTRIES), '--openapi', spec, '--fail-on', 'schema']);
    expect(e.exitCode).toBe(1);
    expect(e.message).toBe(
      `${spec}: $ref "#/nowhere" at /paths/~1a/get/responses/200 points nowhere`,
    );
  });

  it('one line per finding, METHOD redacted-URL STATUS condition: detail; exit 3', () => {
    const spec = file('doc.json', JSON.stringify(DOC));
    const code = run([
      'check',
      harFile(ENTRIES),
      '--openapi',
      spec,
      '--fail-on',
      'error,undocumented,schema,unsafe',
    ]);
    expect(code).toBe(3);
    const lines = cli.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(
      /^GET https:\/\/api\.example\.test\/v1\/instances\/i-2\?apiTicket=%5BREDACTED%20k%3A[0-9a-f]{12}%5D 200 schema: body does not match the documented schema in getInstance: \/ required member "name" is missing$/,
    );
    expect(lines[1]).toMatch(/^GET https:\/\/api\.example\.test\/v1\/instances\/i-3 503 error: /);
    expect(lines[2]).toBe(
      'GET https://api.example.test/v1/instances/i-3 503 undocumented: 503 is not documented for getInstance (Instances API)',
    );
    expect(lines[3]).toMatch(/^GET https:\/\/elsewhere\.test\/x 404 error: /);
    expect(lines[4]).toMatch(/^POST https:\/\/elsewhere\.test\/orders 500 error: /);
    expect(lines[5]).toMatch(/^POST https:\/\/elsewhere\.test\/orders 500 unsafe: /);
    expect(cli.stdout).not.toContain(TICKET);
  });

  it('exit 0 and no output when nothing matches', () => {
    const spec = file('doc.json', JSON.stringify(DOC));
    expect(
      run([
        'check',
        harFile(ENTRIES.slice(0, 1)),
        '--openapi',
        spec,
        '--fail-on',
        'error,undocumented,schema',
      ]),
    ).toBe(0);
    expect(cli.stdout).toBe('');
  });

  it('without --openapi it still serves error, unsafe and over-limit', () => {
    expect(run(['check', harFile(ENTRIES), '--fail-on', 'error'])).toBe(3);
    expect(cli.stdout.trimEnd().split('\n')).toHaveLength(3);
    cli.stdout = '';
    expect(run(['check', harFile(ENTRIES), '--fail-on', 'schema,undocumented'])).toBe(0);
    expect(cli.stderr).toContain('need an --openapi document');
  });

  it('over-limit: the requests that went over their rate limit', () => {
    const burst = Array.from({ length: 4 }, (_, i) =>
      harEntry({
        url: 'https://api.limited.test/x',
        body: '{}',
        at: at(i),
        responseHeaders: { 'RateLimit-Limit': '2' },
      }),
    );
    expect(run(['check', harFile(burst), '--fail-on', 'over-limit'])).toBe(3);
    const lines = cli.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^GET https:\/\/api\.limited\.test\/x 200 over-limit: 3 requests in 60s, over the limit of 2/,
    );
  });

  it('--json prints an array of { index, condition, method, url, status, detail }', () => {
    const spec = file('doc.json', JSON.stringify(DOC));
    expect(
      run(['check', harFile(ENTRIES), '--openapi', spec, '--fail-on', 'undocumented', '--json']),
    ).toBe(3);
    expect(JSON.parse(cli.stdout)).toEqual([
      {
        index: 2,
        condition: 'undocumented',
        method: 'GET',
        url: 'https://api.example.test/v1/instances/i-3',
        status: 503,
        detail: '503 is not documented for getInstance (Instances API)',
      },
    ]);
  });

  it('--format github prints ::error lines, escaped as workflow commands', () => {
    const spec = file('doc.json', JSON.stringify(DOC));
    expect(
      run([
        'check',
        harFile(ENTRIES),
        '--openapi',
        spec,
        '--fail-on',
        'undocumented',
        '--format',
        'github',
      ]),
    ).toBe(3);
    expect(cli.stdout).toBe(
      '::error title=apilens check%3A undocumented::GET https://api.example.test/v1/instances/i-3 503 undocumented: 503 is not documented for getInstance (Instances API)\n',
    );
  });

  it('the first --openapi that matches wins', () => {
    const a = file('a.json', JSON.stringify({ ...DOC, info: { title: 'First', version: '1' } }));
    const b = file('b.json', JSON.stringify({ ...DOC, info: { title: 'Second', version: '1' } }));
    run(['check', harFile(ENTRIES), '--openapi', a, '--openapi', b, '--fail-on', 'undocumented']);
    expect(cli.stdout).toContain('(First)');
    cli.stdout = '';
    run(['check', harFile(ENTRIES), '--openapi', b, '--openapi', a, '--fail-on', 'undocumented']);
    expect(cli.stdout).toContain('(Second)');
  });
});

describe('apilens annotate / summary / explain with --openapi', () => {
  it('annotate adds operation, documented status and schema, redacting the apiKey', () => {
    const spec = file('doc.json', JSON.stringify(DOC));
    expect(run(['annotate', harFile(ENTRIES), '--openapi', spec])).toBe(0);
    const out = JSON.parse(cli.stdout);
    expect(out.log.entries[1]._apiLens).toMatchObject({
      operation: {
        id: 'getInstance',
        method: 'GET',
        path: '/instances/{instanceId}',
        spec: 'Instances API',
      },
      status: { code: 200, source: 'openapi', documented: true },
      schema: {
        valid: false,
        errors: [{ path: '', message: 'required member "name" is missing' }],
      },
    });
    expect(cli.stdout).not.toContain(TICKET);
  });

  it('summary groups errors by the operation template', () => {
    const spec = file('doc.json', JSON.stringify(DOC));
    expect(run(['summary', harFile(ENTRIES), '--openapi', spec, '--json'])).toBe(0);
    const endpoints = JSON.parse(cli.stdout).errorGroups.map(
      (g: { endpoint: string }) => g.endpoint,
    );
    expect(endpoints).toContain('api.example.test/v1/instances/{instanceId}');
  });

  it('explain uses the document: the operations documenting the status', () => {
    const spec = file('doc.yaml', JSON.stringify(DOC));
    expect(run(['explain', '404', '--openapi', spec])).toBe(0);
    expect(cli.stdout).toContain('404 Not Found — Instances API');
    expect(cli.stdout).toContain(
      'getInstance — GET /instances/{instanceId} (responses.4XX): Something went wrong.',
    );
    // What was loaded: title, version, operation count, servers, apiKey names, skipped items.
    expect(cli.stdout).toContain('Loaded Instances API 1.2.0 (OpenAPI 3.0.3): 7 operations');
    expect(cli.stdout).toContain(
      'Servers: https://api.example.test/v1/, https://{customer}.example.test/{region}',
    );
    expect(cli.stdout).toContain('API keys (redacted, key the rate counter): apiTicket');
  });

  it('explain lists what was skipped and why', () => {
    const doc = { ...DOC, paths: { ...DOC.paths, '/ext': { $ref: 'other.yaml#/ext' } } };
    expect(run(['explain', '200', '--openapi', file('ext.json', JSON.stringify(doc))])).toBe(0);
    expect(cli.stdout).toContain(
      'Skipped (1):\n  /paths/~1ext: external $ref "other.yaml#/ext" not fetched',
    );
  });
});
