import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { isShippable, manifestPaths, referencedAssets } from '../scripts/package-lib.ts';

// `npm run package` on the real build: both zips are store-ready, and Mozilla's linter is clean.
const ROOT = resolve(import.meta.dirname, '..');
const version = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

test.describe.configure({ mode: 'serial' });

test('packages Chrome and Firefox zips, and web-ext lint passes with no warning', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/package.ts', '--lint'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(r.stderr.replace(/npm warn.*\n/g, '')).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('web-ext lint: 0 errors, 0 warnings');
});

for (const browser of ['chrome', 'firefox'] as const) {
  test(`the ${browser} zip: manifest paths resolve, assets resolve, no stray files`, () => {
    const files = unzipSync(
      new Uint8Array(readFileSync(join(ROOT, 'artifacts', `api-lens-${browser}-${version}.zip`))),
    );
    const names = Object.keys(files);
    const text = (n: string) => new TextDecoder().decode(files[n]);
    const manifest = JSON.parse(text('manifest.json'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.version).toBe(version);
    for (const p of manifestPaths(manifest)) expect(names, `manifest names ${p}`).toContain(p);
    for (const n of names.filter((f) => /\.(html|js)$/.test(f))) {
      for (const ref of referencedAssets(n, text(n))) expect(names, `${n} → ${ref}`).toContain(ref);
    }
    expect(names.filter((n) => !isShippable(n))).toEqual([]);
    expect(names.some((n) => n.endsWith('.map'))).toBe(false);
    for (const size of ['16', '32', '48', '128']) expect(names).toContain(manifest.icons[size]);
    if (browser === 'firefox') {
      expect(manifest.background.scripts).toHaveLength(1);
      expect(manifest.browser_specific_settings.gecko.id).toMatch(/@/);
    } else {
      expect(manifest.background.service_worker).toBeTruthy();
      // Least privilege: no install-time host access.
      expect(manifest.host_permissions ?? []).toEqual([]);
    }
  });
}
