import { describe, expect, it } from 'vitest';
import type { OpenApiOperation, OpenApiServer } from '../profiles/openapi-schema.ts';
import { Router, serverSummary } from './router.ts';

const op = (method: string, path: string, id = `${method} ${path}`): OpenApiOperation => ({
  method,
  path,
  id,
  responses: [],
});
const server = (url: string, variables: OpenApiServer['variables'] = {}): OpenApiServer => ({
  url,
  variables,
});

function matcher(servers: OpenApiServer[], ops: OpenApiOperation[]) {
  const r = new Router(servers, ops);
  return (method: string, url: string) => {
    const u = /^https?:\/\/([^/]+)(.*)$/.exec(url)!;
    return r.match(method, u[1]!.replace(/:\d+$/, ''), u[2] || '/').operation?.id;
  };
}

describe('openapi router: the pinned matching rules', () => {
  it('path templates are relative to the server path; a trailing slash on the server URL is dropped', () => {
    const m = matcher([server('https://api.example.test/v1/')], [op('GET', '/pets')]);
    expect(m('GET', 'https://api.example.test/v1/pets')).toBe('GET /pets');
    expect(m('GET', 'https://api.example.test/pets')).toBeUndefined();
    expect(m('GET', 'https://api.example.test/v10/pets')).toBeUndefined();
    expect(m('GET', 'https://other.example.test/v1/pets')).toBeUndefined();
  });

  it('one trailing slash on the request path is ignored, on either side', () => {
    const m = matcher([server('https://a.test')], [op('GET', '/pets'), op('GET', '/logs/')]);
    expect(m('GET', 'https://a.test/pets/')).toBe('GET /pets');
    expect(m('GET', 'https://a.test/pets//')).toBeUndefined();
    expect(m('GET', 'https://a.test/logs')).toBe('GET /logs/');
  });

  it('literal segments beat parameters, whatever the document order', () => {
    const m = matcher(
      [server('https://a.test')],
      [op('GET', '/users/{id}'), op('GET', '/users/me')],
    );
    expect(m('GET', 'https://a.test/users/me')).toBe('GET /users/me');
    expect(m('GET', 'https://a.test/users/42')).toBe('GET /users/{id}');
  });

  it('a parameter matches exactly one segment', () => {
    const m = matcher([server('https://a.test')], [op('GET', '/{path}')]);
    expect(m('GET', 'https://a.test/films')).toBe('GET /{path}');
    expect(m('GET', 'https://a.test/api/v3/films/1')).toBeUndefined();
  });

  it('the method is part of the match: a literal path without it falls back to the parameter', () => {
    const m = matcher(
      [server('https://a.test')],
      [op('GET', '/users/me'), op('DELETE', '/users/{id}')],
    );
    expect(m('DELETE', 'https://a.test/users/me')).toBe('DELETE /users/{id}');
    expect(m('POST', 'https://a.test/users/me')).toBeUndefined();
  });

  it('segments mixing text and a parameter match after literals, before bare parameters', () => {
    const m = matcher(
      [server('https://a.test')],
      [op('GET', '/files/{name}.json'), op('GET', '/files/{any}')],
    );
    expect(m('GET', 'https://a.test/files/report.json')).toBe('GET /files/{name}.json');
    expect(m('GET', 'https://a.test/files/report.csv')).toBe('GET /files/{any}');
  });

  it('a server variable with an enum matches its values only; one without matches any value, default included', () => {
    const m = matcher(
      [
        server('https://{customer}.example.test/{region}', {
          customer: { default: 'demo' },
          region: { enum: ['eu', 'us'], default: 'eu' },
        }),
      ],
      [op('GET', '/pets')],
    );
    expect(m('GET', 'https://acme.example.test/eu/pets')).toBe('GET /pets');
    expect(m('GET', 'https://demo.example.test/us/pets')).toBe('GET /pets');
    expect(m('GET', 'https://acme.example.test/ap/pets')).toBeUndefined();
    expect(m('GET', 'https://example.test/eu/pets')).toBeUndefined();
  });

  it('a per-customer {host} variable matches real host names, dots included', () => {
    const m = matcher(
      [server('https://{host}/api', { host: { default: 'example.com' } })],
      [op('GET', '/pets')],
    );
    expect(m('GET', 'https://shop.acme.co.uk/api/pets')).toBe('GET /pets');
  });

  it('host names compare case-insensitively and ports are not compared', () => {
    const m = matcher([server('https://API.Example.test:8443')], [op('GET', '/pets')]);
    expect(m('GET', 'https://api.example.test/pets')).toBe('GET /pets');
    expect(m('GET', 'http://api.example.test:3000/pets')).toBe('GET /pets');
  });

  it('a relative server URL (or none) matches any host, by path', () => {
    expect(
      matcher([server('/api/v3')], [op('GET', '/pet/{id}')])('GET', 'https://x.test/api/v3/pet/1'),
    ).toBe('GET /pet/{id}');
    expect(matcher([], [op('GET', '/pet/{id}')])('GET', 'https://x.test/pet/1')).toBe(
      'GET /pet/{id}',
    );
    const r = new Router([server('/api/v3')], [op('GET', '/pet/{id}')]);
    // Not an absolute server: the document does not claim the host by itself.
    expect(r.match('GET', 'x.test', '/api/v3/other')).toEqual({ served: false });
    const abs = new Router([server('https://x.test')], [op('GET', '/pet/{id}')]);
    expect(abs.match('GET', 'x.test', '/other')).toEqual({ served: true });
  });

  it('server variable values are text, never regular expressions', () => {
    const m = matcher(
      [server('https://{h}.test', { h: { enum: ['a.b', '(x+)+'] } })],
      [op('GET', '/p')],
    );
    expect(m('GET', 'https://a.b.test/p')).toBe('GET /p');
    expect(m('GET', 'https://aXb.test/p')).toBeUndefined();
  });

  it('matching costs O(path segments): 5,000 operations, and each lookup visits only its own branch', () => {
    const ops: OpenApiOperation[] = [];
    for (let i = 0; i < 1000; i++)
      for (const tail of ['', '/{id}', '/{id}/items', '/{id}/items/{itemId}', '/search'])
        ops.push(op('GET', `/r${i}${tail}`));
    const r = new Router([server('https://a.test')], ops);
    expect(r.match('GET', 'a.test', '/r999/7/items/8').operation?.path).toBe(
      '/r999/{id}/items/{itemId}',
    );
    expect(r.match('GET', 'a.test', '/r500/search').operation?.path).toBe('/r500/search');
    // The trie's edge count walked is bounded by segments, not by the 5,000 operations: an
    // unknown first segment is refused at once.
    expect(r.match('GET', 'a.test', '/nope/1/items/2').operation).toBeUndefined();
  });
});

