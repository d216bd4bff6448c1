import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROFILES,
  createProfileSet,
  GENERIC_PROFILE,
  parseUserProfiles,
  RFC_STATUSES,
  statusMeaning,
} from './index.ts';
import type { Profile } from './schema.ts';

const seed = (name: string) =>
  readFileSync(new URL(`../../../fixtures/seeds/${name}`, import.meta.url), 'utf8').replace(
    /\s+/g,
    ' ',
  );
const byId = (id: string): Profile => BUILTIN_PROFILES.find((p) => p.id === id)!;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Every documented status of a seed, read from the seed itself: the profile must carry the
 * provider's sentence verbatim, so a dropped or paraphrased fact fails here.
 */
function seedStatuses(text: string, re: RegExp): [string, string][] {
  return [...text.matchAll(re)].map((m) => [m[1]!, norm(m[2]!)]);
}

describe('built-in profiles carry every seed fact in the provider’s words', () => {
  it('Aurora: each status bullet, verbatim', () => {
    const text = readFileSync(
      new URL('../../../fixtures/seeds/aurora-api-errors.txt', import.meta.url),
      'utf8',
    );
    const bullets = seedStatuses(text, /•\s+(\d{3}|5XX) [^:]+: (.+)/g);
    expect(bullets.map(([c]) => c)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '405',
      '409',
      '422',
      '429',
      '5XX',
    ]);
    const aurora = byId('aurora');
    for (const [code, sentence] of bullets) {
      const meaning = aurora.statuses[code === '5XX' ? '5xx' : code]!.meaning;
      // 429's bullet continues with the polling advice, which the profile keeps as pollingAdvice.
      const [head, tail] = code === '429' ? sentence.split(' Note that ') : [sentence, undefined];
      expect(meaning).toBe(head);
      if (tail) expect(norm(aurora.pollingAdvice!)).toContain(tail.split('. ')[1]);
    }
    expect(aurora.rateLimit).toMatchObject({ limit: 90, windowSeconds: 60, scope: 'key' });
    expect(aurora.statuses['409']!.retry).toBe('wait');
    expect(aurora.retry.retryAfterOn).toContain('429');
    expect(aurora.errorFormat.splitCommaSeparated).toBe(true);
    expect(aurora.errorFormat.documented).toHaveLength(4);
    expect(aurora.support?.contact).toMatch(/dedicated support engineer/);
    expect(aurora.pollingAdvice).toMatch(/We recommend the usage of webhooks/);
  });

  it('Neo4j Aura: versions, 125/min, X-Request-Id, and the retry guidance of both overviews', () => {
    const aura = byId('neo4j-aura');
    for (const doc of ['aura-api-v1-overview.txt', 'aura-api-v1beta3-overview.txt']) {
      const text = seed(doc);
      expect(text).toContain('125 requests per minute');
      for (const quote of [
        'we recommend using an exponential backoff delay with a limited number of retries before giving up',
        'you should not resend such requests without first correcting them',
        'consider retrying with a suitable minimum delay and backoff strategy',
      ]) {
        expect(text).toContain(quote);
        expect(Object.values(aura.retry.guidance).join(' ')).toContain(quote);
      }
    }
    expect(aura.rateLimit).toMatchObject({ limit: 125, windowSeconds: 60 });
    expect(aura.requestIdHeaders).toEqual(['X-Request-Id']);
    expect(aura.retry.unsafeConsequence).toMatch(
      /duplicate instances and end up being charged extra/,
    );
    expect(aura.versions.map((v) => v.id)).toEqual(['v1', 'v1beta3']);
    expect(aura.versions[1]).toMatchObject({
      legacy: true,
      note: expect.stringMatching(/Enterprise customers only.*migrate to v1/),
    });
    expect(aura.support?.include).toMatch(/raise a support ticket and provide the X-Request-Id/);
  });

  it('HAL + Problem Details: the full success and error tables, verbatim', () => {
    const text = readFileSync(
      new URL('../../../fixtures/seeds/hal-problem-api-status-codes.txt', import.meta.url),
      'utf8',
    );
    const rows = seedStatuses(
      text,
      /^(\d{3}) (?:OK|Created|Accepted|No Content|Bad Request|Not Found|Method Not Allowed|Conflict|Content Too Large|Unprocessable Entity|Too Many Requests|Internal Server Error|Not Implemented|Service Unavailable|Unauthorized|Forbidden)(.+)$/gm,
    );
    expect(rows.length).toBe(16);
    const hal = byId('hal-problem');
    for (const [code, sentence] of rows) expect(hal.statuses[code]!.meaning).toBe(sentence);
    expect(hal.match.contentTypes).toEqual(['application/hal+json', 'application/problem+json']);
    expect(hal.match.hosts).toEqual([]);
  });

  it('EVRYTHNG: success and error codes, the seven error codes, JSON only', () => {
    const text = readFileSync(
      new URL('../../../fixtures/seeds/evrythng-legacy-verbs-and-errors.txt', import.meta.url),
      'utf8',
    );
    const ev = byId('evrythng');
    const bullets = [...text.matchAll(/•\s+(\d{3}) [^\n]+\n\s+([^\n]+)/g)].map((m) => [
      m[1]!,
      norm(m[2]!),
    ]);
    expect(bullets.map(([c]) => c)).toEqual([
      '200',
      '201',
      '202',
      '204',
      '400',
      '401',
      '403',
      '404',
      '405',
      '415',
      '500',
      '503',
      '504',
    ]);
    for (const [code, sentence] of bullets) expect(ev.statuses[code!]!.meaning).toBe(sentence);
    const codes = [...text.matchAll(/^([A-Z]+_[A-Z_]+?)([A-Z][a-z ].+)$/gm)].map((m) => [
      m[1]!,
      m[2]!.trim(),
    ]);
    expect(codes.map(([c]) => c)).toEqual([
      'INVALID_ID',
      'INVALID_CONTENT',
      'INVALID_STATE',
      'MISSING_RESOURCE',
      'ALREADY_EXISTS',
      'ACCESS_FORBIDDEN',
      'METHOD_FORBIDDEN',
    ]);
    for (const [code, meaning] of codes) expect(ev.errorCodes[code!]).toBe(meaning);
    expect(ev.acceptedContentTypes).toEqual(['application/json']);
    expect(ev.match.hosts).toEqual(['api.evrythng.com', 'api.eu.evrythng.com']);
    expect(ev.notes.join(' ')).toMatch(
      /DELETE: Deleting resources\. A successful delete will return a 200 or 204/,
    );
  });
});

