import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProfileSet, parseUserProfiles } from '../profiles/index.ts';
import { loadOpenApi } from './load.ts';
import { INSTANCES_30 } from './test-doc.ts';

function load(doc: unknown) {
  return loadOpenApi(typeof doc === 'string' ? doc : JSON.stringify(doc));
}
function profile(doc: unknown) {
  const r = load(doc);
  if (!r.ok) throw new Error(r.error);
  return r.profile;
}
function error(doc: unknown): string {
  const r = load(doc);
  if (r.ok) throw new Error('loaded');
  return r.error;
}
/** GET /a whose 200 response has `schema` as its application/json schema. */
const pathWith = (schema: unknown) => ({
  '/a': {
    get: {
      responses: {
        '200': { description: 'x', content: { 'application/json': { schema } } },
      },
    },
  },
});
const minimal = (extra: Record<string, unknown> = {}) => ({
  openapi: '3.1.0',
  info: { title: 'T', version: '1' },
  paths: {},
  ...extra,
});

describe('openapi: loading a document into a compact profile', () => {
  it('compiles servers, operations, documented responses and apiKey names', () => {
    const p = profile(INSTANCES_30);
    expect(p.id).toBe('openapi-instances-api');
    expect(p.name).toBe('Instances API');
    expect(p.keyHeaders).toEqual(['X-Instances-Key']);
    expect(p.keyQueryParams).toEqual(['instances_key']);
    expect(p.keyCookies).toEqual(['inst_session']);
    const o = p.openapi!;
    expect(o.openapi).toBe('3.0.3');
    expect(o.version).toBe('1.2.0');
    expect(o.servers[1]!.variables.region).toEqual({ enum: ['eu', 'us'], default: 'eu' });
    expect(o.operations.map((op) => `${op.method} ${op.path}`)).toContain(
      'GET /instances/{instanceId}',
    );
    const get = o.operations.find((op) => op.id === 'getInstance')!;
    expect(get.summary).toBe('Get one instance');
    // Descriptions are kept as written, Markdown and line breaks included.
    expect(get.responses[0]!.description).toBe('The **instance**,\n  as stored.');
    expect(get.responses[1]).toMatchObject({ status: '4XX', description: 'Something went wrong.' });
    // Media type parameters are dropped.
    const list = o.operations.find((op) => op.id === 'listInstances')!;
    expect(list.responses[0]!.content[0]!.type).toBe('application/json');
    // An absent operationId or summary is omitted, never null.
    const post = o.operations.find((op) => op.method === 'POST')!;
    expect('id' in post).toBe(false);
    expect('summary' in post).toBe(false);
  });

  it('the compiled profile is what storage keeps: it round-trips through JSON and the profile schema', () => {
    const p = profile(INSTANCES_30);
    const stored = JSON.parse(JSON.stringify([p]));
    const parsed = parseUserProfiles(stored);
    expect(parsed).toEqual({ ok: true, profiles: [p] });
    stored[0].openapi.operations[0].method = 'get';
    const bad = parseUserProfiles(stored);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]).toMatch(/^profiles\[0\]\.openapi\.operations\[0\]\.method: /);
  });

  it('reads YAML as well as JSON, and the same document gives the same profile', () => {
    const yaml = `openapi: 3.0.0
info: {title: Y, version: "2"}
paths:
  /a:
    get:
      responses:
        200: {description: ok}
`;
    const p = profile(yaml);
    expect(p.openapi!.operations).toEqual([
      { method: 'GET', path: '/a', responses: [{ status: '200', description: 'ok', content: [] }] },
    ]);
  });

  it('resolves circular schemas, and shares a schema referenced twice', () => {
    const p = profile(INSTANCES_30);
    const o = p.openapi!;
    const tree = o.operations.find((op) => op.id === 'getTree')!.responses[0]!.content[0]!;
    const node = o.schemas[tree.schema!] as {
      properties: { children: { items: { $ref: string } } };
    };
    expect(node.properties.children.items.$ref).toBe(`#/$defs/${tree.schema}`);
  });

  it('refuses what is not OpenAPI 3.0 or 3.1, in one line', () => {
    expect(error({ swagger: '2.0' })).toBe('Swagger 2.0 is not supported: convert it to OpenAPI 3');
    expect(error({ hello: 'world' })).toBe('not an OpenAPI document: no "openapi" version field');
    expect(error({ openapi: '4.0.0' })).toBe('OpenAPI 4.0.0 is not supported (3.0 and 3.1 are)');
    expect(error('[1, 2')).toMatch(/^not valid JSON: /);
    expect(error('"just a string"')).toBe('not an OpenAPI document: expected an object at the top');
  });

  it('refuses broken YAML in one line, without the code frame', () => {
    const e = error('openapi: 3.1.0\ninfo:\n  title: "unterminated\n  version: 1\n');
    expect(e).toMatch(/^not valid YAML: /);
    expect(e).not.toContain('\n');
  });

  it('refuses a $ref that points nowhere', () => {
    const doc = minimal({ paths: pathWith({ $ref: '#/components/schemas/Nope' }) });
    expect(error(doc)).toBe(
      '$ref "#/components/schemas/Nope" at /paths/~1a/get/responses/200/content/application~1json/schema points nowhere',
    );
    // Own properties only: #/__proto__ is not Object.prototype.
    expect(
      error(
        minimal({ paths: { '/a': { get: { responses: { '200': { $ref: '#/__proto__' } } } } } }),
      ),
    ).toMatch(/points nowhere/);
  });

  it('refuses a cycle of refs that never reaches a schema', () => {
    const doc = minimal({
      paths: pathWith({ $ref: '#/components/schemas/A' }),
      components: {
        schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } },
      },
    });
    expect(error(doc)).toBe(
      '$ref cycle never reaches a schema: #/components/schemas/A → #/components/schemas/B → #/components/schemas/A',
    );
    const responses = minimal({
      paths: { '/a': { get: { responses: { '200': { $ref: '#/components/responses/R' } } } } },
      components: { responses: { R: { $ref: '#/components/responses/R' } } },
    });
    expect(error(responses)).toMatch(/^\$ref cycle never reaches an object: /);
  });

  it('does not fetch external refs, and says so', () => {
    const p = profile(
      minimal({
        paths: {
          ...pathWith({ $ref: 'common.yaml#/Thing' }),
          '/b': { $ref: 'paths/b.yaml' },
        },
      }),
    );
    expect(p.openapi!.skipped).toEqual([
      {
        at: '/paths/~1a/get/responses/200/content/application~1json/schema',
        reason: 'external $ref "common.yaml#/Thing" not fetched; anything is accepted there',
      },
      { at: '/paths/~1b', reason: 'external $ref "paths/b.yaml" not fetched' },
    ]);
  });

  it('drops patterns that could backtrack without bound, and says so', () => {
    const p = profile(
      minimal({
        paths: pathWith({
          type: 'object',
          properties: {
            pattern: { type: 'string', pattern: '^(a+)+$' },
            ok: { type: 'string', pattern: '^[a-z]+$' },
          },
        }),
      }),
    );
    const s = p.openapi!.schemas[0] as { properties: Record<string, { pattern?: string }> };
    expect(s.properties.pattern!.pattern).toBeUndefined();
    expect(s.properties.ok!.pattern).toBe('^[a-z]+$');
    expect(p.openapi!.skipped[0]!.reason).toMatch(/^pattern not checked: could backtrack/);
  });

  // Completing at all is what shows "no hang"; the minute only absorbs a loaded machine.
  it('bounds YAML alias expansion and deep nesting: one line, no hang, no stack trace', {
    timeout: 60_000,
  }, () => {
    let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 0; i < 9; i++)
      bomb += `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
        .fill(`*${String.fromCharCode(97 + i)}`)
        .join(',')}]\n`;
    expect(error(bomb)).toMatch(/^not valid YAML: /);
    expect(error(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)).not.toContain('\n');
    const deepYaml = `${'- '.repeat(1)}${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    expect(error(deepYaml)).not.toContain('\n');
  });

  it('keeps a deep but legal schema bounded', () => {
    let schema: unknown = { type: 'string' };
    for (let i = 0; i < 500; i++) schema = { type: 'array', items: schema };
    const p = profile(minimal({ paths: pathWith(schema) }));
    expect(p.openapi!.skipped.some((s) => /nests deeper than/.test(s.reason))).toBe(true);
  });
});

describe('openapi: path-level and operation-level servers', () => {
  const doc = minimal({
    servers: [{ url: 'https://api.a.test/v1' }],
    paths: {
      '/files/{id}': {
        servers: [
          {
            url: 'https://{tenant}.files.test/{region}',
            variables: {
              tenant: { default: 'demo' },
              region: { enum: ['eu', 'us'], default: 'eu' },
            },
          },
        ],
        get: { operationId: 'getFile', responses: { '200': { description: 'A file.' } } },
        put: {
          operationId: 'putFile',
          servers: [{ url: 'https://upload.a.test/v2/' }],
          responses: { '200': { description: 'Stored.' } },
        },
        delete: { operationId: 'deleteFile', servers: [], responses: {} },
      },
      '/pets': { servers: [], get: { operationId: 'listPets', responses: {} } },
    },
  });

  it("are compiled onto each operation: the operation's own, else its path's; an empty list overrides nothing", () => {
    const p = profile(doc);
    const byId = new Map(p.openapi!.operations.map((o) => [o.id, o]));
    const files = [
      {
        url: 'https://{tenant}.files.test/{region}',
        variables: { tenant: { default: 'demo' }, region: { enum: ['eu', 'us'], default: 'eu' } },
      },
    ];
    expect(byId.get('getFile')!.servers).toEqual(files);
    expect(byId.get('deleteFile')!.servers).toEqual(files);
    expect(byId.get('putFile')!.servers).toEqual([
      { url: 'https://upload.a.test/v2/', variables: {} },
    ]);
    expect(byId.get('listPets')!.servers).toBeUndefined();
    expect(p.openapi!.skipped).toEqual([]);
  });

  it('route requests by them, and the profile still passes the stored-profile schema', () => {
    const p = profile(doc);
    expect(parseUserProfiles(JSON.stringify([p])).ok).toBe(true);
    const set = createProfileSet([p]);
    const id = (url: string, method = 'GET') => set.match({ url, method }).operation?.id;
    expect(id('https://acme.files.test/eu/files/7')).toBe('getFile');
    expect(id('https://acme.files.test/ap/files/7')).toBeUndefined();
    expect(id('https://api.a.test/v1/files/7')).toBeUndefined();
    expect(id('https://upload.a.test/v2/files/7/', 'PUT')).toBe('putFile');
    expect(id('https://api.a.test/v1/pets')).toBe('listPets');
  });
});

describe('openapi: the real documents in fixtures/openapi', () => {
  // Each document is parsed once; a 1.6 MB YAML takes seconds on a loaded machine, so these
  // tests allow a minute (no assertion here is about time).
  const loaded = new Map<string, ReturnType<typeof loadOpenApi>>();
  const load = (f: string) => {
    if (!loaded.has(f))
      loaded.set(
        f,
        loadOpenApi(
          readFileSync(new URL(`../../../fixtures/openapi/${f}`, import.meta.url), 'utf8'),
        ),
      );
    return loaded.get(f)!;
  };
  const SLOW = { timeout: 60_000 };
  it.each([
    ['museum-3.1.yaml', '3.1.0', 8],
    ['petstore3-3.0.yaml', '3.0.4', 19],
    ['datadog-v1-3.0.yaml', '3.0.0', 235],
    ['github-ghes-3.4.json', '3.0.3', 784],
    ['authentik-2026.2.2-3.0.yaml', '3.0.3', 1113],
    ['demo-seed-apis.yaml', '3.1.0', undefined],
  ])('%s loads (OpenAPI %s, %s operations)', SLOW, (file, version, ops) => {
    const r = load(file);
    if (!r.ok) throw new Error(r.error);
    expect(r.profile.openapi!.openapi).toBe(version);
    if (ops !== undefined) expect(r.profile.openapi!.operations).toHaveLength(ops);
  });

  it(
    'authentik (1,113 operations): its relative server matches any host; literal "me" beats "{id}"',
    SLOW,
    () => {
      const r = load('authentik-2026.2.2-3.0.yaml');
      if (!r.ok) throw new Error(r.error);
      expect(r.profile.openapi!.servers).toEqual([{ url: '/api/v3', variables: {} }]);
      const set = createProfileSet([r.profile]);
      const op = (url: string, method = 'GET') => set.match({ url, method }).operation?.id;
      expect(op('https://auth.example.com/api/v3/core/users/me/')).toBe('core_users_me_retrieve');
      expect(op('https://sso.acme.test/api/v3/core/users/42/')).toBe('core_users_retrieve');
      expect(op('https://sso.acme.test/api/v3/core/users/42')).toBe('core_users_retrieve');
      expect(op('https://sso.acme.test/api/v3/core/users/42/', 'DELETE')).toBe(
        'core_users_destroy',
      );
      expect(op('https://sso.acme.test/core/users/42/')).toBeUndefined();
    },
  );

  it(
    'Datadog: server variables with and without enum, apiKey headers and query parameters',
    SLOW,
    () => {
      const r = load('datadog-v1-3.0.yaml');
      if (!r.ok) throw new Error(r.error);
      expect(r.profile.keyHeaders).toEqual(['DD-API-KEY', 'DD-APPLICATION-KEY']);
      expect(r.profile.keyQueryParams).toEqual(['api_key', 'application_key']);
      const vars = r.profile.openapi!.servers[0]!.variables;
      expect(vars.site!.enum).toContain('datadoghq.eu');
      expect(vars.subdomain!.enum).toBeUndefined();
    },
  );
});
