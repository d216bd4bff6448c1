import type { Entry } from 'har-format';
import type { EntryAnnotation, ErrorGroup, LogAnnotation, RateSummary } from '../annotation.ts';
import { dict } from '../own.ts';
import { endpointTemplate } from './endpoint.ts';
import { messageTemplate } from './message-template.ts';

const MAX_INDEXES = 100;

/** The status class of a code: "4xx"; "none" when there was no response. */
export function statusClass(code: number): string {
  return code >= 100 && code <= 599 ? `${Math.floor(code / 100)}xx` : code === 0 ? 'none' : '5xx';
}

/** The one-line message of an annotation: first decoded message, else the status meaning. */
export function headline(a: EntryAnnotation): string {
  const m = a.error?.messages;
  if (!m) return `${a.status.code} ${a.status.text}`;
  // Problem details lead with `title`, the same for every occurrence of the problem type; the
  // occurrence's own `detail` is what tells one error from another (RFC 9457 §3.1.3-4).
  if (/^problem-/.test(a.error!.format) && m.length > 1) return `${m[0]}: ${m[1]}`;
  return m[0]!;
}

/**
 * What an error is grouped by — method, endpoint template, status and the one-line message's
 * template (ids, numbers, quoted values… as placeholders) — for `log._apiLens.errorGroups` and
 * the panel's Error groups view alike.
 */
export function errorGroup(method: string, url: string, a: EntryAnnotation) {
  const m = method.toUpperCase();
  const endpoint = endpointTemplate(url, a.operation?.path);
  const message = messageTemplate(headline(a));
  return {
    key: `${m} ${endpoint}\u0000${a.status.code}\u0000${message}`,
    method: m,
    endpoint,
    message,
  };
}

/**
 * Builds `log._apiLens` incrementally, one annotated entry at a time, so the panel can keep a
 * live summary and the CLI a streaming one. Memory is bounded by the number of distinct groups
 * and keys, not by the number of entries.
 */
export class Summarizer {
  private count = 0;
  private errors = 0;
  private readonly byStatusClass = dict<number>();
  private readonly byProfile = dict<number>();
  private readonly verdicts = dict<number>();
  private readonly groups = new Map<string, ErrorGroup>();
  private readonly rates = new Map<string, RateSummary>();

  constructor(private readonly generator: { name: string; version: string }) {}

  add(entry: Entry, a: EntryAnnotation, index: number): void {
    this.count++;
    const cls = statusClass(a.status.code);
    this.byStatusClass[cls] = (this.byStatusClass[cls] ?? 0) + 1;
    this.byProfile[a.profile] = (this.byProfile[a.profile] ?? 0) + 1;
    this.verdicts[a.retry.verdict] = (this.verdicts[a.retry.verdict] ?? 0) + 1;
    if (a.error) this.addError(entry, a, index);
    if (a.rate) this.addRate(a, index);
  }

  private addError(entry: Entry, a: EntryAnnotation, index: number) {
    this.errors++;
    const { key, method, endpoint, message } = errorGroup(
      entry.request.method,
      entry.request.url,
      a,
    );
    const g = this.groups.get(key);
    if (g) {
      g.count++;
      if (entry.startedDateTime < g.firstSeen) g.firstSeen = entry.startedDateTime;
      if (entry.startedDateTime > g.lastSeen) g.lastSeen = entry.startedDateTime;
      if (g.entries.length < MAX_INDEXES) g.entries.push(index);
    } else {
      this.groups.set(key, {
        method,
        endpoint,
        status: a.status.code,
        message,
        profile: a.profile,
        count: 1,
        firstSeen: entry.startedDateTime,
        lastSeen: entry.startedDateTime,
        entries: [index],
      });
    }
  }

  private addRate(a: EntryAnnotation, index: number) {
    const rate = a.rate!;
    let r = this.rates.get(rate.key);
    if (!r) {
      r = {
        key: rate.key,
        profile: a.profile,
        windowSeconds: rate.windowSeconds,
        peak: 0,
        requests: 0,
        overEntries: [],
        overCount: 0,
      };
      this.rates.set(rate.key, r);
    }
    r.requests++;
    r.limit = rate.limit;
    r.source = rate.source;
    r.windowSeconds = rate.windowSeconds;
    r.peak = Math.max(r.peak, rate.count);
    if (rate.over) {
      r.overCount++;
      if (r.overEntries.length < MAX_INDEXES) r.overEntries.push(index);
    }
  }

  toJSON(redacted: boolean): LogAnnotation {
    return {
      v: 1,
      generator: this.generator,
      entries: this.count,
      byStatusClass: { ...this.byStatusClass },
      byProfile: { ...this.byProfile },
      verdicts: { ...this.verdicts },
      errors: this.errors,
      errorGroups: [...this.groups.values()].sort(
        (x, y) => y.count - x.count || x.firstSeen.localeCompare(y.firstSeen),
      ),
      // Fullest windows first, keys without a known limit last (as the panel and popup order them).
      rate: [...this.rates.values()].sort(
        (x, y) =>
          (y.limit ? y.peak / y.limit : -1) - (x.limit ? x.peak / x.limit : -1) || y.peak - x.peak,
      ),
      redacted,
    };
  }
}
