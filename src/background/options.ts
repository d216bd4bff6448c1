/**
 * The background's tunables, as one typed object with documented defaults. Tests and a future
 * settings page pass a partial; `resolveOptions` fills in the rest.
 */
export interface BadgeOptions {
  /**
   * A key counts as "approaching" its limit once its window holds this share of the limit.
   * Default 0.8 (80%): with Aurora's 90/min that is 72 requests, early enough to slow down.
   */
  approachingRatio: number;
  /** Badge background colours by level (any CSS colour chrome.action accepts). */
  colors: {
    /** A 429 whose Retry-After has not elapsed. Default dark red. */
    throttled: string;
    /** A window holds more requests than the limit. Default red. */
    over: string;
    /** At or above `approachingRatio` of a limit. Default amber. */
    approaching: string;
    /** Error responses (4xx, 5xx, network errors), nothing rate-related. Default orange-red. */
    errors: string;
  };
}

export interface BackgroundOptions {
  badge: BadgeOptions;
  /** Recent errors kept per tab (newest first). Default 20. */
  maxRecentErrors: number;
  /** storage.session writes are coalesced over this many ms. Default 250. */
  persistDebounceMs: number;
  /** Requests awaiting their completion event, per worker; the oldest are dropped beyond it. Default 2000. */
  maxPendingRequests: number;
}

export const DEFAULT_OPTIONS: BackgroundOptions = {
  badge: {
    approachingRatio: 0.8,
    colors: {
      throttled: '#8b0000',
      over: '#d32f2f',
      approaching: '#b26a00',
      errors: '#c2410c',
    },
  },
  maxRecentErrors: 20,
  persistDebounceMs: 250,
  maxPendingRequests: 2000,
};

export type BackgroundOptionsInput = Partial<Omit<BackgroundOptions, 'badge'>> & {
  badge?: Partial<Omit<BadgeOptions, 'colors'>> & { colors?: Partial<BadgeOptions['colors']> };
};

export function resolveOptions(input: BackgroundOptionsInput = {}): BackgroundOptions {
  return {
    ...DEFAULT_OPTIONS,
    ...input,
    badge: {
      ...DEFAULT_OPTIONS.badge,
      ...input.badge,
      colors: { ...DEFAULT_OPTIONS.badge.colors, ...input.badge?.colors },
    },
  };
}