describe('matching', () => {
  const set = createProfileSet();
  it('matches documented hosts, including the EU host, ignoring port and userinfo', () => {
    expect(set.match({ url: 'https://api.aurorasolar.com/tenants/t/designs' }).profile.id).toBe(
      'aurora',
    );
    expect(set.match({ url: 'http://u:p@API.EU.EVRYTHNG.COM:8787/thngs' }).profile.id).toBe(
      'evrythng',
    );
    expect(set.match({ url: 'https://aurorasolar.com.evil.test/' }).profile.id).toBe('generic');
  });

  it('tells Neo4j Aura versions apart by path, with a legacy note for v1beta3 only', () => {
    expect(set.match({ url: 'https://api.neo4j.io/v1/instances' })).toMatchObject({
      apiVersion: 'v1',
    });
    expect(set.match({ url: 'https://api.neo4j.io/v1/instances' }).versionNote).toBeUndefined();
    expect(set.match({ url: 'https://api.neo4j.io/v1beta3/instances?x' })).toMatchObject({
      apiVersion: 'v1beta3',
      versionNote: expect.stringMatching(/migrate to v1/),
    });
    expect(set.match({ url: 'https://api.neo4j.io/v1beta30/x' }).apiVersion).toBeUndefined();
  });

  it('falls back to media types for the HAL + Problem Details API, after hosts', () => {
    expect(
      set.match({ url: 'https://shop.test/orders', responseMediaType: 'application/problem+json' })
        .profile.id,
    ).toBe('hal-problem');
    expect(
      set.match({
        url: 'https://api.aurorasolar.com/x',
        responseMediaType: 'application/problem+json',
      }).profile.id,
    ).toBe('aurora');
    expect(
      set.match({ url: 'https://shop.test/orders', responseMediaType: 'application/json' }).profile
        .id,
    ).toBe('generic');
  });

  it('tries user profiles first, with wildcards and path prefixes', () => {
    const user = parseUserProfiles([
      { id: 'acme', name: 'ACME', match: { hosts: ['*.acme.test'], pathPrefixes: ['/v2'] } },
      {
        id: 'pinned',
        name: 'Pinned HAL',
        extends: 'hal-problem',
        match: { hosts: ['hal.apilens.test'] },
      },
    ]);
    if (!user.ok) throw new Error(user.errors.join('\n'));
    const s = createProfileSet(user.profiles);
    expect(s.match({ url: 'https://eu.api.acme.test/v2/x' }).profile.id).toBe('acme');
    expect(s.match({ url: 'https://eu.api.acme.test/v20/x' }).profile.id).toBe('generic');
    expect(s.match({ url: 'https://acme.test/v2' }).profile.id).toBe('generic');
    const pinned = s.match({
      url: 'http://hal.apilens.test/orders',
      responseMediaType: 'application/json',
    }).profile;
    expect(pinned.id).toBe('pinned');
    expect(pinned.statuses['201']!.meaning).toMatch(/returns the HTTP 200 OK/);
    // The pinned copy keeps hal-problem's facts but only on its host: its own `match` replaced the built-in's.
    expect(pinned.match.contentTypes).toEqual([]);
    expect(
      s.match({ url: 'https://other.test/x', responseMediaType: 'application/problem+json' })
        .profile.id,
    ).toBe('hal-problem');
    expect(s.all().map((p) => p.id)).toEqual([
      'acme',
      'pinned',
      'aurora',
      'neo4j-aura',
      'hal-problem',
      'evrythng',
      'generic',
    ]);
  });
  it("lets a user's wildcard win over a built-in's exact host", () => {
    const user = parseUserProfiles({
      id: 'aurora-proxy',
      name: 'Proxy',
      match: { hosts: ['*.aurorasolar.com'] },
    });
    if (!user.ok) throw new Error(user.errors.join('\n'));
    const s = createProfileSet(user.profiles);
    expect(s.match({ url: 'https://api.aurorasolar.com/x' }).profile.id).toBe('aurora-proxy');
    expect(createProfileSet().match({ url: 'https://api.aurorasolar.com/x' }).profile.id).toBe(
      'aurora',
    );
  });

  it('reads the media type without its parameters, case-insensitively', () => {
    expect(
      set.match({
        url: 'https://shop.test/',
        responseMediaType: 'Application/HAL+JSON; charset=utf-8',
      }).profile.id,
    ).toBe('hal-problem');
  });
});

