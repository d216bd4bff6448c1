import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_HOST_PATTERNS } from '../src/core/profiles/hosts.ts';
import { firefoxManifest, type Manifest } from './package-lib.ts';

/** manifest.json is the source of truth the build reads: it must agree with the code and npm. */
const ROOT = join(import.meta.dirname, '..');
const read = (f: string) => JSON.parse(readFileSync(join(ROOT, f), 'utf8'));
const manifest = read('manifest.json') as Manifest & { optional_host_permissions: string[] };
const CATCH_ALL = ['https://*/*', 'http://*/*'];

describe('manifest.json', () => {
  it("offers exactly the core's built-in hosts, plus the catch-alls for other APIs", () => {
    const hosts = manifest.optional_host_permissions.filter((p) => !CATCH_ALL.includes(p));
    expect(hosts).toEqual(BUILTIN_HOST_PATTERNS);
    expect(manifest.optional_host_permissions).toEqual(expect.arrayContaining(CATCH_ALL));
    // Nothing at install: hosts are only ever granted at runtime.
    expect(manifest).not.toHaveProperty('host_permissions');
  });

  it('the Firefox manifest derived from it keeps the same host patterns', () => {
    const firefox = firefoxManifest(manifest) as typeof manifest;
    expect(firefox.optional_host_permissions).toEqual(manifest.optional_host_permissions);
    expect(firefox.permissions).toEqual(manifest.permissions);
  });

  it("carries package.json's version and description", () => {
    const pkg = read('package.json') as { version: string; description: string };
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.description).toBe(pkg.description);
  });
});
