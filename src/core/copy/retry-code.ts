import type { Entry } from 'har-format';
import type { EntryAnnotation } from '../annotation.ts';
import { getHeader, isIdempotentMethod } from '../http.ts';
import { BACKOFF_DEFAULTS } from '../retry/backoff.ts';
import { fetchInit } from './fetch.ts';
import { jsString } from './quote.ts';
import { type CopyOptions, copyRequest } from './request.ts';

/**
 * Copy retry code: a short `fetch` wrapper for this request that does what the retry verdict
 * says — honours Retry-After (capped: a longer wait gives up instead, as ky's maxRetryAfter
 * does), else backs off exponentially with full jitter (AWS "Exponential Backoff and Jitter"),
 * and sends one Idempotency-Key on every try of a non-idempotent request
 * (draft-ietf-httpapi-idempotency-key-header §2). Built from the advisor's annotation and the
 * same backoff defaults (core/retry/backoff.ts). Runs in browsers and Node 18+.
 */

// Transient statuses a backoff retries besides the one observed (RFC 9110 §15.5.9 408,
// RFC 8470 §5.2 425, RFC 6585 §4 429, RFC 9110 §15.6.3-5 502-504).
const TRANSIENT = [408, 425, 429, 502, 503, 504];
// Names the idempotency draft lists (as core/retry/advise.ts knows them).
const KEY_HEADERS = ['Idempotency-Key', 'X-Idempotency-Key', 'PayPal-Request-Id'];

export interface RetryPlan {
  /** Statuses that are retried; empty: the verdict says not to retry. */
  statuses: number[];
  /** Network errors (no response) are retried too. */
  networkErrors: boolean;
  /** The Idempotency-Key header to send on every try, when the method needs one. */
  keyHeader: string | undefined;
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** What the generated code does, from the verdict (exported for tests and the panel's label). */
export function retryPlan(method: string, ann: EntryAnnotation): RetryPlan {
  const { verdict, afterSeconds, schedule } = ann.retry;
  const code = ann.status.code;
  const retrying = verdict !== 'none' && verdict !== 'fix';
  const statuses = !retrying
    ? []
    : verdict === 'after' || verdict === 'wait'
      ? [...new Set([code, 429, 503].filter((c) => c > 0))]
      : [...new Set([code, ...TRANSIENT].filter((c) => c > 0))];
  const needsKey = retrying && !isIdempotentMethod(method);
  const capSeconds = Math.max(BACKOFF_DEFAULTS.capSeconds, Math.ceil(afterSeconds ?? 0));
  return {
    statuses: statuses.sort((a, b) => a - b),
    networkErrors: retrying && (code === 0 || verdict === 'backoff' || needsKey),
    keyHeader: needsKey ? 'Idempotency-Key' : undefined,
    maxRetries: retrying ? Math.max(1, schedule?.length ?? BACKOFF_DEFAULTS.tries) : 0,
    baseDelayMs: BACKOFF_DEFAULTS.baseSeconds * 1000,
    maxDelayMs: capSeconds * 1000,
  };
}

const comment = (text: string) =>
  text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\*\//g, '* /')
    .slice(0, 300);

export function retryCode(entry: Entry, ann: EntryAnnotation, opts: CopyOptions = {}): string {
  const r = copyRequest(entry, opts);
  const plan = retryPlan(r.method, ann);
  // A request that already carried a key keeps that header's name (its value is per call).
  const keyHeader = plan.keyHeader
    ? (KEY_HEADERS.find((k) => getHeader(r.headers, k) !== undefined) ?? plan.keyHeader)
    : undefined;
  const headers = keyHeader
    ? r.headers.filter((h) => h.name.toLowerCase() !== keyHeader.toLowerCase())
    : r.headers;
  const out = [
    `// Retry code from API Lens for ${comment(`${r.method} ${r.url}`)}`,
    `// Verdict "${ann.retry.verdict}" on ${ann.status.code || 'no response'}: ${comment(ann.retry.reason)}`,
  ];
  if (r.redacted.length)
    out.push('// Credentials were redacted by API Lens: put yours back before running.');
  if (plan.statuses.length === 0 && !plan.networkErrors)
    out.push('// The verdict says a retry would not help: this sends the request once.');
  out.push(
    'async function requestWithRetry(options = {}) {',
    '  const {',
    `    maxRetries = ${plan.maxRetries},`,
    `    baseDelayMs = ${plan.baseDelayMs},`,
    '    // Longest wait honoured; a longer Retry-After returns the response instead of waiting.',
    `    maxDelayMs = ${plan.maxDelayMs},`,
    '    fetch: send = globalThis.fetch,',
    '    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),',
    '    random = Math.random,',
    '    now = Date.now,',
    '  } = options;',
    `  const url = ${jsString(r.url)};`,
    `  const init = ${fetchInit(r, headers, [], '  ')};`,
  );
  if (keyHeader)
    out.push(
      '  // One key for every try, so the server can tell a retry from a new request.',
      `  init.headers[${jsString(keyHeader)}] = options.idempotencyKey ?? crypto.randomUUID();`,
    );
  out.push(
    `  const retryOn = new Set(${JSON.stringify(plan.statuses)});`,
    '  const backoff = (attempt) => random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);',
    '  for (let attempt = 0; ; attempt++) {',
    '    let res;',
    '    try {',
    '      res = await send(url, init);',
    '    } catch (error) {',
    `      if (${plan.networkErrors ? 'attempt >= maxRetries' : 'true'}) throw error;`,
    '      await sleep(backoff(attempt));',
    '      continue;',
    '    }',
    '    if (!retryOn.has(res.status) || attempt >= maxRetries) return res;',
    '    // Retry-After: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).',
    '    const after = res.headers.get("retry-after");',
    '    let wait = backoff(attempt);',
    '    if (after !== null && /^\\s*\\d+\\s*$/.test(after)) wait = Number(after) * 1000;',
    '    else if (after !== null && !Number.isNaN(Date.parse(after)))',
    '      wait = Math.max(0, Date.parse(after) - now());',
    '    if (wait > maxDelayMs) return res;',
    '    await sleep(wait);',
    '  }',
    '}',
  );
  return out.join('\n');
}
