import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProfileSet } from '../profiles/index.ts';
import type { Profile } from '../profiles/schema.ts';
import { loadOpenApi } from './load.ts';

/**
 * Datadog's document lists `{protocol}://{name}` with no enum: by the pinned rule it matches
 * its operations on any host. It must not take requests from documents that name the host, nor
 * from built-in profiles, whichever document comes first (CLI) or was imported last (panel).
 */

function compiled(text: string, importedAt?: number): Profile {
  const r = loadOpenApi(text, importedAt);
  if (!r.ok) throw new Error(r.error);
  return r.profile;
}

// A 1.6 MB YAML takes seconds on a loaded machine: parsed once, with a minute allowed.
const SLOW = { timeout: 60_000 };
let datadogProfile: Profile | undefined;
function datadog(importedAt?: number): Profile {
  if (!datadogProfile) {
    const url = new URL('../../../fixtures/openapi/datadog-v1-3.0.yaml', import.meta.url);
    datadogProfile = compiled(readFileSync(url, 'utf8'));
  }
  const p = datadogProfile;
  return importedAt === undefined ? p : { ...p, openapi: { ...p.openapi!, importedAt } };
}

/** A document naming its host, with an operation at a path Datadog's document also has. */
const acme = (importedAt?: number) =>
  compiled(
    JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'Acme', version: '1' },
      servers: [{ url: 'https://api.acme.test' }],
      paths: {
        '/api/v1/validate': {
          get: { operationId: 'acmeValidate', responses: { '200': { description: 'OK.' } } },
        },
      },
    }),
    importedAt,
  );

describe('openapi: a catch-all server never shadows a document that names the host', () => {
  it(
    "Datadog's catch-all server matches its operations on any host (the pinned rule)",
    SLOW,
    () => {
      const set = createProfileSet([datadog()]);
      const m = (url: string) => set.match({ url, method: 'GET' });
      expect(m('https://api.datadoghq.eu/api/v1/validate').operation?.id).toBe('Validate');
      expect(m('https://dd-proxy.internal.test/api/v1/validate').operation?.id).toBe('Validate');
      expect(m('https://dd-proxy.internal.test/api/v1/validate').profile.id).toBe(datadog().id);
    },
  );

  it('it claims no host by itself: built-in profiles and generic keep their requests', SLOW, () => {
    const set = createProfileSet([datadog()]);
    const m = (url: string) => set.match({ url, method: 'GET' });
    expect(m('https://api.neo4j.io/v1/instances').profile.id).toBe('neo4j-aura');
    expect(m('https://elsewhere.test/anything').profile.id).toBe('generic');
    // Its named server still claims Datadog's own hosts.
    expect(m('https://api.datadoghq.com/api/v1/no-such-thing').profile.id).toBe(datadog().id);
  });

  it('CLI order: Datadog first, a later document naming the host still wins there', SLOW, () => {
    const set = createProfileSet([datadog(), acme()]);
    const m = (url: string) => set.match({ url, method: 'GET' });
    expect(m('https://api.acme.test/api/v1/validate').operation?.id).toBe('acmeValidate');
    expect(m('https://other.test/api/v1/validate').operation?.id).toBe('Validate');
    expect(m('https://api.datadoghq.com/api/v1/validate').operation?.id).toBe('Validate');
  });

  it('panel order: Datadog imported last still does not take the named host', SLOW, () => {
    const set = createProfileSet([acme(1_000), datadog(2_000)]);
    const m = (url: string) => set.match({ url, method: 'GET' });
    expect(m('https://api.acme.test/api/v1/validate').operation?.id).toBe('acmeValidate');
    expect(m('https://other.test/api/v1/validate').operation?.id).toBe('Validate');
  });
});
