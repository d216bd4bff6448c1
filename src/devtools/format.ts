import type { Entry } from 'har-format';
import type { EntryAnnotation } from '../core/annotation.ts';

/** Display helpers for the views. Pure. */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 14:03:07.123, local time. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** 75 → "1m 15s"; negative → "now". */
export function duration(seconds: number): string {
  if (!(seconds > 0)) return 'now';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m}m ${s % 60}s` : `${m}m`;
}

/**
 * 50000 → "50,000", as `toLocaleString('en')` writes an integer, without Intl: in the panel the
 * first such call took 80 ms (ICU's locale data loading), at the start of an import or export,
 * and each later one ~60 µs (a formatter is built per call).
 */
export function count(n: number): string {
  const digits = String(Math.abs(Math.trunc(n)));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n <= -1 ? `-${out}` : out;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Only http(s) links are ever rendered as links (no javascript:, data:, chrome-extension:). */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Epoch ms when the response arrived (start + total time). */
export function respondedAt(entry: Entry): number {
  const start = Date.parse(entry.startedDateTime) || 0;
  return start + (entry.time > 0 ? entry.time : 0);
}

export function statusClassName(code: number): string {
  return code === 0 ? 's0' : `s${Math.floor(code / 100)}`;
}

/** The retry verdicts in plain words, for badges' titles. */
export const VERDICT_LABEL: Record<EntryAnnotation['retry']['verdict'], string> = {
  none: 'Nothing to retry',
  backoff: 'Retry with backoff',
  after: 'Retry after a wait',
  wait: 'Wait, then retry',
  fix: 'Fix the request first',
  unsafe: 'Unsafe to retry blindly',
};
