import type { Entry } from 'har-format';
import type { EntryAnnotation } from './annotation.ts';
import type { Profile } from './profiles/schema.ts';
import type { RateTracker } from './rate/index.ts';

/**
 * The engine: one entry in, one annotation out. The panel, the service worker and the CLI all
 * annotate through this, so they always agree on the same traffic.
 */
export interface EngineOptions {
  /** User profiles, tried before the built-ins. */
  userProfiles?: readonly Profile[];
  /** Bodies longer than this are decoded from their head (default 4 MiB of text). */
  maxBodyChars?: number;
  /** A tracker to continue (e.g. restored from storage.session after a worker restart). */
  rate?: RateTracker;
}

export interface Engine {
  /**
   * Annotates one HAR entry and counts it in the rate tracker. Entries should arrive in
   * start-time order. `body` overrides `entry.response.content` (DevTools serves bodies apart).
   * Never throws on bad input: a malformed entry yields a best-effort annotation.
   */
  annotate(entry: Entry, body?: { text: string | null; encoding?: string }): EntryAnnotation;
  readonly rate: RateTracker;
}
