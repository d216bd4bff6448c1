import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkPackage,
  firefoxManifest,
  GECKO_ID,
  isShippable,
  listFiles,
  type Manifest,
  referencedAssets,
} from './package-lib.ts';

const MANIFEST: Manifest = {
  manifest_version: 3,
  name: 'API Lens',
  version: '1.0.0',
  icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
  action: { default_popup: 'src/popup/index.html' },
  devtools_page: 'src/devtools/devtools.html',
  background: { service_worker: 'service-worker-loader.js', type: 'module' },
  minimum_chrome_version: '116',
};

function build(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apilens-pkg-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const GOOD = {
  'manifest.json': JSON.stringify(MANIFEST),
  'icons/16.png': 'x',
  'icons/32.png': 'x',
  'icons/48.png': 'x',
  'icons/128.png': 'x',
  'src/popup/index.html': '<script type="module" src="/assets/popup.js"></script>',
  'src/devtools/devtools.html': '<script type="module" src="../../assets/devtools.js"></script>',
  'assets/popup.js': 'import "./chunk.js"; import { h } from "./preact.js";',
  'assets/chunk.js': '',
  'assets/preact.js': '',
  'assets/devtools.js': '',
  'service-worker-loader.js': "import './assets/bg.js';",
  'assets/bg.js': '',
};

describe('packaging', () => {
  it('accepts a build whose manifest paths and asset references all resolve', () => {
    const dir = build(GOOD);
    expect(checkPackage(dir, listFiles(dir).filter(isShippable))).toEqual([]);
  });

  it('names a manifest path or an asset that does not resolve', () => {
    const { 'icons/48.png': _icon, 'assets/chunk.js': _chunk, ...rest } = GOOD;
    const dir = build(rest);
    expect(checkPackage(dir, listFiles(dir))).toEqual([
      'manifest names icons/48.png, which is not in the package',
      'assets/popup.js refers to assets/chunk.js, which is not in the package',
    ]);
  });

  it('keeps source maps, Vite metadata, tests and sources out of the package', () => {
    for (const f of [
      'assets/a.js.map',
      '.vite/manifest.json',
      'src/x.test.ts',
      'src/core/engine.ts',
      '.DS_Store',
    ]) {
      expect(isShippable(f), f).toBe(false);
    }
    expect(isShippable('assets/a.js')).toBe(true);
    const dir = build({ ...GOOD, 'assets/popup.js.map': '{}' });
    expect(checkPackage(dir, listFiles(dir))).toEqual(['stray file assets/popup.js.map']);
  });

  it('resolves relative and absolute references, ignoring remote ones', () => {
    expect(
      referencedAssets(
        'src/a/p.html',
        '<link href="../b.css"><script src="https://x/y.js"></script><img src="/i.png">',
      ),
    ).toEqual(['src/b.css', 'i.png']);
    expect(
      referencedAssets(
        'assets/x.js',
        'import("./y.js");import{a}from"./z.js";export{}from"./w.js"',
      ),
    ).toEqual(['assets/y.js', 'assets/z.js']);
  });

  it('derives the Firefox manifest: background scripts, gecko id, no Chrome-only keys', () => {
    const ff = firefoxManifest(MANIFEST);
    expect(ff.background).toEqual({ scripts: ['service-worker-loader.js'], type: 'module' });
    expect(ff).not.toHaveProperty('minimum_chrome_version');
    expect((ff.browser_specific_settings as { gecko: { id: string } }).gecko.id).toBe(GECKO_ID);
    expect(ff.devtools_page).toBe(MANIFEST.devtools_page);
  });
});
