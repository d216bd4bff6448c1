import type { RateMeter } from '../core/messages.ts';

/** "k:3fa9c2d81e07" → "key 3fa9c2": enough to tell keys apart, never the key. */
export function keyLabel(key: string): string {
  const fp = key.slice(key.indexOf(':') + 1);
  if (fp === 'anonymous') return 'no key';
  if (fp === 'all') return 'all keys';
  const m = /k:([0-9a-f]{6})/.exec(fp);
  return m ? `key ${m[1]}` : fp;
}

function seconds(ms: number): string {
  return `${Math.max(0, Math.ceil(ms / 1000))} s`;
}

/** One key's requests in the sliding window against its limit. */
export function Meter({ meter: m, now }: { meter: RateMeter; now: number }) {
  const label = `${m.profile} · ${keyLabel(m.key)}`;
  if (m.limit === undefined) {
    return (
      <li class="meter" data-testid="meter" data-profile={m.profile}>
        <span class="meter-label">{label}</span>
        <span class="meter-count" data-testid="meter-count">
          {m.count} in {m.windowSeconds} s (no known limit)
        </span>
      </li>
    );
  }
  const ratio = m.count / m.limit;
  const state = m.over ? 'over' : ratio >= 0.8 ? 'near' : 'ok';
  return (
    <li class={`meter meter-${state}`} data-testid="meter" data-profile={m.profile}>
      <span class="meter-label" id={`meter-${m.key}`}>
        {label}
      </span>
      <meter
        min={0}
        max={m.limit}
        low={Math.floor(m.limit * 0.8)}
        // Just under the limit, so a full window (over the limit) renders in the meter's red.
        high={m.limit - 0.5}
        optimum={0}
        value={Math.min(m.count, m.limit)}
        aria-labelledby={`meter-${m.key}`}
        aria-valuetext={`${m.count} of ${m.limit} requests in ${m.windowSeconds} seconds`}
      />
      <span class="meter-count" data-testid="meter-count">
        {m.count} / {m.limit} per {m.windowSeconds} s
        {m.source === 'headers' ? ' (from headers)' : ''}
      </span>
      {m.over ? (
        <span class="meter-note">
          Over the limit
          {m.nextSlotAt !== undefined ? ` — a slot frees in ${seconds(m.nextSlotAt - now)}` : ''}
        </span>
      ) : m.exhaustionAt !== undefined ? (
        <span class="meter-note">
          At this pace the limit is reached in {seconds(m.exhaustionAt - now)}
        </span>
      ) : null}
      {m.pollingAdvice ? <span class="meter-note">Polling: {m.pollingAdvice}</span> : null}
    </li>
  );
}
