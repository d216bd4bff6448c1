import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

/**
 * Packaging rules, separated from the script so they can be tested: which build files ship,
 * that every path the manifest names resolves, and the Firefox manifest derived from Chrome's.
 */

export type Manifest = Record<string, unknown> & {
  manifest_version: number;
  version: string;
  background?: { service_worker?: string; scripts?: string[]; type?: string };
};

// Build by-products that must not reach a store: Vite's manifest, source maps, tests, dotfiles.
const STRAY = [
  /^\.vite\//,
  /\.map$/,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /(^|\/)\./,
  /\.ts$/,
  /\.tsx$/,
];

export function isShippable(path: string): boolean {
  return !STRAY.some((re) => re.test(path));
}

/** Files of a build directory, as POSIX paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/'))
    .sort();
}

/** Every file path the manifest refers to. */
export function manifestPaths(m: Manifest): string[] {
  const paths: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string') paths.push(v.replace(/^\//, ''));
  };
  const icons = (v: unknown) => {
    if (v && typeof v === 'object') for (const p of Object.values(v)) add(p);
  };
  icons(m.icons);
  const action = m.action as { default_popup?: string; default_icon?: unknown } | undefined;
  add(action?.default_popup);
  icons(action?.default_icon);
  add(m.devtools_page);
  add(m.background?.service_worker);
  for (const s of m.background?.scripts ?? []) add(s);
  for (const w of (m.web_accessible_resources as { resources?: string[] }[] | undefined) ?? []) {
    for (const r of w.resources ?? []) if (!r.includes('*')) add(r);
  }
  return paths;
}

/** Local scripts, styles and module imports an HTML or JS file refers to, resolved against it. */
export function referencedAssets(file: string, text: string): string[] {
  const dir = posix.dirname(file);
  const refs = new Set<string>();
  const re = file.endsWith('.html')
    ? /\b(?:src|href)="([^"#?]+)"/g
    : /\bimport(?:\s*\(\s*|[^'"()]*?from\s*|\s+)["']([^"']+\.js)["']/g;
  for (const m of text.matchAll(re)) {
    const ref = m[1]!;
    if (/^[a-z]+:/i.test(ref) || ref.startsWith('//')) continue;
    refs.add(ref.startsWith('/') ? ref.slice(1) : posix.normalize(posix.join(dir, ref)));
  }
  return [...refs];
}

/** Problems that would make a store reject the package or the extension fail to load. */
export function checkPackage(dir: string, files: readonly string[]): string[] {
  const have = new Set(files);
  const problems: string[] = [];
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  for (const p of manifestPaths(manifest))
    if (!have.has(p)) problems.push(`manifest names ${p}, which is not in the package`);
  for (const f of files) {
    if (!/\.(html|js)$/.test(f)) continue;
    for (const ref of referencedAssets(f, readFileSync(join(dir, f), 'utf8'))) {
      if (!have.has(ref)) problems.push(`${f} refers to ${ref}, which is not in the package`);
    }
  }
  for (const size of [16, 32, 48, 128]) {
    if (!(manifest.icons as Record<string, string> | undefined)?.[size])
      problems.push(`no ${size}px icon`);
  }
  for (const f of files) if (!isShippable(f)) problems.push(`stray file ${f}`);
  return problems;
}

export const GECKO_ID = 'api-lens@apilens.dev';

/**
 * Firefox's MV3 differences (TOOLCHAIN.md, MDN): background scripts instead of a service worker,
 * a gecko id, and the data-collection declaration Firefox asks new add-ons for (none here:
 * nothing leaves the browser). Chrome-only keys are dropped.
 */
export function firefoxManifest(chrome: Manifest): Manifest {
  const { minimum_chrome_version: _min, background, ...rest } = chrome;
  return {
    ...rest,
    background: {
      scripts: [background?.service_worker ?? 'service-worker-loader.js'],
      type: 'module',
    },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // 140: the first Firefox with data_collection_permissions (142 on Android).
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  };
}
