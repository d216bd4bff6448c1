import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from './index.ts';
import { rowFacts } from './row-facts.ts';

const profile = (id: string) => BUILTIN_PROFILES.find((p) => p.id === id)!;

describe('row facts from the seeds', () => {
  it("EVRYTHNG's 201 names the created resource from Location", () => {
    const facts = rowFacts({
      method: 'POST',
      url: 'https://api.eu.evrythng.com/thngs',
      status: 201,
      responseHeaders: [{ name: 'Location', value: '/thngs/UKp4AXYsBtpQcHCnGRyBHM4p' }],
      profile: profile('evrythng'),
    });
    expect(facts.map((f) => f.label)).toEqual([
      'Created: https://api.eu.evrythng.com/thngs/UKp4AXYsBtpQcHCnGRyBHM4p',
    ]);
  });

  it("the HAL API's POST answered 200 is an already-created resource", () => {
    const base = {
      url: 'https://hal.apilens.test/orders',
      responseHeaders: [],
      profile: profile('hal-problem'),
    };
    const facts = rowFacts({ ...base, method: 'POST', status: 200 });
    expect(facts.map((f) => f.label)).toEqual(['Already created']);
    expect(facts[0]!.title).toMatch(/200 OK instead of 201/);
    expect(rowFacts({ ...base, method: 'GET', status: 200 })).toEqual([]);
  });

  it('Aura v1beta3 is flagged legacy with its Enterprise-beta note', () => {
    const facts = rowFacts({
      method: 'GET',
      url: 'https://api.neo4j.io/v1beta3/instances',
      status: 200,
      responseHeaders: [],
      profile: profile('neo4j-aura'),
      apiVersion: 'v1beta3',
    });
    expect(facts.map((f) => f.label)).toEqual(['v1beta3: legacy']);
    expect(facts[0]!.title).toMatch(/Enterprise/);
    expect(
      rowFacts({
        ...facts[0]!,
        method: 'GET',
        url: 'https://api.neo4j.io/v1/instances',
        status: 200,
        responseHeaders: [],
        profile: profile('neo4j-aura'),
        apiVersion: 'v1',
      }),
    ).toEqual([]);
  });
});
