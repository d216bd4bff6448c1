import { describe, expect, it } from 'vitest';
import { loadOpenApi } from './load.ts';
import { validateBody } from './validate.ts';

/** Compiles `schema` as the 200 response of a one-operation document and returns a checker. */
function checker(schema: unknown, openapi = '3.1.0', components: Record<string, unknown> = {}) {
  const r = loadOpenApi(
    JSON.stringify({
      openapi,
      info: { title: 'T', version: '1' },
      paths: {
        '/a': {
          get: {
            responses: {
              '200': { description: 'ok', content: { 'application/json': { schema } } },
            },
          },
        },
      },
      components: { schemas: components },
    }),
  );
  if (!r.ok) throw new Error(r.error);
  const info = r.profile.openapi!;
  const index = info.operations[0]!.responses[0]!.content[0]!.schema!;
  // Through storage: the profile is stored as JSON, then checked.
  const stored = JSON.parse(JSON.stringify(info));
  return (body: unknown) => validateBody(stored, index, body);
}

describe('openapi: response bodies against the documented schema', () => {
  const user = {
    type: 'object',
    required: ['id', 'name'],
    additionalProperties: false,
    properties: {
      id: { type: 'integer' },
      name: { type: 'string' },
      tags: { type: 'array', items: { type: 'string' } },
    },
  };

  it('a valid body is valid, with no errors field', () => {
    expect(checker(user)({ id: 1, name: 'a' })).toEqual({ valid: true });
  });

  it('a missing required member is reported at its parent, naming the member; the root is ""', () => {
    expect(checker(user)({ id: 1 })).toEqual({
      valid: false,
      errors: [{ path: '', message: 'required member "name" is missing' }],
    });
    expect(checker({ type: 'object', properties: { user } })({ user: { name: 'x' } })).toEqual({
      valid: false,
      errors: [{ path: '/user', message: 'required member "id" is missing' }],
    });
  });

  it('an extra member is reported at its own pointer (escaped per RFC 6901)', () => {
    expect(checker(user)({ id: 1, name: 'a', 'x/y~': true })).toEqual({
      valid: false,
      errors: [{ path: '/x~1y~0', message: 'member "x/y~" is not documented here' }],
    });
  });

  it('wrong types deep in arrays point at the element', () => {
    const r = checker(user)({ id: 1, name: 'a', tags: ['ok', 7] });
    expect(r?.valid).toBe(false);
    expect(r?.errors).toEqual([
      { path: '/tags/1', message: expect.stringContaining('Expected "string"') },
    ]);
  });

  it('OpenAPI 3.0: nullable is honoured (type and enum), boolean exclusiveMaximum too', () => {
    const c = checker(
      {
        type: 'object',
        properties: {
          r: { type: 'string', nullable: true, enum: ['eu'] },
          n: { type: 'integer', maximum: 8, exclusiveMaximum: true },
        },
      },
      '3.0.3',
    );
    expect(c({ r: null })).toEqual({ valid: true });
    expect(c({ r: 'eu', n: 7 })).toEqual({ valid: true });
    expect(c({ r: 'us' })?.valid).toBe(false);
    expect(c({ n: 8 })?.errors?.[0]?.path).toBe('/n');
    // Without nullable, null is refused.
    expect(checker({ type: 'string' }, '3.0.3')(null)?.valid).toBe(false);
  });

  it('OpenAPI 3.0: a nullable $ref-less composition accepts null', () => {
    const c = checker({ nullable: true, allOf: [{ $ref: '#/components/schemas/U' }] }, '3.0.3', {
      U: user,
    });
    expect(c(null)).toEqual({ valid: true });
    expect(c({ id: 1 })?.valid).toBe(false);
  });

  it('OpenAPI 3.1: JSON Schema 2020-12 type arrays and const', () => {
    const c = checker({ type: ['string', 'null'], const: 'x' });
    expect(c('x')).toEqual({ valid: true });
    expect(c(3)?.valid).toBe(false);
  });

  it('legal recursive schemas work', () => {
    const node = {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string' },
        kids: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
      },
    };
    const c = checker({ $ref: '#/components/schemas/Node' }, '3.1.0', { Node: node });
    expect(c({ name: 'a', kids: [{ name: 'b', kids: [{ name: 'c' }] }] })).toEqual({ valid: true });
    expect(c({ name: 'a', kids: [{ name: 'b', kids: [{}] }] })).toEqual({
      valid: false,
      errors: [{ path: '/kids/0/kids/0', message: 'required member "name" is missing' }],
    });
  });

  it('anyOf / oneOf failures read as one line at the value', () => {
    const c = checker({ oneOf: [{ type: 'string' }, { type: 'integer' }] });
    expect(c(true)).toEqual({
      valid: false,
      errors: [{ path: '', message: 'does not match exactly one of the documented alternatives' }],
    });
  });

  it('a body nested deeper than the bound is not checked (no stack exhaustion)', () => {
    const node = { type: 'array', items: { $ref: '#/components/schemas/N' } };
    const c = checker({ $ref: '#/components/schemas/N' }, '3.1.0', { N: node });
    let deep: unknown = [];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(c(deep)).toBeUndefined();
  });

  it('reports at most 20 errors', () => {
    const c = checker({ type: 'array', items: { type: 'string' } });
    expect(c(Array.from({ length: 100 }, (_, i) => i))?.errors).toHaveLength(20);
  });
});
