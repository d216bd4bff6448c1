import { existsSync } from 'node:fs';

/**
 * Playwright cannot download its own browsers on our machines, so we use a system Chromium
 * (Debian's `chromium` package). `.ci/run` installs it when missing; elsewhere a missing
 * browser is a loud failure with instructions, never a silent skip.
 */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    'No Chromium found. API Lens tests and the demo need a real Chromium:\n' +
      '  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium\n' +
      '  elsewhere:     set CHROMIUM_PATH=/path/to/chromium (or Google Chrome)\n' +
      `Looked in: ${CANDIDATES.join(', ')}`,
  );
}

/** Flags for a headless, network-isolated Chromium (TOOLCHAIN.md "Browser"). */
export function chromiumArgs(extensionDir: string, hostRules?: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
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