describe('openapi router: servers that name the host, and catch-all servers', () => {
  const served = (url: string, variables: OpenApiServer['variables'] = {}) =>
    new Router([server(url, variables)], [op('GET', '/p')]).match('GET', 'x.example.test', '/q')
      .served;

  it('a host with a literal label or an enum variable names it, and claims it for unmatched paths', () => {
    expect(served('https://x.example.test')).toBe(true);
    expect(served('https://{customer}.example.test', { customer: { default: 'x' } })).toBe(true);
    expect(served('https://{sub}.{site}', { site: { enum: ['example.test'] } })).toBe(true);
  });

  it('a host made only of free variables, or a relative URL, claims no host but still matches operations', () => {
    const free = { sub: { default: 'api' }, site: { default: 'example.test' } };
    expect(served('{protocol}://{name}', { name: { default: 'api.example.test' } })).toBe(false);
    expect(served('https://{sub}.{site}', free)).toBe(false);
    expect(served('/')).toBe(false);
    expect(
      matcher([server('{protocol}://{name}')], [op('GET', '/p')])('GET', 'https://a.b/p'),
    ).toBe('GET /p');
  });

  it('within one document, a server naming the host is tried before a catch-all listed first', () => {
    const r = new Router(
      [server('{protocol}://{name}'), server('https://api.a.test/v2')],
      [op('GET', '/v2/items'), op('GET', '/items')],
    );
    expect(r.match('GET', 'api.a.test', '/v2/items').operation?.path).toBe('/items');
    expect(r.match('GET', 'other.test', '/v2/items').operation?.path).toBe('/v2/items');
  });
});

