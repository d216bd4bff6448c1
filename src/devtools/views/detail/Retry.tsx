import { useNow } from '../../context.ts';
import { duration, respondedAt, VERDICT_LABEL } from '../../format.ts';
import type { Row } from '../../store.ts';

export function RetrySection({ row }: { row: Row }) {
  const now = useNow();
  const { retry } = row.ann;
  const until =
    retry.afterSeconds !== undefined
      ? respondedAt(row.entry) + retry.afterSeconds * 1000
      : undefined;
  return (
    <section class="d-retry" data-testid="detail-retry">
      <h4>
        Retry: <span class={`badge v-${retry.verdict}`}>{retry.verdict}</span>{' '}
        {VERDICT_LABEL[retry.verdict]}
      </h4>
      <p>{retry.reason}</p>
      {until !== undefined ? (
        <p class="countdown" data-testid="retry-countdown">
          {until > now
            ? `Retry in ${duration((until - now) / 1000)}`
            : 'The wait is over: retry now'}{' '}
          ({retry.afterSeconds}s after the response)
        </p>
      ) : null}
      {retry.schedule?.length ? (
        <p class="schedule">
          Suggested backoff: {retry.schedule.map((s) => `${s.toFixed(1)}s`).join(' → ')}
        </p>
      ) : null}
      {retry.cite ? <p class="source">Source: {retry.cite}</p> : null}
    </section>
  );
}
