// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../core/engine.ts';
import type { RateState } from '../../core/rate/types.ts';
import { byUrgency } from '../../core/rate/urgency.ts';
import { createFakePlatform } from '../../platform/fake.ts';
import { EnvContext } from '../context.ts';
import { createPanelStore } from '../store.ts';
import { BASE_TIME, stubEngine, testEnv } from '../test-support.ts';
import { level, RateMeter } from './RateMeter.tsx';

afterEach(cleanup);

const AURORA: RateState = {
  key: 'aurora:3f2a',
  profile: 'aurora',
  limit: 90,
  windowSeconds: 60,
  count: 91,
  remaining: 0,
  source: 'profile',
  over: true,
  nextSlotAt: BASE_TIME + 12_000,
  exhaustionAt: BASE_TIME - 2_000,
  perSecond: [0, 3, 40, 48],
  throttled: { at: BASE_TIME - 1000, retryAfterSeconds: 30, until: BASE_TIME + 29_000 },
  polling: {
    method: 'GET',
    endpoint: 'https://api.aurorasolar.com/designs/1',
    intervalSeconds: 5,
    count: 12,
    advice: 'Use webhooks instead of polling.',
  },
  total: 91,
  peak: 91,
};

function show(states: RateState[]) {
  const engine = (): Engine => ({
    ...stubEngine(),
    rate: { states: () => states } as unknown as Engine['rate'],
  });
  const store = createPanelStore({ createEngine: engine });
  const { env } = testEnv(store, createFakePlatform().platform.storage.local);
  render(
    <EnvContext.Provider value={env}>
      <RateMeter />
    </EnvContext.Provider>,
  );
}

describe('RateMeter', () => {
  it('grades the bar: ok under 80%, warn from 80%, danger at the limit', () => {
    expect(level(71, 90)).toBe('ok');
    expect(level(72, 90)).toBe('warn');
    expect(level(90, 90)).toBe('danger');
    expect(level(500, undefined)).toBe('ok');
  });

  it('shows count against limit, the next slot, the 429 countdown and the polling advice', () => {
    show([AURORA]);
    const meter = screen.getByTestId('rate-meter');
    expect(meter.className).toContain('danger');
    expect(meter.textContent).toContain('91/90 in 60s');
    expect(meter.textContent).toContain('Over the limit');
    expect(meter.textContent).toMatch(/Next slot\s*12s/);
    expect(meter.textContent).toMatch(/Exhausted at this pace\s*already reached/);
    expect(screen.getByTestId('rate-throttled').textContent).toMatch(/Retry-After: retry in 29s/);
    expect(screen.getByTestId('rate-polling').textContent).toContain('Use webhooks');
  });

  it('lists the fullest limited key first and unlimited keys last', () => {
    const free = {
      ...AURORA,
      key: 'generic@x:anonymous',
      profile: 'generic',
      limit: undefined,
      count: 300,
    };
    const half = { ...AURORA, key: 'neo4j-aura:k', limit: 125, count: 60 };
    expect(byUrgency([free, half, AURORA]).map((s) => s.key)).toEqual([
      AURORA.key,
      half.key,
      free.key,
    ]);
  });

  it('says when nothing was counted yet', () => {
    show([]);
    expect(screen.getByTestId('rate-view').textContent).toContain('No API requests counted yet');
  });
});
