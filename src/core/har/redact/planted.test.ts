import type { Entry } from 'har-format';
import { describe, expect, it } from 'vitest';
import { parseUserProfiles } from '../../profiles/index.ts';
import { annotateHar } from '../annotate.ts';
import { harEntry } from '../test-entry.ts';
import { redactEntry } from './index.ts';
import { PLANTED_PROFILE, plantedHar, survivors } from './test-planted.ts';

const parsed = parseUserProfiles([PLANTED_PROFILE]);
if (!parsed.ok) throw new Error(parsed.errors.join('; '));

describe('secrets planted in unusual places (issue 8 §3)', () => {
  it('none of the 55 survives apilens annotate, and what carries no secret is kept', () => {
    const { har, plants } = plantedHar();
    expect(plants.length).toBeGreaterThanOrEqual(52);
    const text = JSON.stringify(annotateHar(har, { userProfiles: parsed.profiles }), null, 2);
    expect(survivors(text, plants).map((p) => p.where)).toEqual([]);
    for (const kept of [
      'idem-0001-kept',
      'Bearer realm=\\"acme\\"',
      "default-src 'none'",
      'ASIAEXAMPLEKEPT',
      'req-planted-7',
    ])
      expect(text).toContain(kept);
  });

  it('erases an echoed secret from our own text: error messages and error groups', () => {
    const { har } = plantedHar();
    const out = annotateHar(har, { userProfiles: parsed.profiles });
    const log = (out.log as unknown as { _apiLens: { errorGroups: { message: string }[] } })
      ._apiLens;
    const first = (
      out.log.entries[0] as unknown as {
        _apiLens: { error: { messages: string[] }; redacted: string[] };
      }
    )._apiLens;
    expect(first.error.messages[0]).toMatch(/^token \[REDACTED k:[0-9a-f]{12}\] is not valid/);
    expect(first.redacted).toContain('_apiLens.error.messages[0]#secret-value');
    expect(log.errorGroups.map((g) => g.message).join('\n')).not.toContain('PLNT');
  });

  it('walks a custom field nested 100,000 deep without overflowing the stack', () => {
    let deep: unknown = { token: 'abcdef0123456789' };
    for (let i = 0; i < 100_000; i++) deep = { n: deep };
    const entry = { ...harEntry(), _deep: deep } as Entry;
    const { entry: out, removed } = redactEntry(entry);
    let v = (out as unknown as { _deep: { n?: unknown; token?: string } })._deep;
    for (let i = 0; i < 100_000; i++) v = v.n as typeof v;
    expect(v.token).toMatch(/^\[REDACTED k:/);
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatch(/^_deep…\(\d+ levels\)….*\.token$/);
  });
});
