import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.ts';
import { harEntry } from '../har/test-entry.ts';
import { BUILTIN_PROFILES } from '../profiles/index.ts';
import { supportPacket } from './support.ts';

const profile = (id: string) => BUILTIN_PROFILES.find((p) => p.id === id)!;

describe('Copy support details', () => {
  it('is a ready-to-paste packet: contact, version, request id, UTC time, request, status, cURL', () => {
    const entry = harEntry({
      method: 'POST',
      url: 'https://api.neo4j.io/v1/instances?access_token=tok-secret-99',
      status: 500,
      at: Date.UTC(2026, 10, 3, 12, 0, 5, 250),
      requestHeaders: { Authorization: 'Bearer aura-secret-token' },
      responseHeaders: { 'X-Request-Id': 'req-0000002a' },
      body: JSON.stringify({
        errors: [
          {
            message: 'An internal error occurred while creating the instance',
            reason: 'internal-error',
          },
        ],
      }),
      postData: '{"name":"db"}',
    });
    entry.startedDateTime = '2026-11-03T13:00:05.250+01:00';
    const ann = createEngine().annotate(entry);
    const text = supportPacket(entry, ann, profile('neo4j-aura'));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Contact: a Neo4j support ticket');
    expect(lines[1]).toBe('API: Neo4j Aura API, version v1');
    expect(lines).toContain('Request ID: req-0000002a');
    expect(lines).toContain('Time (UTC): 2026-11-03T12:00:05.250Z');
    expect(text).toMatch(/^Request: POST https:\/\/api\.neo4j\.io\/v1\/instances\?access_token=/m);
    expect(text).toMatch(
      /^Status: 500 .*\nError: An internal error occurred while creating the instance/m,
    );
    expect(text).toMatch(/What support asks for: Neo4j Aura: “An X-Request-Id/);
    expect(text).toMatch(/cURL \(credentials redacted\):\ncurl 'https:\/\/api\.neo4j\.io/);
    expect(text).toContain("-X 'POST'");
    expect(text).not.toContain('aura-secret-token');
    expect(text).not.toContain('tok-secret-99');
  });

  it("names Aurora's support address and redacts the profile's key header", () => {
    const entry = harEntry({
      url: 'https://api.aurorasolar.com/tenants/t/designs',
      status: 503,
      requestHeaders: { Authorization: 'Bearer aurora-key-123' },
    });
    const ann = createEngine().annotate(entry);
    const text = supportPacket(entry, ann, profile('aurora'));
    expect(text.split('\n')[0]).toBe(
      'Contact: [email protected] or your dedicated support engineer',
    );
    expect(text).toContain('Request ID: (none sent)');
    expect(text).not.toContain('aurora-key-123');
  });

  it('says "no response" for a request that never got one', () => {
    const entry = harEntry({ status: 0 });
    const ann = createEngine().annotate(entry);
    expect(supportPacket(entry, ann)).toMatch(/^Status: no response/m);
  });
});
