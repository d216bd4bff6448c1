import type { Entry } from 'har-format';
import type { EntryAnnotation, ErrorAnnotation, SchemaAnnotation } from './annotation.ts';
import { decodeBody } from './decode/index.ts';
import type { Decoded } from './decode/types.ts';
import { endpointTemplate } from './har/endpoint.ts';
import { getHeader, type Header, mediaType } from './http.ts';
import {
  checkSchema,
  documentedResponse,
  documentedStatus,
  operationAnnotation,
} from './openapi/annotate.ts';
import { own } from './own.ts';
import { createProfileSet, statusMeaning } from './profiles/index.ts';
import type { Profile } from './profiles/schema.ts';
import { credentialFingerprint, parseRateLimitHeaders, RateTracker } from './rate/index.ts';
import type { RatePolicy, RateRecordInput } from './rate/types.ts';
import { invalidEntry, type Prepared, recordPrepared } from './record.ts';
import { adviseRetry, parseRetryAfter } from './retry/index.ts';

export type { Prepared } from './record.ts';

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
  /**
   * `annotate` in two steps: `prepare` is everything that depends on the entry alone (profile,
   * decoded body, meaning, retry advice…) and is plain data, so it can run on another thread;
   * `record` counts it in the rate tracker, in start-time order, and completes the annotation.
   * `record(prepare(e))` is `annotate(e)`.
   */
  prepare(entry: Entry, body?: { text: string | null; encoding?: string }): Prepared;
  record(prepared: Prepared): EntryAnnotation;
  /** Which profile (and API version) a URL belongs to, without annotating. */
  profileFor(url: string, responseMediaType?: string): { profile: Profile; apiVersion?: string };
  readonly rate: RateTracker;
}

// Correlation headers seen in the wild (STANDARDS.md; corpus README "requestId"), most specific first.
const REQUEST_ID_HEADERS = [
  'x-request-id',
  'request-id',
  'x-amzn-requestid',
  'x-amz-request-id',
  'x-github-request-id',
  'x-ms-request-id',
  'client-request-id',
  'x-correlation-id',
  'correlation-id',
  'x-trace-id',
  'x-cloud-trace-context',
  'cf-ray',
];

const DEFAULT_MAX_BODY_CHARS = 4 * 1024 * 1024;

