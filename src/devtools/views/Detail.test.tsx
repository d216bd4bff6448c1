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

  it('caps a large body and shows all of it on request', async () => {
    const big = JSON.stringify({ error: 'x', data: 'y'.repeat(BODY_CAP * 2) });
    show(big);
    const pre = screen.getByTestId('body-response-body');
    expect(pre.textContent!.length).toBe(BODY_CAP);
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: /Show all/ }));
    });
    expect(screen.getByTestId('body-response-body').textContent!.length).toBeGreaterThan(
      BODY_CAP * 2,
    );
  });

  it('lists HAL links as rel → href', () => {
    show();
    expect(screen.getByTestId('detail-hal').textContent).toContain(
      'self → https://api.example.com/x',
    );
  });
});
