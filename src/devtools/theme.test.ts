// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createFakeDevtools } from '../platform/fake.ts';
import { followTheme, themeOf } from './theme.ts';

describe('theme', () => {
  it('is dark only for DevTools "dark" (Chrome "default", Firefox "light"/"firebug" are light)', () => {
    expect(['default', 'light', 'firebug', 'dark'].map(themeOf)).toEqual([
      'light',
      'light',
      'light',
      'dark',
    ]);
  });

  it('follows DevTools when the user switches theme', () => {
    const dt = createFakeDevtools({ themeName: 'dark' });
    const root = document.createElement('html');
    const stop = followTheme(root, dt.api);
    expect(root.dataset.theme).toBe('dark');
    dt.changeTheme('default');
    expect(root.dataset.theme).toBe('light');
    stop();
    dt.changeTheme('dark');
    expect(root.dataset.theme).toBe('light');
  });
});
