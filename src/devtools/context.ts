import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { KeyValueArea } from '../platform/types.ts';
import type { Jobs } from './jobs.ts';
import type { CompileOpenApi } from './openapi-client.ts';
import type { PanelState, PanelStore } from './store.ts';

/** What views receive instead of touching chrome.*: the store, storage and a clock. */
export interface PanelEnv {
  store: PanelStore;
  storage: KeyValueArea;
  clock: () => number;
  /** Writes text to the clipboard; resolves false when the page may not. */
  copy(text: string): Promise<boolean>;
  /** Offers a file to the user (Blob URL + <a download>). */
  download(name: string, data: string | Blob, type: string): void;
  /** Import, export and re-annotation in a worker, with progress and cancel (jobs.ts). */
  jobs: Jobs;
  /** Pretty-prints a large body off the main thread (the worker's `format`). */
  formatBody(text: string, mimeType: string): Promise<{ text: string; json: boolean }>;
  /** Compiles an OpenAPI document off the UI thread (the panel's worker); tests compile inline. */
  compileOpenApi?: CompileOpenApi;
}

export const EnvContext = createContext<PanelEnv | null>(null);

export function useEnv(): PanelEnv {
  const env = useContext(EnvContext);
  if (!env) throw new Error('EnvContext missing');
  return env;
}

// A timer, not requestAnimationFrame: a panel in a background DevTools window gets no frames,
// and its rows must still be current when the user (or a test) looks.
const frame = (f: () => void) => setTimeout(f, 16);

/**
 * Subscribes to the store; re-renders at most once per frame however many requests arrive,
 * so a burst of thousands of entries costs one render.
 */
export function usePanelState(): PanelState {
  const { store } = useEnv();
  const [, setTick] = useState(0);
  useEffect(() => {
    let scheduled = false;
    return store.subscribe(() => {
      if (scheduled) return;
      scheduled = true;
      frame(() => {
        scheduled = false;
        setTick((t) => t + 1);
      });
    });
  }, [store]);
  return store.getState();
}

/** The current time, ticking every `ms` (live countdowns). */
export function useNow(ms = 1000): number {
  const { clock } = useEnv();
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const t = setInterval(() => setNow(clock()), ms);
    return () => clearInterval(t);
  }, [clock, ms]);
  return now;
}
