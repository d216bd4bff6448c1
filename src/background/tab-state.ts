import type { Entry } from 'har-format';
import type { EntryAnnotation } from '../core/annotation.ts';
import { redactEntry } from '../core/har/redact.ts';
import { headline, statusClass } from '../core/har/summary.ts';
import type { TabCounters } from '../core/messages.ts';
import type { Profile } from '../core/profiles/schema.ts';

/**
 * Counting one request into a tab's counters. What is kept is JSON-safe and free of
 * credentials by construction: no headers, and what is kept passes through the core's redactor.
 */
export function emptyCounters(): TabCounters {
  return { total: 0, byStatusClass: {}, verdicts: {}, errors: 0, recentErrors: [] };
}

function hostAndPath(url: string): { host: string; path: string } {
  try {
    const u = new URL(url);
    return { host: u.host, path: `${u.pathname}${u.search}` };
  } catch {
    return { host: '', path: url };
  }
}

/**
 * Counts one annotated request into the tab's counters (mutates `c`). What is kept of it (URL,
 * request id, message) comes from the entry and annotation redacted by the core's redactor, with
 * the user's profiles' key names: the popup's JSON export carries no secret.
 */
export function countRequest(
  c: TabCounters,
  raw: Entry,
  annotation: EntryAnnotation,
  maxRecentErrors: number,
  userProfiles: readonly Profile[] = [],
): void {
  const at = Date.parse(raw.startedDateTime);
  c.total++;
  const cls = statusClass(annotation.status.code);
  c.byStatusClass[cls] = (c.byStatusClass[cls] ?? 0) + 1;
  c.verdicts[annotation.retry.verdict] = (c.verdicts[annotation.retry.verdict] ?? 0) + 1;
  if (!annotation.error) return;
  c.errors++;
  const { entry, annotation: a } = redactEntry(raw, { userProfiles }, annotation);
  const where = hostAndPath(entry.request.url);
  const method = entry.request.method.toUpperCase();
  c.recentErrors.unshift({
    at,
    method,
    ...where,
    status: a.status.code,
    profile: a.profile,
    ...(a.requestId ? { requestId: a.requestId } : {}),
    meaning: a.status.meaning,
    message: headline(a),
    verdict: a.retry.verdict,
  });
  if (c.recentErrors.length > maxRecentErrors) c.recentErrors.length = maxRecentErrors;
  if (a.status.code === 429) {
    const wait = a.retry.afterSeconds;
    // Retry-After counts from the response (RFC 9110 §10.2.3), i.e. when the request ended.
    const endedAt = at + (entry.time > 0 ? entry.time : 0);
    c.last429 = {
      at: endedAt,
      method,
      ...where,
      profile: a.profile,
      ...(wait !== undefined ? { retryAfterSeconds: wait, until: endedAt + wait * 1000 } : {}),
    };
  }
}
