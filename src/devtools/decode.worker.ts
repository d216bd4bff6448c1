/// <reference lib="webworker" />
import { createEngine } from '../core/engine.ts';
import type { WorkerRequest, WorkerResponse } from './decode-client.ts';

/**
 * Decodes large bodies off the panel's UI thread with the same core engine the panel and the
 * CLI use, so a 50 MB response never freezes the panel. Rate counting stays on the panel's
 * engine (the caller keeps its own `rate`); this engine is fresh per user-profile set.
 */
let cached: { key: string; engine: ReturnType<typeof createEngine> } | undefined;

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const { id, entry, body, userProfiles } = e.data;
  const key = JSON.stringify(userProfiles);
  if (cached?.key !== key) cached = { key, engine: createEngine({ userProfiles }) };
  const reply: WorkerResponse = { id, annotation: cached.engine.annotate(entry, body) };
  (self as unknown as Worker).postMessage(reply);
};
