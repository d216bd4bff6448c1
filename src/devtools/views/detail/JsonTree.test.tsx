// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakePlatform } from '../../../platform/fake.ts';
import { EnvContext } from '../../context.ts';
import { createPanelStore } from '../../store.ts';
import { stubEngine, testEnv } from '../../test-support.ts';
import { Body } from './Body.tsx';
import { findMatches, JsonTree, PAGE } from './JsonTree.tsx';

afterEach(cleanup);

const toggle = (name: RegExp) => screen.getByRole('button', { name });
const items = () => document.querySelectorAll('.jt-node').length;

describe('JsonTree', () => {
  it('folds and unfolds objects and arrays; only expanded nodes render their children', async () => {
    render(<JsonTree value={{ user: { name: 'Ada', tags: ['a', 'b'] } }} />);
    expect(screen.queryByText('"Ada"')).toBeNull();
    await act(() => {
      fireEvent.click(toggle(/"user"/));
    });
    expect(screen.getByText('"Ada"')).toBeTruthy();
    expect(toggle(/"user"/).getAttribute('aria-expanded')).toBe('true');
    expect(screen.queryByText('"b"')).toBeNull();
    await act(() => {
      fireEvent.keyDown(toggle(/"tags"/), { key: 'ArrowRight' });
    });
    expect(screen.getByText('"b"')).toBeTruthy();
    await act(() => {
      fireEvent.keyDown(toggle(/"user"/), { key: 'ArrowLeft' });
    });
    expect(screen.queryByText('"Ada"')).toBeNull();
    expect(toggle(/"user"/).getAttribute('aria-expanded')).toBe('false');
  });

  it('renders only the first page of a 10,000-member array, and more on request', async () => {
    const big = Array.from({ length: 10_000 }, (_, i) => ({ id: i }));
    render(<JsonTree value={big} />);
    // The root plus one page of (collapsed) members.
    expect(items()).toBe(1 + PAGE);
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: /Show more/ }));
    });
    expect(items()).toBe(1 + 2 * PAGE);
    expect(screen.getByRole('button', { name: /Show more/ }).textContent).toContain(
      `${10_000 - 2 * PAGE} of 10000`,
    );
  });

  it('search counts matches and expands (and pages) the path to the current one', async () => {
    const big = Array.from({ length: 500 }, (_, i) => ({ id: i, deep: { note: `n${i}` } }));
    render(<JsonTree value={{ list: big }} />);
    await act(() => {
      fireEvent.input(screen.getByTestId('json-tree-search'), { target: { value: 'N42' } });
    });
    // n42 and n420..n429: plain substring, case-insensitive.
    expect(screen.getByTestId('json-tree-search-count').textContent).toBe('1 of 11');
    const current = document.querySelector('.jt-current')!;
    expect(current.textContent).toBe('"note": "n42"');
    expect(current.querySelector('mark')!.textContent).toBe('n42');
    await act(() => {
      fireEvent.keyDown(screen.getByTestId('json-tree-search'), { key: 'Enter' });
    });
    expect(document.querySelector('.jt-current')!.textContent).toBe('"note": "n420"');
    // Member 420 lies beyond the first page: the list was paged far enough to show it.
    expect(screen.getByTestId('json-tree-search-count').textContent).toBe('2 of 11');
  });

  it('search treats the query as text, not a pattern', async () => {
    render(<JsonTree value={{ a: 'x.*(y', b: 'xzy' }} />);
    await act(() => {
      fireEvent.input(screen.getByTestId('json-tree-search'), { target: { value: '.*(' } });
    });
    expect(screen.getByTestId('json-tree-search-count').textContent).toBe('1 of 1');
    expect(findMatches({ a: 'abc' }, 'zz')).toEqual([]);
  });

  it('renders hostile keys and markup as text', async () => {
    const value = JSON.parse(
      '{"__proto__":{"polluted":"<img src=x onerror=alert(1)>"},"constructor":"<b>x</b>","toString":1}',
    );
    render(<JsonTree value={value} />);
    await act(() => {
      fireEvent.click(toggle(/"__proto__"/));
    });
    expect(screen.getByText('"<img src=x onerror=alert(1)>"')).toBeTruthy();
    expect(screen.getByText('"<b>x</b>"')).toBeTruthy();
    expect(document.querySelector('.json-tree img, .json-tree b')).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(findMatches(value, 'polluted')).toHaveLength(1);
  });
});

describe('Body', () => {
  function show(text: string, json: unknown) {
    const store = createPanelStore({ createEngine: stubEngine });
    const t = testEnv(store, createFakePlatform().platform.storage.local, () => 0);
    render(
      <EnvContext.Provider value={t.env}>
        <Body title="Response body" text={text} json={json} />
      </EnvContext.Provider>,
    );
  }

  it('shows a JSON body as a tree and its exact text in raw mode', async () => {
    const text = '{"b": 1,\n   "a":[true, null]}';
    show(text, JSON.parse(text));
    expect(screen.getByTestId('body-response-body').className).toBe('jt-root');
    await act(() => {
      fireEvent.click(screen.getByTestId('body-response-body-raw'));
    });
    const pre = screen.getByTestId('body-response-body');
    expect(pre.tagName).toBe('PRE');
    expect(pre.textContent).toBe(text);
    await act(() => {
      fireEvent.click(screen.getByTestId('body-response-body-raw'));
    });
    expect(screen.getByTestId('body-response-body').className).toBe('jt-root');
  });

  it('keeps the text view for a body that is not JSON', () => {
    show('<html>not json</html>', undefined);
    expect(screen.getByTestId('body-response-body').textContent).toBe('<html>not json</html>');
    expect(screen.queryByTestId('body-response-body-raw')).toBeNull();
  });
});
