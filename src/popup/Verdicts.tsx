import type { RetryVerdict } from '../core/annotation.ts';

// What each retry verdict tells the developer to do (DESIGN.md retry verdict table).
const ADVICE: Record<RetryVerdict, string> = {
  none: 'nothing to retry',
  after: 'retry after the wait',
  backoff: 'retry with backoff',
  wait: 'wait, then retry',
  fix: 'fix before resending',
  unsafe: 'unsafe to retry blindly',
};

/** Retry verdict counts, problems first; "none" (successes) is left to the status counts. */
export function Verdicts({ verdicts }: { verdicts: Partial<Record<RetryVerdict, number>> }) {
  const order: RetryVerdict[] = ['unsafe', 'after', 'wait', 'backoff', 'fix'];
  const shown = order.filter((v) => verdicts[v]);
  if (!shown.length) return null;
  return (
    <ul class="verdicts" data-testid="verdicts" aria-label="Retry verdicts">
      {shown.map((v) => (
        <li key={v} data-verdict={v}>
          <strong>{verdicts[v]}</strong> {ADVICE[v]}
        </li>
      ))}
    </ul>
  );
}
