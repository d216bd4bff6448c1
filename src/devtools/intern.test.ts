import { describe, expect, it } from 'vitest';
import { createEngine } from '../core/engine.ts';
import { Interner, MAX_STRINGS } from './intern.ts';
import { harEntry } from './test-support.ts';

describe('Interner', () => {
  it('leaves every entry and annotation equal to what it was', () => {
    const interner = new Interner();
    const engine = createEngine({});
    for (const status of [200, 404, 429, 500]) {
      const entry = harEntry({
        url: `https://api.example.com/items/${status}`,
        status,
        body: JSON.stringify({ error: { code: 'E', message: `failed ${status}` } }),
      });
      const ann = engine.annotate(entry);
      const [e0, a0] = [structuredClone(entry), structuredClone(ann)];
      interner.entry(entry);
      interner.annotation(ann);
      expect(entry).toEqual(e0);
      expect(ann).toEqual(a0);
    }
    // Header names, versions, MIME types, meanings and citations repeat across the four.
    expect(interner.size).toBeGreaterThan(0);
    expect(interner.size).toBeLessThan(100);
  });

  it('keeps long strings out of the table and stops adding at its bound', () => {
    const interner = new Interner();
    expect(interner.get('x'.repeat(500))).toBe('x'.repeat(500));
    expect(interner.size).toBe(0);
    for (let i = 0; i < MAX_STRINGS + 50; i++) expect(interner.get(`id-${i}`)).toBe(`id-${i}`);
    expect(interner.size).toBe(MAX_STRINGS);
  });

  it('skips what a bent entry lacks instead of failing', () => {
    const interner = new Interner();
    const entry = harEntry({});
    (entry.request as { headers: unknown }).headers = undefined;
    (entry.response.headers[0] as { value: unknown }) = { name: 'x' } as never;
    expect(() => interner.entry(entry)).not.toThrow();
  });
});