describe('statusMeaning', () => {
  const aurora = byId('aurora');
  it("prefers the provider's exact code, then its class entry beside the RFC meaning", () => {
    expect(statusMeaning(404, aurora)).toMatchObject({
      source: 'profile',
      text: 'Not Found',
      meaning: expect.stringMatching(/belongs under another tenant/),
    });
    const m503 = statusMeaning(503, aurora);
    expect(m503).toMatchObject({ source: 'profile', text: 'Service Unavailable' });
    expect(m503.meaning).toMatch(
      /temporarily overloaded.*Aurora Solar: Some internal error occurred/,
    );
    expect(statusMeaning(418, aurora)).toMatchObject({ source: 'rfc', cite: 'RFC 9110 §15.5.19' });
  });

  it('knows every IANA-registered code and reads an unregistered one as its class', () => {
    for (const code of [100, 103, 207, 226, 308, 421, 425, 428, 431, 451, 506, 508, 511]) {
      expect(statusMeaning(code, GENERIC_PROFILE)).toMatchObject({
        source: 'rfc',
        text: RFC_STATUSES[code]!.text,
      });
    }
    // The IANA HTTP Status Code Registry's assigned codes (RFC 9110 §16.2.1 registry), 104 temporary.
    const iana = [
      100, 101, 102, 103, 104, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303,
      304, 305, 306, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413,
      414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503,
      504, 505, 506, 507, 508, 510, 511,
    ];
    expect(Object.keys(RFC_STATUSES).map(Number)).toEqual(iana);
    for (const s of Object.values(RFC_STATUSES))
      expect(s.cite).toMatch(/^(RFC \d+ §[\d.]+|draft-)/);
    expect(RFC_STATUSES[418]!.meaning).toMatch(/^Reserved/);
    for (const code of [199, 299, 399, 599])
      expect(statusMeaning(code, GENERIC_PROFILE).meaning).toContain(
        `reads as ${Math.floor(code / 100)}00: ${RFC_STATUSES[Math.floor(code / 100) * 100]!.meaning}`,
      );
    expect(statusMeaning(499, GENERIC_PROFILE)).toMatchObject({
      text: 'Client Error',
      meaning: expect.stringMatching(/^499 is not a registered status code; it reads as 400/),
    });
    expect(statusMeaning(0, GENERIC_PROFILE)).toMatchObject({ code: 0, text: 'No response' });
    // RFC 9110 §15: outside 100–599 is invalid and read as a server error.
    expect(statusMeaning(600, GENERIC_PROFILE)).toMatchObject({
      text: 'Server Error',
      cite: 'RFC 9110 §15',
      meaning: expect.stringMatching(/^600 is not a valid HTTP status/),
    });
  });
});

