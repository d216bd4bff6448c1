// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { EntryAnnotation } from '../../core/annotation.ts';
import { createFakePlatform } from '../../platform/fake.ts';
import { EnvContext } from '../context.ts';
import { createPanelStore, type Row } from '../store.ts';
import { BASE_TIME, harEntry, stubEngine, testEnv } from '../test-support.ts';
import { BODY_CAP, Detail } from './Detail.tsx';

afterEach(cleanup);

const ANN: EntryAnnotation = {
  v: 1,
  profile: 'aurora',
  requestId: 'req-123',
  status: {
    code: 422,
    text: 'Unprocessable Entity',
    meaning: 'The request was well-formed but had semantic errors.',
    source: 'profile',
    cite: 'aurora-api-errors.txt',
  },
  error: {
    format: 'error-hash',
    messages: ['name is required', 'email is invalid'],
    fieldErrors: { name: ['is required'], email: ['is invalid'] },
    code: 'VALIDATION',
    docs: 'javascript:alert(1)',
  },
  retry: { verdict: 'after', afterSeconds: 30, reason: 'Retry-After: 30', schedule: [1, 2, 4] },
  hal: { links: [{ rel: 'self', href: 'https://api.example.com/x' }], embedded: [] },
};

function show(body = '{"error":{"name":["is required"]}}', ann = ANN) {
  const store = createPanelStore({
    createEngine: (o) => ({ ...stubEngine(o), annotate: () => ann }),
  });
  const entry = harEntry({
    method: 'POST',
    url: 'https://api.aurorasolar.com/designs?api_key=sekrit',
    status: 422,
    body,
    at: BASE_TIME,
    requestHeaders: { Authorization: 'Bearer sekrit-token' },
  });
  const row = store.ingest(entry, { text: body }, 'captured') as Row;
  const t = testEnv(store, createFakePlatform().platform.storage.local, () => BASE_TIME + 10_000);
  render(
    <EnvContext.Provider value={t.env}>
      <Detail row={row} />
    </EnvContext.Provider>,
  );
  return t;
}

