import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import { chromiumArgs, findChromium } from './chromium.ts';

export const DIST = resolve(import.meta.dirname, '../../dist');

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  close(): Promise<void>;
}

/**
 * Launches Chromium with the built extension in a fresh profile. `hosts` maps real provider
 * host names to local fixture servers (`--host-resolver-rules`), so built-in profiles match
 * exactly as they would for a user.
 */
export async function launchExtension(
  opts: { hosts?: Record<string, number>; headless?: boolean; extensionDir?: string } = {},
): Promise<ExtensionSession> {
  const dir = opts.extensionDir ?? DIST;
  const profile = mkdtempSync(join(tmpdir(), 'apilens-profile-'));
  const rules = opts.hosts
    ? Object.entries(opts.hosts)
        .map(([host, port]) => `MAP ${host} 127.0.0.1:${port}`)
        .join(',')
    : undefined;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: opts.headless ?? true,
    args: chromiumArgs(dir, rules),
    ignoreHTTPSErrors: true,
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
