/// <reference lib="webworker" />
import { loadOpenApi } from '../core/openapi/load.ts';
import type { OpenApiRequest, OpenApiResponse } from './openapi-client.ts';

/**
 * Parses and compiles OpenAPI documents off the panel's UI thread: a 4 MB document takes
 * hundreds of milliseconds, a large YAML one seconds (STANDARDS.md: the main thread never
 * blocks > 50 ms). Only the compact profile comes back, never the document.
 */
self.onmessage = (e: MessageEvent<OpenApiRequest>) => {
  const { id, text, now } = e.data;
  const reply: OpenApiResponse = { id, result: loadOpenApi(text, now) };
  (self as unknown as Worker).postMessage(reply);
};
