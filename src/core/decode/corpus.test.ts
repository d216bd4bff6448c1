import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBody } from './index.ts';

/**
 * Every entry of fixtures/corpus/real-errors.json, asserted as its README says: messages in document
 * order, deduplicated, compared after collapsing whitespace; fieldErrors verbatim; code; requestId
 * from the body unless a correlation header carries it (the engine reads headers). Retry-After and
 * rate-limit expectations come from headers only and belong to retry/ and rate/.
 */

interface CorpusEntry {
  id: string;
  response: { status: number; headers: Record<string, string>; body: string };
  expected: {
    shape: string;
    messages: string[];
    fieldErrors?: Record<string, string[]>;
    code?: string;
    requestId?: string;
    httpSuccessButError?: boolean;
    jsonValid: boolean | null;
  };
}

/** Vendored from the team's shared corpus (fixtures/README.md). */
const CORPUS = new URL('../../../fixtures/corpus/real-errors.json', import.meta.url);
if (!existsSync(CORPUS))
  throw new Error(`corpus not found at ${CORPUS.pathname}: see fixtures/README.md`);
const corpus = JSON.parse(readFileSync(CORPUS, 'utf8')) as CorpusEntry[];

/**
 * Which decoder formats may answer for each corpus shape. Provider-named shapes are decoded by the
 * shape they share with others (GitHub's `errors[]`, Stripe's `error{}`), not by provider.
 */
const SHAPE_FORMATS: Record<string, readonly string[]> = {
  'problem+json': ['problem-details'],
  'problem+xml': ['problem-xml'],
  'json-status-detail': ['problem-details'],
  html: ['html'],
  'oauth2-error': ['oauth2-error'],
  github: ['errors-array', 'json'],
  'graphql-errors': ['graphql-errors'],
  stripe: ['error-object'],
  'google-rpc-status': ['google-rpc-status'],
  'google-legacy': ['google-legacy'],
  jsonapi: ['jsonapi'],
  'odata-error': ['odata-error'],
  'aws-json': ['aws-json'],
  'aws-xml': ['aws-xml'],
  'twilio-xml': ['twilio-xml'],
  'slack-ok-false': ['ok-false'],
  'shopify-errors': ['errors-map', 'errors-string'],
  'salesforce-array': ['error-list'],
  'k8s-status': ['k8s-status'],
  'cloudflare-envelope': ['cloudflare-envelope'],
  'neo4j-aura-errors': ['errors-array'],
  'error-string': ['error-string'],
  evrythng: ['evrythng'],
  paypal: ['paypal'],
  adyen: ['json'],
  'discord-rate-limit': ['json'],
  'discord-form-errors': ['discord-form-errors'],
  heroku: ['json'],
  jira: ['jira'],
  'laravel-validation': ['errors-map'],
  'field-map': ['field-map'],
  'fastapi-detail': ['fastapi-detail'],
  'soap-fault': ['soap-fault'],
  'errors-array': ['errors-array'],
};

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function decodeEntry(entry: CorpusEntry) {
  const headers = Object.entries(entry.response.headers).map(([name, value]) => ({ name, value }));
  const contentType = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  return decodeBody({
    status: entry.response.status,
    headers,
    text: entry.response.body,
    ...(contentType ? { mimeType: contentType } : {}),
  });
}

describe('real-world error corpus', () => {
  it('has the 60 entries the README describes, each with a known shape', () => {
    expect(corpus).toHaveLength(60);
    for (const entry of corpus) expect(Object.keys(SHAPE_FORMATS)).toContain(entry.expected.shape);
  });

  it.each(corpus.map((entry) => [entry.id, entry] as const))('decodes %s', (_id, entry) => {
    const result = decodeEntry(entry);
    const { expected } = entry;

    expect(SHAPE_FORMATS[expected.shape]).toContain(result.format);
    // An error status, or an error envelope on 200 (httpSuccessButError).
    expect(result.isError).toBe(true);
    expect(result.messages).toEqual(expected.messages.map(collapse));
    expect(result.fieldErrors).toEqual(expected.fieldErrors);
    if (expected.code !== undefined) expect(result.code).toBe(expected.code);
    if (expected.requestId !== undefined) {
      const inHeader = Object.values(entry.response.headers).includes(expected.requestId);
      if (!inHeader) expect(result.requestId).toBe(expected.requestId);
    }
  });

  it('recovers the bodies published as invalid JSON instead of falling back to raw text', () => {
    const invalid = corpus.filter((entry) => entry.expected.jsonValid === false);
    expect(invalid.length).toBeGreaterThan(0);
    for (const entry of invalid) {
      expect(() => JSON.parse(entry.response.body)).toThrow();
      expect(decodeEntry(entry).format).not.toBe('text');
    }
  });

  it('flags 200 responses that carry errors as errors', () => {
    const envelopes = corpus.filter((entry) => entry.expected.httpSuccessButError);
    expect(envelopes.length).toBeGreaterThan(0);
    for (const entry of envelopes) {
      expect(entry.response.status).toBe(200);
      expect(decodeEntry(entry).isError).toBe(true);
    }
  });
});
