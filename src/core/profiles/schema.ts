import { z } from 'zod';
import { RetryVerdict } from '../annotation.ts';
import { compileUserRegex, USER_REGEX_SYNTAX } from '../safe-regex.ts';
import { OpenApiInfo } from './openapi-schema.ts';

/**
 * A provider profile: everything API Lens knows about one API, as data. Built-in profiles
 * and user profiles share this schema; user JSON is validated by it and errors name the
 * bad field (see `parseUserProfiles`).
 */

/** `404`, or a class pattern `5xx`. An exact code wins over its class. */
const StatusKey = z
  .string()
  .regex(/^([1-5][0-9][0-9]|[1-5]xx)$/, 'a status code like "404" or a class like "5xx"');

export const StatusMeaning = z.object({
  /** The provider's reason phrase, e.g. "Content Too Large". */
  text: z.string().optional(),
  /** The provider's documented meaning, in its own words. */
  meaning: z.string().min(1),
  /** Overrides the computed retry verdict for this status (DESIGN.md: "a profile may override per status"). */
  retry: RetryVerdict.optional(),
  /** Why the override (shown as the retry reason). */
  retryReason: z.string().optional(),
});
export type StatusMeaning = z.infer<typeof StatusMeaning>;

export const ApiVersion = z.object({
  id: z.string().min(1),
  /** Matched against the URL path, e.g. "^/v1beta3(/|$)". Compiled once per profile set. */
  pathPattern: z
    .string()
    .min(1)
    .superRefine((pattern, ctx) => {
      const c = compileUserRegex(pattern);
      if (!c.ok)
        ctx.addIssue({
          code: 'custom',
          message: `expected a regular expression (${USER_REGEX_SYNTAX}): ${c.error}`,
        });
    }),
  /** Shown when this version is in use (e.g. "Enterprise-only beta; legacy, migrate to v1"). */
  note: z.string().optional(),
  legacy: z.boolean().optional(),
});

const POSITIVE_INT = 'expected a positive integer';
export const RateLimitPolicy = z.object({
  limit: z.number(POSITIVE_INT).int(POSITIVE_INT).positive(POSITIVE_INT),
  windowSeconds: z
    .number('expected a positive number of seconds')
    .positive('expected a positive number of seconds'),
  /** What the limit counts: requests per credential, or all requests of the client. */
  scope: z.enum(['key', 'global']).default('key'),
  note: z.string().optional(),
});

export const Profile = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  /** Where the facts come from (document title or URL). */
  source: z.string().optional(),
  match: z
    .object({
      /** Host names; `*.example.com` matches any sub-domain. */
      hosts: z.array(z.string().min(1)).default([]),
      /** Path prefixes that must match too (any of them), e.g. "/v1". */
      pathPrefixes: z.array(z.string().startsWith('/')).default([]),
      /** Response media types that identify the API when no host is documented. */
      contentTypes: z.array(z.string().min(1)).default([]),
    })
    .default({ hosts: [], pathPrefixes: [], contentTypes: [] }),
  versions: z.array(ApiVersion).default([]),
  statuses: z.record(StatusKey, StatusMeaning).default({}),
  rateLimit: RateLimitPolicy.optional(),
  /** Request headers that carry the API key (fingerprinted for the rate tracker). Authorization is always considered. */
  keyHeaders: z.array(z.string().min(1)).default([]),
  /** Query parameters that carry the API key. */
  keyQueryParams: z.array(z.string().min(1)).default([]),
  /** Cookies that carry the API key (OpenAPI `apiKey` schemes `in: cookie`). */
  keyCookies: z.array(z.string().min(1)).default([]),
  /** Response headers that carry the request id, in priority order. */
  requestIdHeaders: z.array(z.string().min(1)).default([]),
  /** Machine error codes documented by the provider, code → meaning (e.g. EVRYTHNG's INVALID_ID). */
  errorCodes: z.record(z.string(), z.string()).default({}),
  errorFormat: z
    .object({
      /** Split `{"error":"a, b"}` into messages on ", " (Aurora's comma-separated format). */
      splitCommaSeparated: z.boolean().default(false),
      /** The documented body formats, for display. */
      documented: z.array(z.string()).default([]),
    })
    .default({ splitCommaSeparated: false, documented: [] }),
  /** Media types the API accepts for request bodies; others are flagged (EVRYTHNG: JSON only → 415). */
  acceptedContentTypes: z.array(z.string()).default([]),
  retry: z
    .object({
      /** The provider documents Retry-After on these statuses. */
      retryAfterOn: z.array(StatusKey).default([]),
      /** Provider guidance quoted in retry reasons, keyed by verdict. */
      guidance: z.partialRecord(RetryVerdict, z.string()).default({}),
      /** Consequence of a blind retry of a non-idempotent request (e.g. a duplicate billed instance). */
      unsafeConsequence: z.string().optional(),
    })
    .default({ retryAfterOn: [], guidance: {} }),
  support: z
    .object({
      contact: z.string().optional(),
      /** What to send support (e.g. "the X-Request-Id"). */
      include: z.string().optional(),
    })
    .optional(),
  /** A create the API answers with this status when it was already done (a repeated POST), and why. */
  repeatedCreate: z.object({ status: z.number().int(), note: z.string().min(1) }).optional(),
  /** Advice shown when the rate tracker detects polling (Aurora recommends webhooks). */
  pollingAdvice: z.string().optional(),
  /** Other documented facts worth showing (verbs, success semantics, conventions). */
  notes: z.array(z.string()).default([]),
  /**
   * Compiled from an OpenAPI document (src/core/openapi): servers, operations, documented
   * responses and their schemas. Its apiKey names are in keyHeaders/keyQueryParams/keyCookies,
   * and key the rate counter before Authorization.
   */
  openapi: OpenApiInfo.optional(),
});
export type Profile = z.infer<typeof Profile>;
export type ProfileInput = z.input<typeof Profile>;

/**
 * Every name a profile declares a credential under — key headers, key query parameters, and
 * any secret-name list added to the schema later (e.g. an OpenAPI document's apiKey names):
 * add it here and redaction (har/redact) treats it as a secret in every export, copy and
 * summary, with no change to their callers.
 */
export function profileSecretNames(profile: SecretNameLists): string[] {
  return [
    ...(profile.keyHeaders ?? []),
    ...(profile.keyQueryParams ?? []),
    ...(profile.keyCookies ?? []),
  ];
}

/** The members of a profile that name credentials (a partial profile will do). */
export type SecretNameLists = Partial<
  Pick<Profile, 'keyHeaders' | 'keyQueryParams' | 'keyCookies'>
>;
