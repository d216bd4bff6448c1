// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakePlatform } from '../../platform/fake.ts';
import { EnvContext } from '../context.ts';
import { createPanelStore } from '../store.ts';
import { harEntry, stubEngine, testEnv } from '../test-support.ts';
import { FilterBar } from './FilterBar.tsx';
import { RequestList, ROW_HEIGHT } from './RequestList.tsx';

afterEach(cleanup);

function setup(n: number) {
  const store = createPanelStore({ createEngine: stubEngine }, { maxEntries: n });
  for (let i = 0; i < n; i++) {
    const status = i % 10 === 0 ? 429 : 200;
    store.ingest(
      harEntry({
        url: `https://api.example.com/items/${i}`,
        status,
        body: status === 429 ? '{"error":"Too many requests"}' : '{}',
      }),
      undefined,
      'captured',
    );
  }
  const { env } = testEnv(store, createFakePlatform().platform.storage.local);
  const view = render(
    <EnvContext.Provider value={env}>
      <FilterBar focusSignal={0} />
      <RequestList />
    </EnvContext.Provider>,
  );
  return { store, view };
}

const domRows = (c: Element) => c.querySelectorAll<HTMLElement>('.row');

describe('RequestList', () => {
  it('renders only a window of 20,000 rows, and the window follows the scroll', async () => {
    const { view } = setup(20_000);
    const rows = domRows(view.container);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(100);
    const body = view.container.querySelector('.list-body') as HTMLDivElement;
    // happy-dom has no layout, so scrollTop is set as the browser would report it.
    Object.defineProperty(body, 'scrollTop', { value: 10_000 * ROW_HEIGHT, configurable: true });
    await act(() => {
      fireEvent.scroll(body);
    });
    const shown = [...domRows(view.container)].map((r) => r.textContent ?? '');
    expect(shown.some((t) => t.includes('/items/10000'))).toBe(true);
    expect(shown.some((t) => t.includes('/items/0'))).toBe(false);
  });

  it('shows method, path, status, decoded message and verdict in a row', () => {
    const { view } = setup(1);
    const row = domRows(view.container)[0]!;
    expect(row.querySelector('.c-method')!.textContent).toBe('GET');
    expect(row.querySelector('.c-url')!.textContent).toBe('api.example.com/items/0');
    expect(row.querySelector('.c-status')!.className).toContain('s4');
    expect(row.querySelector('.c-message')!.textContent).toBe('Too many requests');
    expect(row.querySelector('.c-verdict')!.textContent).toBe('fix');
  });

  it('filters from the filter bar and says when nothing matches', async () => {
    const { view } = setup(30);
    const input = screen.getByLabelText('Filter requests');
    await act(() => {
      fireEvent.input(input, { target: { value: 'status-code:429' } });
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(view.container.querySelector('.list')!.getAttribute('data-count')).toBe('3');
    await act(() => {
      fireEvent.input(input, { target: { value: 'nothing-like-this' } });
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByText('No request matches the filter.')).toBeTruthy();
  });

  it('suggests filter keys and values as you type; Tab accepts', async () => {
    const { view } = setup(12);
    const input = screen.getByLabelText('Filter requests') as HTMLInputElement;
    input.focus();
    await act(() => {
      fireEvent.input(input, { target: { value: 'status' } });
    });
    const options = () =>
      [...screen.queryAllByRole('option')].map((o) => o.getAttribute('data-value'));
    expect(options()).toEqual(['status-code:']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    await act(() => {
      fireEvent.keyDown(input, { key: 'Tab' });
    });
    expect(input.value).toBe('status-code:');
    expect(options()).toEqual(['status-code:200', 'status-code:429']);
    await act(() => {
      fireEvent.keyDown(input, { key: 'ArrowDown' });
    });
    await act(() => {
      fireEvent.keyDown(input, { key: 'Enter' });
    });
    expect(input.value).toBe('status-code:429 ');
    await new Promise((r) => setTimeout(r, 20));
    expect(view.container.querySelector('.list')!.getAttribute('data-count')).toBe('2');
  });

  it('shows a bad regex as a filter error instead of throwing', async () => {
    setup(2);
    const input = screen.getByLabelText('Filter requests');
    await act(() => {
      fireEvent.input(input, { target: { value: '/(unclosed/' } });
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByRole('alert').textContent).toMatch(/regex|regular expression/i);
  });

  it('sorts by a column header and opens a row on a single click', async () => {
    const { store, view } = setup(12);
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: /Status/ }));
    });
    await act(() => {
      fireEvent.click(screen.getByRole('button', { name: /Status/ }));
    });
    await new Promise((r) => setTimeout(r, 20));
    const first = domRows(view.container)[0]!;
    expect(first.querySelector('.c-status')!.textContent).toBe('429');
    await act(() => {
      fireEvent.click(first);
    });
    expect(store.getState().selectedId).toBe(Number(first.getAttribute('data-row-id')));
    expect(store.getState().detailOpen).toBe(true);
  });

  it('is an ARIA grid: rows with indexes, one tab stop, selection by arrows, Home/End, PageUp/PageDown', async () => {
    const { store, view } = setup(100);
    const grid = screen.getByRole('grid', { name: 'Requests' });
    expect(grid.getAttribute('aria-rowcount')).toBe('101');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toContain('Status');
    const rows = () => [...domRows(view.container)];
    expect(rows().filter((r) => r.tabIndex === 0)).toHaveLength(1);
    const press = async (key: string) => {
      const focused = (document.activeElement?.closest('.row') as HTMLElement) ?? rows()[0]!;
      await act(() => {
        fireEvent.keyDown(focused, { key });
      });
      await new Promise((r) => setTimeout(r, 20));
    };
    const selectedIndex = () =>
      store.visibleRows().findIndex((r) => r.id === store.getState().selectedId);
    await press('ArrowDown');
    expect(selectedIndex()).toBe(0);
    await press('ArrowDown');
    expect(selectedIndex()).toBe(1);
    const focused = document.activeElement as HTMLElement;
    expect(focused.getAttribute('role')).toBe('row');
    expect(focused.getAttribute('aria-selected')).toBe('true');
    expect(focused.getAttribute('aria-rowindex')).toBe('3');
    await press('End');
    expect(selectedIndex()).toBe(99);
    await press('Home');
    expect(selectedIndex()).toBe(0);
    await press('PageDown');
    const page = selectedIndex();
    expect(page).toBeGreaterThan(5);
    await press('PageDown');
    expect(selectedIndex()).toBe(2 * page);
    await press('PageUp');
    expect(selectedIndex()).toBe(page);
    await press('ArrowUp');
    expect(selectedIndex()).toBe(page - 1);
    expect(store.getState().detailOpen).toBe(false);
    await press('Enter');
    expect(store.getState().detailOpen).toBe(true);
  });

  it('hides a column from the header context menu and keeps the URL column', async () => {
    const { store, view } = setup(3);
    await act(() => {
      fireEvent.contextMenu(view.container.querySelector('.list-head')!);
    });
    const menu = screen.getByRole('menu', { name: 'Columns' });
    const items = [...menu.querySelectorAll('[role="menuitemcheckbox"]')];
    expect(items.map((i) => i.getAttribute('data-column'))).not.toContain('url');
    await act(() => {
      fireEvent.click(menu.querySelector('[data-column="profile"]')!);
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().columns.hidden).toEqual(['profile']);
    expect(view.container.querySelector('.row .c-profile')).toBeNull();
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).not.toContain('Profile');
  });

  it('resizes a column by dragging its header edge', async () => {
    const { store, view } = setup(3);
    const handle = view.container.querySelector('[data-testid="resize-message"]')!;
    await act(() => {
      fireEvent.pointerDown(handle, { clientX: 100 });
      fireEvent.pointerMove(document, { clientX: 160 });
      fireEvent.pointerUp(document, { clientX: 160 });
    });
    await new Promise((r) => setTimeout(r, 20));
    const w = store.getState().columns.widths.message;
    expect(w).toBeGreaterThanOrEqual(60);
    expect(
      (view.container.querySelector('.row') as HTMLElement).style.gridTemplateColumns,
    ).toContain(`${w}px`);
  });

  it('shows a browser hint while nothing was captured', () => {
    const store = createPanelStore(
      { createEngine: stubEngine },
      { emptyHint: 'Open the Network panel once.' },
    );
    const { env } = testEnv(store, createFakePlatform().platform.storage.local);
    render(
      <EnvContext.Provider value={env}>
        <RequestList />
      </EnvContext.Provider>,
    );
    expect(screen.getByTestId('list-empty').textContent).toContain('Open the Network panel once.');
  });
});