describe('Detail', () => {
  it('explains status, decoded error with field table, retry countdown and request id', () => {
    show();
    expect(screen.getByTestId('detail-status').textContent).toContain('semantic errors');
    expect(screen.getByTestId('detail-status').textContent).toContain('aurora-api-errors.txt');
    const err = screen.getByTestId('detail-error');
    expect(err.querySelectorAll('li')).toHaveLength(2);
    expect(err.querySelector('table')!.textContent).toContain('email');
    expect(screen.getByTestId('retry-countdown').textContent).toMatch(/Retry in 2\ds/);
    expect(screen.getByTestId('detail-request-id').textContent).toBe('req-123');
  });

  it('never renders a non-http docs link as a link', () => {
    show();
    const docs = screen.getByTestId('detail-error').querySelector('.docs')!;
    expect(docs.querySelector('a')).toBeNull();
  });

  it('copies support details and cURL with credentials redacted unless asked', async () => {
    const t = show();
    await act(() => {
      fireEvent.click(screen.getByTestId('copy-support'));
    });
    await act(() => {
      fireEvent.click(screen.getByTestId('copy-curl'));
    });
    expect(t.copied[0]).toContain('Request ID: req-123');
    expect(t.copied[0]).toContain('name is required');
    expect(t.copied.join('\n')).not.toContain('sekrit');
    await act(() => {
      fireEvent.click(screen.getByTestId('curl-secrets'));
    });
    await act(() => {
      fireEvent.click(screen.getByTestId('copy-curl'));
    });
    expect(t.copied[2]).toContain('Bearer sekrit-token');
  });

  it('caps a large raw body and shows all of it on request', async () => {
    const big = JSON.stringify({ error: 'x', data: 'y'.repeat(BODY_CAP * 2) });
    show(big);
    await act(() => {
      fireEvent.click(screen.getByTestId('body-response-body-raw'));
    });
    const pre = screen.getByTestId('body-response-body');
    expect(pre.textContent!.length).toBe(BODY_CAP);
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: /Show all/ }));
    });
    expect(screen.getByTestId('body-response-body').textContent!.length).toBeGreaterThan(
      BODY_CAP * 2,
    );
  });

  it('HAL: resolves relative links, jumps to captured rows, shows template variables, expands CURIEs, folds _embedded', async () => {
    const hal = JSON.stringify({
      _links: {
        self: { href: '/orders?page=1' },
        next: { href: 'orders?page=2' },
        find: { href: '/orders{?id,page}', templated: true },
        curies: [{ name: 'ex', href: 'https://docs.example.com/rels/{rel}', templated: true }],
        'ex:cancel': { href: '/orders/1/cancel' },
        evil: { href: 'javascript:alert(1)' },
      },
      _embedded: { orders: [{ id: 1, _links: { self: { href: '/orders/1' } } }] },
    });
    const store = createPanelStore({
      createEngine: (o) => ({
        ...stubEngine(o),
        annotate: () => ({ ...ANN, error: undefined, hal: { links: [], embedded: [] } }),
      }),
    });
    const ingest = (url: string, body: string) =>
      store.ingest(harEntry({ url, body, at: BASE_TIME }), { text: body }, 'captured') as Row;
    const order1 = ingest('https://api.example.com/orders/1', '{}');
    const row = ingest('https://api.example.com/v2/orders?page=1', hal);
    const t = testEnv(store, createFakePlatform().platform.storage.local, () => BASE_TIME);
    render(
      <EnvContext.Provider value={t.env}>
        <Detail row={row} />
      </EnvContext.Provider>,
    );
    const section = screen.getByTestId('detail-hal');
    const link = (rel: string) => section.querySelector(`[data-rel="${rel}"]`)!;
    expect(link('self').querySelector('a')!.getAttribute('href')).toBe(
      'https://api.example.com/orders?page=1',
    );
    expect(link('next').querySelector('a')!.getAttribute('href')).toBe(
      'https://api.example.com/v2/orders?page=2',
    );
    expect(link('find').querySelector('a')).toBeNull();
    expect(link('find').textContent).toContain('variables: id, page');
    expect(link('ex:cancel').textContent).toContain('https://docs.example.com/rels/cancel');
    expect(link('evil').querySelector('a')).toBeNull();
    // The embedded order's self link is a captured request: it jumps there.
    const embedded = screen.getByTestId('hal-embedded');
    expect(embedded.tagName).toBe('DETAILS');
    const jump = embedded.querySelector('[data-testid="hal-jump"]') as HTMLElement;
    expect(jump.getAttribute('data-target')).toBe(String(order1.id));
    await act(() => {
      fireEvent.click(jump);
    });
    expect(store.getState()).toMatchObject({ selectedId: order1.id, detailOpen: true });
  });

  it('problem details: type link, title, detail, status mismatch flagged, instance, extensions, errors with pointers', () => {
    const body = JSON.stringify({
      type: 'https://example.com/probs/out-of-credit',
      title: 'You do not have enough credit.',
      status: 403,
      detail: 'Your current balance is 30, but that costs 50.',
      instance: '/account/12345/msgs/abc',
      balance: 30,
      accounts: ['/account/12345', '/account/67890'],
      constructor: 'data, not code',
      errors: [
        { detail: 'must be a positive integer', pointer: '#/age' },
        { title: 'bad', source: { pointer: '/data/attributes/name' } },
      ],
    });
    show(body, {
      ...ANN,
      error: { format: 'problem-details', messages: ['You do not have enough credit.'] },
    });
    const p = screen.getByTestId('detail-problem');
    expect(screen.getByTestId('problem-type').querySelector('a')!.getAttribute('href')).toBe(
      'https://example.com/probs/out-of-credit',
    );
    expect(screen.getByTestId('problem-title').textContent).toBe('You do not have enough credit.');
    expect(screen.getByTestId('problem-detail').textContent).toContain('balance is 30');
    expect(screen.getByTestId('problem-status').textContent).toBe(
      '403 — differs from the HTTP status 422',
    );
    expect(screen.getByTestId('problem-instance').textContent).toBe('/account/12345/msgs/abc');
    const ext = screen.getByTestId('problem-extensions').textContent!;
    expect(ext).toContain('balance30');
    expect(ext).toContain('["/account/12345","/account/67890"]');
    expect(ext).toContain('constructordata, not code');
    const errors = [...screen.getByTestId('problem-errors').querySelectorAll('tbody tr')].map(
      (r) => r.textContent,
    );
    expect(errors).toEqual(['#/agemust be a positive integer', '/data/attributes/namebad']);
    expect(p.querySelectorAll('a')).toHaveLength(1);
  });

  it('problem details: a non-http type is text, not a link', () => {
    show(JSON.stringify({ type: 'javascript:alert(1)', title: 'x', status: 422 }), {
      ...ANN,
      error: { format: 'problem-details', messages: ['x'] },
    });
    expect(screen.getByTestId('problem-type').querySelector('a')).toBeNull();
    expect(screen.getByTestId('problem-status').textContent).toBe('422');
  });
});
