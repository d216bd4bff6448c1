// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackground } from '../background/service.ts';
import { settle, testBackgroundEnv } from '../background/test-support.ts';
import { BUILTIN_HOST_PATTERNS } from '../core/profiles/hosts.ts';
import { App } from './App.tsx';
import type { PopupEnv } from './env.ts';

const AURORA = 'https://api.aurorasolar.com/tenants/t1/designs';
const auth = { Authorization: 'Bearer aurora-popup-test-key' };

let stops: (() => void)[] = [];
afterEach(() => {
  cleanup();
  for (const s of stops) s();
  stops = [];
});

async function setup(opts: { tabId?: number; grant?: boolean; tabUrl?: string } = {}) {
  const bg = testBackgroundEnv();
  const b = startBackground(bg.platform, {}, bg.schedule);
  stops.push(b.stop);
  if (opts.grant !== false) await bg.platform.permissions.request(BUILTIN_HOST_PATTERNS);
  const ticks: (() => void)[] = [];
  const copied: string[] = [];
  const downloads: { filename: string; text: string }[] = [];
  const env: PopupEnv = {
    tabId: opts.tabId ?? 1,
    ...(opts.tabUrl ? { tabUrl: opts.tabUrl } : {}),
    send: bg.platform.messaging.send,
    permissions: bg.platform.permissions,
    clock: bg.now,
    tick(fn) {
      ticks.push(fn);
      return () => ticks.splice(ticks.indexOf(fn), 1);
    },
    copy: async (t) => {
      copied.push(t);
    },
    download: (filename, text) => downloads.push({ filename, text }),
  };
  await settle();
  /** Advances the clock and runs the popup's refresh tick. */
  const tick = async (ms = 1000) => {
    bg.advance(ms);
    await act(async () => {
      for (const t of [...ticks]) t();
      await settle();
    });
  };
  return { bg, env, ticks, copied, downloads, tick, view: () => render(<App env={env} />) };
}

describe('popup', () => {
  it('says when the tab has no API traffic yet', async () => {
    const { view } = await setup();
    view();
    expect(await screen.findByTestId('empty')).toBeTruthy();
    expect((screen.getByText('Export JSON') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows each limit as a meter, status-class counts, and the latest errors with meaning and request id', async () => {
    const s = await setup();
    for (let i = 0; i < 73; i++) s.bg.request(1, { url: AURORA, requestHeaders: auth });
    s.bg.request(1, {
      url: `${AURORA}/x`,
      status: 404,
      requestHeaders: auth,
      responseHeaders: { 'X-Request-Id': 'req-0042' },
    });
    await settle();
    s.view();
    const meter = await screen.findByTestId('meter');
    expect(within(meter).getByTestId('meter-count').textContent).toContain('74 / 90 per 60 s');
    expect(meter.className).toContain('meter-near');
    const native = meter.querySelector('meter')!;
    expect(native.getAttribute('aria-valuetext')).toBe('74 of 90 requests in 60 seconds');
    expect(screen.getByTestId('total').textContent).toBe('74');
    const counts = screen.getByTestId('status-counts');
    expect(counts.querySelector('[data-class="2xx"] dd')!.textContent).toBe('73');
    expect(counts.querySelector('[data-class="4xx"] dd')!.textContent).toBe('1');
    const error = screen.getByTestId('error');
    expect(error.textContent).toContain('GET');
    expect(error.textContent).toContain('/tenants/t1/designs/x');
    expect(within(error).getByTestId('meaning').textContent!.length).toBeGreaterThan(10);
    fireEvent.click(within(error).getByRole('button', { name: 'Copy request id req-0042' }));
    await waitFor(() => expect(s.copied).toEqual(['req-0042']));
    expect(screen.getByTestId('level').textContent).toMatch(/Approaching/);
  });

  it('counts down while throttled and stops at zero', async () => {
    const s = await setup();
    s.bg.request(1, {
      url: AURORA,
      status: 429,
      requestHeaders: auth,
      responseHeaders: { 'Retry-After': '5' },
    });
    await settle();
    s.view();
    expect((await screen.findByTestId('throttle-seconds')).textContent).toBe('5');
    expect(screen.getByTestId('verdicts').textContent).toBe('1 retry after the wait');
    await s.tick(2000);
    expect(screen.getByTestId('throttle-seconds').textContent).toBe('3');
    await s.tick(3000);
    expect(screen.queryByTestId('throttle')).toBeNull();
  });

  it('picks up new traffic on its refresh tick', async () => {
    const s = await setup();
    s.view();
    await screen.findByTestId('empty');
    s.bg.request(1, { url: AURORA, requestHeaders: auth });
    await s.tick();
    expect(screen.getByTestId('total').textContent).toBe('1');
  });

  it('offers the host grant when access is missing, and hides it once granted', async () => {
    const s = await setup({ grant: false });
    s.view();
    const button = await screen.findByRole('button', { name: 'Allow the known API hosts' });
    fireEvent.click(button);
    await waitFor(() => expect(screen.queryByTestId('permission')).toBeNull());
    expect([...s.bg.fake.granted]).toEqual(BUILTIN_HOST_PATTERNS);
  });

  it('asks for the current page too when it is not granted (webRequest needs the initiator)', async () => {
    const s = await setup({ tabUrl: 'http://localhost:5173/checkout' });
    s.view();
    const button = await screen.findByRole('button', {
      name: 'Allow the known API hosts and this site',
    });
    fireEvent.click(button);
    await waitFor(() => expect(screen.queryByTestId('permission')).toBeNull());
    expect(s.bg.fake.granted.has('http://localhost/*')).toBe(true);
  });

  it('keeps offering the grant when the user declines', async () => {
    const s = await setup({ grant: false });
    s.bg.fake.denyPermissionRequests();
    s.view();
    fireEvent.click(await screen.findByRole('button', { name: 'Allow all sites' }));
    await settle();
    expect(screen.getByTestId('permission')).toBeTruthy();
  });

  it('exports the summary as JSON without the credential, and clears the tab', async () => {
    const s = await setup();
    s.bg.request(1, { url: AURORA, status: 500, requestHeaders: auth });
    await settle();
    s.view();
    await screen.findByTestId('error');
    fireEvent.click(screen.getByText('Export JSON'));
    await waitFor(() => expect(s.downloads).toHaveLength(1));
    const doc = JSON.parse(s.downloads[0]!.text);
    expect(doc.summary.byStatusClass).toEqual({ '5xx': 1 });
    expect(s.downloads[0]!.filename).toMatch(/^api-lens-summary-tab1-.*\.json$/);
    expect(s.downloads[0]!.text).not.toContain('aurora-popup-test-key');
    fireEvent.click(screen.getByText('Clear'));
    expect(await screen.findByTestId('empty')).toBeTruthy();
  });

  it('shows only its own tab', async () => {
    const s = await setup({ tabId: 2 });
    s.bg.request(1, { url: AURORA, requestHeaders: auth });
    s.bg.request(2, { url: AURORA, status: 404, requestHeaders: auth });
    await settle();
    s.view();
    expect((await screen.findByTestId('total')).textContent).toBe('1');
    expect(screen.getByTestId('status-counts').textContent).toContain('4xx');
  });
});
