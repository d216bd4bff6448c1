import { z } from 'zod';

/**
 * The annotation format, v1 — a public contract (DESIGN.md "The annotation format").
 * Exported HAR files and the CLI write `entry._apiLens` and `log._apiLens`. Field names are
 * fixed: add fields freely, never rename or remove. `apilens schema` publishes the JSON Schema
 * generated from these zod schemas.
 */

export const RETRY_VERDICTS = ['none', 'backoff', 'after', 'wait', 'fix', 'unsafe'] as const;
export const RetryVerdict = z.enum(RETRY_VERDICTS);
export type RetryVerdict = z.infer<typeof RetryVerdict>;

export const StatusAnnotation = z.object({
  code: z.number().int(),
  text: z.string(),
  meaning: z.string(),
  /** `openapi`: the meaning is the description the matched operation documents for this status. */
  source: z.enum(['profile', 'rfc', 'openapi']),
  /** Human-readable citation: the provider document or the RFC section. */
  cite: z.string().optional(),
  /**
   * Only when an OpenAPI operation matched: whether it documents this status (the exact code,
   * its `4XX` range, or `default`). Absent for requests no operation matched.
   */
  documented: z.boolean().optional(),
});

/** The OpenAPI operation a request matched (by server URL, path template and method). */
export const OperationAnnotation = z.object({
  /** The document's `operationId`; omitted when it has none. */
  id: z.string().optional(),
  /** Upper-case. */
  method: z.string(),
  /** The path template exactly as the document writes it, e.g. `/v1/instances/{instanceId}`. */
  path: z.string(),
  summary: z.string().optional(),
  /** The document's `info.title`. */
  spec: z.string(),
});

/** The response body checked against the documented schema for its media type. */
export const SchemaAnnotation = z.object({
  valid: z.boolean(),
  errors: z
    .array(
      z.object({
        /** JSON Pointer (RFC 6901) into the body; "" is the root. */
        path: z.string(),
        message: z.string(),
      }),
    )
    .optional(),
});

export const ErrorAnnotation = z.object({
  format: z.string(),
  messages: z.array(z.string()).min(1),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  code: z.string().optional(),
  docs: z.string().optional(),
  /** The body was larger than the decode cap and only its head was decoded. */
  truncated: z.boolean().optional(),
  /** The provider's documented meaning of `code` (e.g. EVRYTHNG's INVALID_STATE). */
  codeMeaning: z.string().optional(),
});

export const RetryAnnotation = z.object({
  verdict: RetryVerdict,
  afterSeconds: z.number().nonnegative().optional(),
  reason: z.string(),
  /** Suggested delays in seconds for `backoff` (exponential, capped, bounded, jittered). */
  schedule: z.array(z.number().nonnegative()).optional(),
  cite: z.string().optional(),
});

export const RateAnnotation = z.object({
  /** `profile:fingerprint` — a fingerprint of the credential, never the credential. */
  key: z.string(),
  limit: z.number().int().positive(),
  windowSeconds: z.number().positive(),
  count: z.number().int().nonnegative(),
  source: z.enum(['profile', 'headers']),
  remaining: z.number().int().optional(),
  over: z.boolean().optional(),
});

export const HalAnnotation = z.object({
  links: z.array(z.object({ rel: z.string(), href: z.string(), title: z.string().optional() })),
  embedded: z.array(z.object({ rel: z.string(), count: z.number().int() })),
});

export const EntryAnnotation = z.object({
  v: z.literal(1),
  profile: z.string(),
  apiVersion: z.string().optional(),
  requestId: z.string().optional(),
  status: StatusAnnotation,
  error: ErrorAnnotation.optional(),
  retry: RetryAnnotation,
  rate: RateAnnotation.optional(),
  hal: HalAnnotation.optional(),
  operation: OperationAnnotation.optional(),
  schema: SchemaAnnotation.optional(),
  /** Provider notes that apply to this entry (legacy version, polling advice, support contact). */
  notes: z.array(z.string()).optional(),
  redacted: z.array(z.string()).optional(),
});
export type EntryAnnotation = z.infer<typeof EntryAnnotation>;
export type ErrorAnnotation = z.infer<typeof ErrorAnnotation>;
export type RetryAnnotation = z.infer<typeof RetryAnnotation>;
export type RateAnnotation = z.infer<typeof RateAnnotation>;
export type StatusAnnotation = z.infer<typeof StatusAnnotation>;
export type HalAnnotation = z.infer<typeof HalAnnotation>;
export type OperationAnnotation = z.infer<typeof OperationAnnotation>;
export type SchemaAnnotation = z.infer<typeof SchemaAnnotation>;

/** `log._apiLens`: the summary of an annotated log. */
export const ErrorGroup = z.object({
  method: z.string(),
  endpoint: z.string(),
  status: z.number().int(),
  message: z.string(),
  profile: z.string(),
  count: z.number().int().positive(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Indexes into `log.entries` (at most 100). */
  entries: z.array(z.number().int().nonnegative()),
});
export type ErrorGroup = z.infer<typeof ErrorGroup>;

export const RateSummary = z.object({
  key: z.string(),
  profile: z.string(),
  limit: z.number().int().positive().optional(),
  windowSeconds: z.number().positive(),
  source: z.enum(['profile', 'headers']).optional(),
  /** Most requests seen in one window. */
  peak: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  /** Indexes of the entries that went over the limit (at most 100). */
  overEntries: z.array(z.number().int().nonnegative()),
  overCount: z.number().int().nonnegative(),
});
export type RateSummary = z.infer<typeof RateSummary>;

export const LogAnnotation = z.object({
  v: z.literal(1),
  generator: z.object({ name: z.string(), version: z.string() }),
  entries: z.number().int().nonnegative(),
  /** "1xx".."5xx", and "none" for requests without a response. */
  byStatusClass: z.record(z.string(), z.number().int()),
  byProfile: z.record(z.string(), z.number().int()),
  verdicts: z.partialRecord(RetryVerdict, z.number().int()),
  errors: z.number().int().nonnegative(),
  errorGroups: z.array(ErrorGroup),
  rate: z.array(RateSummary),
  /** Whether secrets were redacted from this file. */
  redacted: z.boolean(),
});
export type LogAnnotation = z.infer<typeof LogAnnotation>;
