import type { Clock } from '../core/http.ts';
import type { PermissionsApi } from '../platform/types.ts';

/**
 * Everything the popup needs from the outside, injected so components never call chrome.* and
 * tests drive time and the platform (main.tsx builds the real one).
 */
export interface PopupEnv {
  /** The tab whose summary to show (the active tab, or ?tab= for a detached popup). */
  tabId: number | undefined;
  /** That tab's URL when known (activeTab: the popup was opened from the toolbar). */
  tabUrl?: string;
  /** Raw message send (platform.messaging.send). */
  send(message: unknown): Promise<unknown>;
  permissions: PermissionsApi;
  clock: Clock;
  /** Calls `fn` every `ms`; returns a canceller (refresh and countdown ticks). */
  tick(fn: () => void, ms: number): () => void;
  copy(text: string): Promise<void>;
  /** Saves `text` as a file (Blob URL + download). */
  download(filename: string, text: string): void;
}

/** How often the popup refreshes the summary and its countdowns. */
export const REFRESH_MS = 1000;
