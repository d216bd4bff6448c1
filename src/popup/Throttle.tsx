import type { TabSummary } from '../core/messages.ts';

/** When the latest throttle (a 429 with Retry-After) ends, from the tab's 429 or any key's. */
export function throttledUntil(s: TabSummary): number | undefined {
  const times = [s.last429?.until, ...s.rates.map((m) => m.throttled?.until)].filter(
    (t): t is number => t !== undefined,
  );
  return times.length ? Math.max(...times) : undefined;
}

/** A countdown while a provider has asked us to wait (RFC 9110 §10.2.3 Retry-After). */
export function Throttle({ summary, now }: { summary: TabSummary; now: number }) {
  const until = throttledUntil(summary);
  if (until === undefined || until <= now) return null;
  const last = summary.last429;
  return (
    <p class="throttle" role="status" data-testid="throttle">
      Throttled (429){last ? ` by ${last.profile}` : ''}: retry in{' '}
      <strong data-testid="throttle-seconds">{Math.ceil((until - now) / 1000)}</strong> s
    </p>
  );
}
