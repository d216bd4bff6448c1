import type { RateState } from './types.ts';

/**
 * The order in which rate windows deserve attention, shared by the panel's meters and the
 * popup: keys with a known limit first, fullest first (over the limit before approaching it);
 * keys without a limit after them, busiest first.
 */
export function byUrgency<T extends Pick<RateState, 'count' | 'limit'>>(states: readonly T[]): T[] {
  const fill = (s: T) => (s.limit ? s.count / s.limit : -1);
  return [...states].sort((a, b) => fill(b) - fill(a) || b.count - a.count);
}
