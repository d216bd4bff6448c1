import type { DevtoolsApi, Unsubscribe } from '../platform/types.ts';

/**
 * The panel follows DevTools' theme. Chrome reports "default" or "dark"; Firefox "light",
 * "dark" or "firebug" (the DevTools panels API's themeName): only "dark" is dark.
 */
export function themeOf(themeName: string): 'light' | 'dark' {
  return themeName === 'dark' ? 'dark' : 'light';
}

/** Sets `data-theme` on `root` now and whenever DevTools switches theme. */
export function followTheme(root: HTMLElement, devtools: DevtoolsApi): Unsubscribe {
  root.dataset.theme = themeOf(devtools.themeName);
  return devtools.onThemeChanged((name) => {
    root.dataset.theme = themeOf(name);
  });
}
