import { describe, expect, it } from 'vitest';
import { byUrgency } from './urgency.ts';

describe('byUrgency', () => {
  it('puts keys with a limit first, fullest first, then the busiest keys without one', () => {
    const states = [
      { key: 'generic', count: 40 },
      { key: 'aura', count: 6, limit: 125 },
      { key: 'aurora-over', count: 95, limit: 90 },
      { key: 'generic-quiet', count: 1 },
      { key: 'aurora-near', count: 80, limit: 90 },
    ];
    expect(byUrgency(states).map((s) => s.key)).toEqual([
      'aurora-over',
      'aurora-near',
      'aura',
      'generic',
      'generic-quiet',
    ]);
  });
});
