import type { Badge, BadgeLevel, RateMeter, TabCounters } from '../core/messages.ts';
import type { BadgeOptions } from './options.ts';

/**
 * The toolbar badge for one tab: the most urgent condition decides text and colour (throttled >
 * over the limit > approaching it > errors), and the tooltip lists every condition that holds.
 */

function countText(n: number): string {
  return n > 99 ? '99+' : String(n);
}

/** A rate meter's share of its limit; undefined when no limit is known. */
export function usage(m: RateMeter): number | undefined {
  return m.limit ? m.count / m.limit : undefined;
}

function label(m: RateMeter): string {
  return `${m.profile} ${m.count}/${m.limit}`;
}

export function computeBadge(
  c: TabCounters,
  rates: readonly RateMeter[],
  now: number,
  options: BadgeOptions,
): Badge {
  const reasons: string[] = [];
  let level: BadgeLevel = 'none';
  let text = '';

  const throttledUntil = Math.max(
    c.last429?.until ?? 0,
    ...rates.map((m) => m.throttled?.until ?? 0),
  );
  if (throttledUntil > now) {
    const secs = Math.ceil((throttledUntil - now) / 1000);
    level = 'throttled';
    text = '429';
    reasons.push(`Throttled (429): retry in ${secs} s`);
  }

  const over = rates.filter((m) => m.over);
  const near = rates.filter((m) => !m.over && (usage(m) ?? 0) >= options.approachingRatio);
  if (over.length) {
    reasons.push(`Over the rate limit: ${over.map(label).join(', ')}`);
    if (level === 'none') {
      level = 'over';
      text = 'MAX';
    }
  }
  if (near.length) {
    const worst = Math.max(...near.map((m) => usage(m)!));
    reasons.push(
      `Approaching the rate limit (≥ ${Math.round(options.approachingRatio * 100)}%): ${near.map(label).join(', ')}`,
    );
    if (level === 'none') {
      level = 'approaching';
      text = `${Math.floor(worst * 100)}%`;
    }
  }
  if (c.errors > 0) {
    const classes = Object.entries(c.byStatusClass)
      .filter(([cls]) => cls === '4xx' || cls === '5xx' || cls === 'none')
      .map(([cls, n]) => `${n} ${cls === 'none' ? 'network' : cls}`);
    reasons.push(
      `${c.errors} error${c.errors === 1 ? '' : 's'}${classes.length ? ` (${classes.join(', ')})` : ''}`,
    );
    if (level === 'none') {
      level = 'errors';
      text = countText(c.errors);
    }
  }

  const color = level === 'none' ? '#00000000' : options.colors[level];
  const title = reasons.length
    ? `API Lens — ${reasons.join('; ')}`
    : c.total
      ? `API Lens — ${c.total} request${c.total === 1 ? '' : 's'}, no problems`
      : 'API Lens';
  return { level, text, color, title };
}

/** The earliest instant after `now` at which the badge may change without new traffic. */
export function nextBadgeChange(
  c: TabCounters,
  rates: readonly RateMeter[],
  now: number,
): number | undefined {
  const times = [
    c.last429?.until,
    ...rates.flatMap((m) => [m.throttled?.until, m.nextSlotAt]),
  ].filter((t): t is number => t !== undefined && t > now);
  return times.length ? Math.min(...times) : undefined;
}
