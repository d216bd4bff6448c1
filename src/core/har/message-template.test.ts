import { describe, expect, it } from 'vitest';
import { endpointTemplate, isIdSegment } from './endpoint.ts';
import { messageTemplate } from './message-template.ts';

describe('messageTemplate', () => {
  it('makes one template of messages that differ only by an id', () => {
    expect(messageTemplate('Instance zz99 not found')).toBe('Instance {id} not found');
    expect(messageTemplate('Instance ab12 not found')).toBe('Instance {id} not found');
    expect(messageTemplate('Order 3 does not exist.')).toBe('Order {n} does not exist.');
  });

  it('replaces UUIDs, e-mails, URLs, quoted values and numbers', () => {
    expect(messageTemplate('Thng 3fa85f64-5717-4562-b3fc-2c963f66afa6 is locked')).toBe(
      'Thng {uuid} is locked',
    );
    const email = ['ada.lovelace+test', 'example.co.uk'].join('@');
    expect(messageTemplate(`User ${email} already exists`)).toBe('User {email} already exists');
    expect(messageTemplate('See https://docs.example.com/e/42?x=1 for help')).toBe(
      'See {url} for help',
    );
    expect(messageTemplate(`Field "name" must be 'short' or “long”, not \`x\``)).toBe(
      'Field {value} must be {value} or {value}, not {value}',
    );
    expect(messageTemplate('Retry in 2.5 seconds; limit is -1 or 125/min')).toBe(
      'Retry in {n} seconds; limit is {n} or {n}/min',
    );
  });

  it('keeps words, versions and placeholders of the text as they are', () => {
    expect(messageTemplate('OAuth2 token expired for v1beta3')).toBe(
      'OAuth2 token expired for v1beta3',
    );
    expect(messageTemplate('name is required')).toBe('name is required');
  });

  it('stays linear on hostile text', () => {
    const text = `${'"'.repeat(50_000)}${'a1'.repeat(50_000)}`;
    // Only the first 2,000 characters are read; each becomes at most a short placeholder.
    expect(messageTemplate(text).startsWith('{value}{value}')).toBe(true);
  });
});

describe('isIdSegment: short ids and long base62 ids', () => {
  it('templates short ids with digits and random-case base62 keys', () => {
    for (const id of [
      'zz99',
      'ab12',
      'd404',
      'a1b2',
      'UZXhXdFqVkAzcZnbGLcSfRsb',
      'kQ7eXcZ0bL9sPq2w',
    ])
      expect(isIdSegment(id), id).toBe(true);
    expect(endpointTemplate('https://api.neo4j.io/v1/instances/zz99')).toBe(
      'api.neo4j.io/v1/instances/{id}',
    );
  });

  it('keeps words, camelCase names and versions', () => {
    for (const word of ['oauth2', 'designs', 'v1beta3', 'v2', 'getUserPreferences', 'x509', 's3'])
      expect(isIdSegment(word), word).toBe(word === 'x509');
  });
});
