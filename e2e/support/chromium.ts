import { findBrowser, nodeSystem } from '../../scripts/provision-lib.ts';

/**
 * The Chromium the tests and the demo use: CHROMIUM_PATH, a Chrome/Chromium/Edge on PATH, or
 * Playwright's cache (scripts/provision-lib.ts). `npm start` and `npm test` install one first when
 * there is none; run directly, a missing browser is a loud failure, never a silent skip.
 */
export function findChromium(): string {
  const found = findBrowser(nodeSystem(), 'chromium');
  if (found) return found.path;
  throw new Error(
    "No Chromium found (CHROMIUM_PATH, chromium/google-chrome/microsoft-edge on PATH, Playwright's cache).\n" +
      '  `npm run provision` installs one (Debian: apt-get install chromium), or set CHROMIUM_PATH.',
  );
}

/** Flags for a headless, network-isolated Chromium (TOOLCHAIN.md "Browser"). */
export function chromiumArgs(extensionDir: string, hostRules?: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    ...isolatedChromiumArgs(hostRules),
  ];
}

/** The same flags without an extension (scripts that only record traffic). */
export function isolatedChromiumArgs(hostRules?: string): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-dev-shm-usage',
    ...(hostRules ? [`--host-resolver-rules=${hostRules}`] : []),
  ];
}