describe('parseUserProfiles', () => {
  it('names the bad field', () => {
    const r = parseUserProfiles({
      profiles: [
        { id: 'ok', name: 'x' },
        {
          id: 'Bad Id',
          name: 'y',
          rateLimit: { limit: 0, windowSeconds: 60 },
          statuses: { '4x4': { meaning: 'm' } },
        },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'profiles[1].id: lower-case letters, digits and dashes',
      'profiles[1].statuses.4x4: a status code like "404" or a class like "5xx"',
      'profiles[1].rateLimit.limit: expected a positive integer',
    ]);
  });

  it('rejects a version pattern that is not a regular expression, before matching compiles it', () => {
    const r = parseUserProfiles([
      { id: 'v', name: 'V', versions: [{ id: 'v1', pathPattern: '^/v1(' }] },
    ]);
    expect(r).toEqual({
      ok: false,
      errors: [
        'profiles[0].versions[0].pathPattern: expected a regular expression (RE2 syntax, matched in linear time: no backreferences or lookaround): missing closing ): `^/v1(`',
      ],
    });
  });

  it('says so when "profiles" is not a list', () => {
    expect(parseUserProfiles('{"profiles": {"id": "x"}}')).toEqual({
      ok: false,
      errors: ['profiles: expected an array of profiles'],
    });
  });

  it('rejects bad JSON, unknown bases, built-in ids without extends, duplicates and "generic"', () => {
    expect(parseUserProfiles('{nope')).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^not valid JSON/)],
    });
    expect(parseUserProfiles({ id: 'x', name: 'x', extends: 'stripe' })).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^profiles\[0\]\.extends: unknown built-in/)],
    });
    expect(parseUserProfiles({ id: 'aurora', name: 'A' })).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/is a built-in profile/)],
    });
    expect(parseUserProfiles({ id: 'aurora', name: 'A', extends: 'evrythng' })).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^profiles\[0\]\.id: "aurora" is a built-in profile/)],
    });
    expect(
      parseUserProfiles([
        { id: 'a', name: 'A' },
        { id: 'a', name: 'B' },
      ]),
    ).toMatchObject({ ok: false, errors: [expect.stringMatching(/duplicate id/)] });
    expect(parseUserProfiles({ id: 'generic', name: 'G' }).ok).toBe(false);
    expect(parseUserProfiles(42)).toMatchObject({
      ok: false,
      errors: ['profiles[0]: expected an object'],
    });
  });

  it('lets a user override a built-in by extending it under its own id', () => {
    const r = parseUserProfiles({
      id: 'aurora',
      name: 'Aurora (our plan)',
      extends: 'aurora',
      rateLimit: { limit: 300, windowSeconds: 60 },
    });
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.profiles[0]!.rateLimit?.limit).toBe(300);
    expect(r.profiles[0]!.statuses['404']!.meaning).toMatch(/another tenant/);
    expect(
      createProfileSet(r.profiles).match({ url: 'https://api.aurorasolar.com/' }).profile.rateLimit
        ?.limit,
    ).toBe(300);
  });
});
