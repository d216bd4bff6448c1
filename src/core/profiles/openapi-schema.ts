import { z } from 'zod';

/**
 * What a profile keeps of an OpenAPI document (`Profile.openapi`): the compiled, compact form
 * stored in storage.local, never the document itself. Lists, not maps, wherever a key comes
 * from the document (a media type or variable named `__proto__` stays data).
 */

export const OpenApiServer = z.object({
  /** As the document writes it, e.g. `https://{customer}.example.com/v1`. */
  url: z.string(),
  variables: z
    .record(
      z.string(),
      z.object({ enum: z.array(z.string()).optional(), default: z.string().optional() }),
    )
    .default({}),
});
export type OpenApiServer = z.infer<typeof OpenApiServer>;

/** `200`, a range `4XX`, or `default` (OAS 3.1 §4.8.16). */
export const ResponseKey = z.string().regex(/^([1-5][0-9][0-9]|[1-5]XX|default)$/);

export const OpenApiResponse = z.object({
  status: ResponseKey,
  /** As written (Markdown included). */
  description: z.string(),
  /** Media types without parameters, each with the index of its schema in `schemas`. */
  content: z
    .array(z.object({ type: z.string(), schema: z.number().int().nonnegative().optional() }))
    .default([]),
});
export type OpenApiResponse = z.infer<typeof OpenApiResponse>;

export const OpenApiOperation = z.object({
  method: z.string().regex(/^[A-Z]+$/),
  /** The template exactly as the document writes it. */
  path: z.string().startsWith('/'),
  id: z.string().optional(),
  summary: z.string().optional(),
  responses: z.array(OpenApiResponse).default([]),
  /** The operation's or its path's own `servers` (OAS 3.1 §4.8.9/§4.8.10), replacing the document's. */
  servers: z.array(OpenApiServer).optional(),
});
export type OpenApiOperation = z.infer<typeof OpenApiOperation>;

export const OpenApiInfo = z.object({
  title: z.string(),
  version: z.string(),
  /** The document's `openapi` field, e.g. "3.1.0". */
  openapi: z.string().regex(/^3\.[01]\./),
  servers: z.array(OpenApiServer).default([]),
  operations: z.array(OpenApiOperation),
  /** JSON Schema 2020-12 (3.0 schemas translated), referenced as `#/$defs/<index>`. */
  schemas: z.array(z.unknown()).default([]),
  /** What was not loaded, and why (external refs, unsupported keywords…). */
  skipped: z.array(z.object({ at: z.string(), reason: z.string() })).default([]),
  /** When it was imported (ms since the epoch), for the panel's "most recent wins". */
  importedAt: z.number().optional(),
});
export type OpenApiInfo = z.infer<typeof OpenApiInfo>;
