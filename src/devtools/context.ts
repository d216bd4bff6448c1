import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { KeyValueArea } from '../platform/types.ts';
import { realTimers } from './capture.ts';
import type { Jobs } from './jobs.ts';
import type { CompileOpenApi } from './openapi-client.ts';
import { createRenderPacer } from './render-pace.ts';
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

/**
 * Subscribes to the store; re-renders at most once per frame however many changes come, and
 * while live capture only adds rows, at most every ROWS_RENDER_MS (render-pace.ts). Timers,
 * not requestAnimationFrame: a panel in a background DevTools window gets no frames, and its
 * rows must still be current when the user (or a test) looks.
 */
export function usePanelState(): PanelState {
  const { store } = useEnv();
  const [, setTick] = useState(0);
  useEffect(() => {
    const pacer = createRenderPacer(() => setTick((t) => t + 1), realTimers);
    const off = store.subscribe(pacer.changed);
    return () => {
      off();
      pacer.stop();
    };
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
