import type { RateState } from '../../core/rate/types.ts';
import { byUrgency } from '../../core/rate/urgency.ts';
import { useEnv, useNow, usePanelState } from '../context.ts';
import { clockTime, duration } from '../format.ts';

/** Warning and danger thresholds of the count/limit bar. */
export const WARN_RATIO = 0.8;
export const DANGER_RATIO = 1;

export function level(count: number, limit: number | undefined): 'ok' | 'warn' | 'danger' {
  if (!limit) return 'ok';
  const r = count / limit;
  return r >= DANGER_RATIO ? 'danger' : r >= WARN_RATIO ? 'warn' : 'ok';
}

/** Per-second requests as an SVG polyline, oldest left. */
export function Sparkline({
  values,
  width = 180,
  height = 28,
}: {
  values: number[];
  width?: number;
  height?: number;
}) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values
    .map((v, i) => `${(i * step).toFixed(1)},${(height - (v / max) * (height - 2) - 1).toFixed(1)}`)
    .join(' ');
  return (
    <svg
      class="spark"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`peak ${max} requests per second`}
    >
      <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}

function Meter({ s, now }: { s: RateState; now: number }) {
  const lvl = level(s.count, s.limit);
  const pct = s.limit ? Math.min(100, (s.count / s.limit) * 100) : 0;
  return (
    <article
      class={`meter ${lvl}`}
      data-testid="rate-meter"
      data-key={s.key}
      data-count={s.count}
      data-limit={s.limit ?? ''}
      data-over={String(s.over)}
    >
      <header>
        <strong>{s.profile}</strong> <code>{s.key}</code>
        {s.source ? <span class="source"> (limit from {s.source})</span> : null}
      </header>
      <div class="bar">
        <div class="fill" style={{ width: `${pct}%` }} />
        <span class="label">
          {s.count}
          {s.limit ? `/${s.limit}` : ''} in {s.windowSeconds}s
          {s.limit ? '' : ' (no documented or announced limit)'}
        </span>
      </div>
      {s.over ? (
        <p class="danger-text">Over the limit: further requests will be throttled.</p>
      ) : null}
      <Sparkline values={s.perSecond} />
      <dl>
        {s.remaining !== undefined ? (
          <>
            <dt>Remaining</dt>
            <dd>{s.remaining}</dd>
          </>
        ) : null}
        {s.nextSlotAt !== undefined ? (
          <>
            <dt>Next slot</dt>
            <dd>{duration((s.nextSlotAt - now) / 1000)}</dd>
          </>
        ) : null}
        {s.exhaustionAt !== undefined ? (
          <>
            <dt>Exhausted at this pace</dt>
            <dd>
              {s.limit !== undefined && s.count >= s.limit
                ? 'already reached'
                : `in ${duration((s.exhaustionAt - now) / 1000)}`}
            </dd>
          </>
        ) : null}
        <dt>Total / peak</dt>
        <dd>
          {s.total} / {s.peak}
        </dd>
      </dl>
      {s.throttled ? (
        <p class="throttled" data-testid="rate-throttled">
          429 at {clockTime(s.throttled.at)}
          {s.throttled.until !== undefined
            ? s.throttled.until > now
              ? ` — Retry-After: retry in ${duration((s.throttled.until - now) / 1000)}`
              : ' — Retry-After has passed'
            : ''}
        </p>
      ) : null}
      {s.polling ? (
        <p class="polling" data-testid="rate-polling">
          Polling: {s.polling.method} {s.polling.endpoint} every ~{s.polling.intervalSeconds}s (
          {s.polling.count}×)
          {s.polling.advice ? ` — ${s.polling.advice}` : ''}
        </p>
      ) : null}
    </article>
  );
}

/** One meter per profile + API key seen in the active session. */
export function RateMeter() {
  const { store } = useEnv();
  usePanelState();
  const clockNow = useNow();
  const session = store.session();
  // An imported session is seen as of its last request; the live one as of now.
  const now = session.kind === 'live' ? clockNow : (session.rows.at(-1)?.at ?? clockNow);
  const states = byUrgency(session.engine.rate.states(now));
  return (
    <div class="rate" data-testid="rate-view">
      {states.length === 0 ? <p class="empty">No API requests counted yet.</p> : null}
      {states.map((s: RateState) => (
        <Meter key={s.key} s={s} now={now} />
      ))}
    </div>
  );
}