describe('openapi router: path-level and operation-level servers (OAS 3.1 §4.8.9, §4.8.10)', () => {
  const withServers = (o: OpenApiOperation, ...servers: OpenApiServer[]) => ({ ...o, servers });

  it("an operation's own servers replace the document's, for that operation only", () => {
    const m = matcher(
      [server('https://api.a.test/v1')],
      [op('GET', '/pets'), withServers(op('POST', '/upload'), server('https://upload.a.test/v2'))],
    );
    expect(m('POST', 'https://upload.a.test/v2/upload')).toBe('POST /upload');
    expect(m('POST', 'https://api.a.test/v1/upload')).toBeUndefined();
    expect(m('GET', 'https://api.a.test/v1/pets')).toBe('GET /pets');
    expect(m('GET', 'https://upload.a.test/v2/pets')).toBeUndefined();
  });

  it('override servers follow the same rules: enum and free variables, a trailing slash dropped', () => {
    const files = server('https://{tenant}.files.test/{region}/', {
      tenant: { default: 'demo' },
      region: { enum: ['eu', 'us'], default: 'eu' },
    });
    const m = matcher(
      [server('https://api.a.test')],
      [withServers(op('GET', '/files/{id}'), files), op('GET', '/files/{id}/meta')],
    );
    expect(m('GET', 'https://acme.files.test/eu/files/1')).toBe('GET /files/{id}');
    expect(m('GET', 'https://shop.acme.files.test/us/files/1/')).toBe('GET /files/{id}');
    expect(m('GET', 'https://acme.files.test/ap/files/1')).toBeUndefined();
    expect(m('GET', 'https://acme.files.test/eu/files/1/meta')).toBeUndefined();
    expect(m('GET', 'https://api.a.test/files/1/meta')).toBe('GET /files/{id}/meta');
  });

  it('a relative override matches any host by its path; an absolute one serves its host', () => {
    const r = new Router(
      [server('https://api.a.test')],
      [
        withServers(op('GET', '/health'), server('/status')),
        withServers(op('GET', '/x'), server('https://cdn.a.test')),
      ],
    );
    expect(r.match('GET', 'any.test', '/status/health').operation?.id).toBe('GET /health');
    expect(r.match('GET', 'cdn.a.test', '/other')).toEqual({ served: true });
    expect(r.match('GET', 'api.a.test', '/health')).toEqual({ served: true });
  });

  it("where an override and the document's servers both cover a URL: literal beats parameter, then the override", () => {
    const m = matcher(
      [server('https://a.test')],
      [
        op('GET', '/items/special'),
        op('GET', '/items/{id}/tags'),
        withServers(op('GET', '/items/{id}', 'override'), server('https://a.test/')),
        withServers(op('GET', '/{kind}/{id}/tags', 'override tags'), server('https://a.test/')),
      ],
    );
    // The document's literal segment beats the override's parameter.
    expect(m('GET', 'https://a.test/items/special')).toBe('GET /items/special');
    expect(m('GET', 'https://a.test/items/7')).toBe('override');
    expect(m('GET', 'https://a.test/items/7/tags')).toBe('GET /items/{id}/tags');
    expect(m('GET', 'https://a.test/things/7/tags')).toBe('override tags');
    // Server path and template count together: /items (server) + /special beats /items/{id}.
    const n = matcher(
      [server('https://a.test')],
      [
        op('GET', '/items/{id}'),
        withServers(op('GET', '/special', 'server path'), server('https://a.test/items')),
      ],
    );
    expect(n('GET', 'https://a.test/items/special')).toBe('server path');
    // Equally specific: the override wins.
    const t = matcher(
      [server('https://a.test')],
      [
        op('GET', '/items/{id}'),
        withServers(op('GET', '/items/{key}', 'tie'), server('https://a.test')),
      ],
    );
    expect(t('GET', 'https://a.test/items/7')).toBe('tie');
  });

  it("what is shown as the document's servers: its own, then each override with its operation count", () => {
    const up = server('https://upload.a.test');
    expect(
      serverSummary({
        servers: [],
        operations: [
          op('GET', '/a'),
          withServers(op('PUT', '/a'), up),
          withServers(op('PUT', '/b'), up),
        ],
      }),
    ).toEqual(['/ (any host)', 'https://upload.a.test (2 operations)']);
  });
});