function hostOf(url: string): string {
  const s = url.indexOf('://');
  const rest = s < 0 ? url : url.slice(s + 3);
  const end = rest.search(/[/?#]/);
  return (end < 0 ? rest : rest.slice(0, end)).replace(/^[^@]*@/, '').toLowerCase();
}

function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}

function findRequestId(
  profile: Profile,
  headers: readonly Header[],
  decoded: Decoded,
): string | undefined {
  for (const name of profile.requestIdHeaders) {
    const v = getHeader(headers, name);
    if (v) return v;
  }
  for (const name of REQUEST_ID_HEADERS) {
    const v = getHeader(headers, name);
    if (v) return v;
  }
  return decoded.requestId;
}

export function createEngine(options: EngineOptions = {}): Engine {
  const profiles = createProfileSet([...(options.userProfiles ?? [])]);
  const rate = options.rate ?? new RateTracker();
  const maxChars = options.maxBodyChars ?? DEFAULT_MAX_BODY_CHARS;

  function prepare(entry: Entry, body?: { text: string | null; encoding?: string }): Prepared {
    const request =
      entry.request ?? ({ method: 'GET', url: '', headers: [] } as unknown as Entry['request']);
    const response =
      entry.response ?? ({ status: 0, headers: [], content: {} } as unknown as Entry['response']);
    const method = (request.method || 'GET').toUpperCase();
    const url = request.url || '';
    const requestHeaders = request.headers ?? [];
    const responseHeaders = response.headers ?? [];
    const status = Number.isFinite(response.status) ? response.status : 0;
    const contentType =
      getHeader(responseHeaders, 'content-type') ?? response.content?.mimeType ?? '';
    const startedAt = Date.parse(entry.startedDateTime);
    const at = Number.isNaN(startedAt) ? 0 : startedAt;
    const respondedAt = at + (Number.isFinite(entry.time) && entry.time > 0 ? entry.time : 0);

    const { profile, apiVersion, versionNote, operation } = profiles.match({
      url,
      method,
      responseMediaType: mediaType(contentType),
    });
    const text = body ? body.text : response.content?.text;
    const encoding = body ? body.encoding : response.content?.encoding;
    const decoded = decodeBody(
      {
        status,
        mimeType: contentType,
        headers: responseHeaders,
        ...(text != null ? { text } : {}),
        ...(encoding ? { encoding } : {}),
      },
      { maxChars, splitCommaSeparated: profile.errorFormat.splitCommaSeparated },
    );
    let meaning = statusMeaning(status, profile);
    let schema: SchemaAnnotation | undefined;
    if (operation && profile.openapi && status > 0) {
      const documented = documentedResponse(operation, status);
      if (documented) {
        meaning = documentedStatus(profile.openapi, status, documented);
        schema = checkSchema(
          profile.openapi,
          documented,
          mediaType(contentType),
          { text, encoding },
          decoded.json,
        );
      } else meaning = { ...meaning, documented: false };
    }
    const requestId = findRequestId(profile, responseHeaders, decoded);
    const notes: string[] = [];
    if (versionNote) notes.push(versionNote);

    let error: ErrorAnnotation | undefined;
    const networkError = (response as { _error?: string })._error;
    if (decoded.isError || status >= 400 || status === 0) {
      const fallback =
        status === 0
          ? `No response${networkError ? ` (${networkError})` : ''}`
          : (decoded.code ??
            `${status} ${meaning.text}${text == null ? '' : decoded.format === 'empty' ? ' (empty body)' : ''}`);
      error = {
        format: text == null && status !== 0 ? 'not-captured' : decoded.format,
        messages: decoded.messages.length > 0 ? decoded.messages : [fallback],
        ...(decoded.fieldErrors && Object.keys(decoded.fieldErrors).length
          ? { fieldErrors: decoded.fieldErrors }
          : {}),
        ...(decoded.code !== undefined ? { code: decoded.code } : {}),
        ...(decoded.docs ? { docs: decoded.docs } : {}),
        ...(decoded.truncated ? { truncated: true } : {}),
      };
      const codeMeaning =
        decoded.code !== undefined ? own(profile.errorCodes, decoded.code) : undefined;
      if (codeMeaning) error.codeMeaning = codeMeaning;
    }

    // Rate: count every request under its key; annotate when a limit is known.
    const fingerprint = credentialFingerprint({
      requestHeaders,
      url,
      keyHeaders: profile.keyHeaders,
      keyQueryParams: profile.keyQueryParams,
      keyCookies: profile.keyCookies,
      // The document names its own credential: it keys the counter before Authorization.
      keysFirst: profile.openapi !== undefined,
    });
    const scope = profile.id === 'generic' ? `generic@${hostOf(url)}` : profile.id;
    const key = `${scope}:${profile.rateLimit?.scope === 'global' ? 'all' : (fingerprint ?? 'anonymous')}`;
    const date = getHeader(responseHeaders, 'date');
    const headerLimit = parseRateLimitHeaders(responseHeaders, {
      now: respondedAt,
      ...(date ? { date } : {}),
    });
    // A limit below 1 (`X-RateLimit-Limit: 0`) announces no usable window: the annotation's
    // limit is a positive integer (annotation.ts), so such a response falls back to the profile.
    const policy: RatePolicy | undefined =
      headerLimit?.limit !== undefined && headerLimit.limit >= 1
        ? {
            limit: headerLimit.limit,
            windowSeconds: headerLimit.windowSeconds ?? profile.rateLimit?.windowSeconds ?? 60,
            source: 'headers',
          }
        : profile.rateLimit
          ? {
              limit: profile.rateLimit.limit,
              windowSeconds: profile.rateLimit.windowSeconds,
              source: 'profile',
            }
          : undefined;
    const retryAfter =
      status === 429
        ? parseRetryAfter(getHeader(responseHeaders, 'retry-after'), {
            now: respondedAt,
            ...(date ? { date } : {}),
          })
        : undefined;
    // A CORS preflight is the browser asking permission, not a call of the API: it carries no
    // credential and providers do not count it (Fetch standard, "CORS-preflight request").
    const preflight =
      method === 'OPTIONS' &&
      getHeader(requestHeaders, 'access-control-request-method') !== undefined;
    if (preflight)
      notes.push('CORS preflight sent by the browser: not counted against the rate limit.');
    const count: RateRecordInput | undefined = preflight
      ? undefined
      : {
          key,
          profile: profile.id,
          at,
          method,
          endpoint: operation ? endpointTemplate(url, operation.path) : withoutQuery(url),
          status,
          ...(policy ? { policy } : {}),
          ...(headerLimit ? { headers: headerLimit } : {}),
          ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
          ...(profile.pollingAdvice ? { pollingAdvice: profile.pollingAdvice } : {}),
        };
    // The tracker's polling advice goes here, between these notes and those below (record).
    const before = notes.splice(0);

    const retry = adviseRetry({
      method,
      status,
      requestHeaders,
      responseHeaders,
      profile,
      now: respondedAt,
      ...(decoded.retryAfterSeconds !== undefined
        ? { bodyRetryAfterSeconds: decoded.retryAfterSeconds }
        : {}),
      ...(decoded.code !== undefined ? { errorCode: decoded.code } : {}),
      messages: decoded.messages,
      jitterSeed: requestId ?? `${method} ${url} ${entry.startedDateTime}`,
    });
    if (status >= 500 && profile.support?.contact)
      notes.push(`Support: ${profile.support.contact}`);
    if (requestId && status >= 400 && profile.support?.include) notes.push(profile.support.include);
    if (status === 415 && profile.acceptedContentTypes.length) {
      notes.push(`Accepted request content types: ${profile.acceptedContentTypes.join(', ')}`);
    }

    return {
      head: {
        v: 1,
        profile: profile.id,
        ...(apiVersion ? { apiVersion } : {}),
        ...(requestId ? { requestId } : {}),
        status: meaning,
        ...(error ? { error } : {}),
        retry,
      },
      tail: {
        ...(decoded.hal ? { hal: decoded.hal } : {}),
        ...(operation && profile.openapi
          ? { operation: operationAnnotation(profile.openapi, operation) }
          : {}),
        ...(schema ? { schema } : {}),
      },
      notes: [before, notes],
      ...(count ? { count } : {}),
      ...(policy ? { policy } : {}),
      code: Number(entry?.response?.status) || 0,
    };
  }

  function prepareSafely(
    entry: Entry,
    body?: { text: string | null; encoding?: string },
  ): Prepared {
    try {
      return prepare(entry, body);
    } catch (e) {
      return { failed: invalidEntry(Number(entry?.response?.status) || 0, e) };
    }
  }

  return {
    annotate: (entry, body) => recordPrepared(rate, prepareSafely(entry, body)),
    prepare: prepareSafely,
    record: (p) => recordPrepared(rate, p),
    profileFor(url, responseMediaType = '') {
      const m = profiles.match({ url, responseMediaType });
      return { profile: m.profile, ...(m.apiVersion ? { apiVersion: m.apiVersion } : {}) };
    },
    rate,
  };
}
