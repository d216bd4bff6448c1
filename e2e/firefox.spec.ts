import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { findFirefox, packageFirefox } from './support/firefox.ts';

/**
 * The Firefox build in a real Firefox (Debian's firefox-esr, headless): `web-ext run` installs
 * it as a temporary add-on, and nothing of ours may log an error while its background starts.
 * (The panel and the popup in Firefox: firefox-devtools.spec.ts, firefox-popup.spec.ts.)
 */
const ROOT = resolve(import.meta.dirname, '..');

test('the Firefox build installs in real Firefox and its background starts without an error', async () => {
  test.setTimeout(90_000);
  const firefox = findFirefox();
  packageFirefox();
  const dir = join(ROOT, 'dist-firefox');
  const child = spawn(
    join(ROOT, 'node_modules/.bin/web-ext'),
    [
      'run',
      '--source-dir',
      dir,
      `--firefox=${firefox}`,
      '--no-input',
      '--no-reload',
      '--verbose',
      '--pref',
      'devtools.console.stdout.chrome=true',
      '--pref',
      'devtools.console.stdout.content=true',
    ],
    { env: { ...process.env, MOZ_HEADLESS: '1' }, detached: true },
  );
  let log = '';
  child.stdout.on('data', (d: Buffer) => {
    log += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    log += d.toString();
  });
  try {
    const deadline = Date.now() + 60_000;
    while (!/Installed .* as a temporary add-on/.test(log)) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`web-ext did not install the add-on:\n${log.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Let the background script run and report any error it throws.
    await new Promise((r) => setTimeout(r, 3000));
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  }
  expect(log).toContain('"id":"api-lens@apilens.dev"');
  const ours = log
    .split('\n')
    .filter(
      (l) => /moz-extension:|service-worker-loader|assets\/[\w.-]+\.js/.test(l) && /error/i.test(l),
    );
  expect(ours, 'errors from the extension in Firefox').toEqual([]);
});
