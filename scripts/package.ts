/**
 * `npm run package`: store-ready zips of the built extension for Chrome and Firefox, in
 * `artifacts/`. Run after `npm run build` (the npm script does both). Fails, naming the
 * problem, when a manifest path does not resolve or a stray file would ship.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import {
  checkPackage,
  firefoxManifest,
  isShippable,
  listFiles,
  type Manifest,
} from './package-lib.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const FIREFOX = join(ROOT, 'dist-firefox');
const OUT = join(ROOT, 'artifacts');

function zip(dir: string, name: string): string {
  const files = listFiles(dir).filter(isShippable);
  const problems = checkPackage(dir, files);
  if (problems.length) throw new Error(`${name}: ${problems.join('; ')}`);
  // Fixed mtime: the same build gives the same zip, byte for byte.
  const mtime = new Date('2026-01-01T00:00:00Z');
  const data = zipSync(
    Object.fromEntries(
      files.map((f) => [f, [new Uint8Array(readFileSync(join(dir, f))), { mtime }]]),
    ),
    { level: 9 },
  );
  const path = join(OUT, name);
  writeFileSync(path, data);
  console.log(`${name}: ${files.length} files, ${(data.length / 1024).toFixed(0)} KiB`);
  return path;
}

let manifest: Manifest;
try {
  manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as Manifest;
} catch {
  console.error(
    'package: dist/manifest.json is missing; run `npm run build` first (`npm run package` does).',
  );
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });
try {
  zip(DIST, `api-lens-chrome-${manifest.version}.zip`);
  rmSync(FIREFOX, { recursive: true, force: true });
  cpSync(DIST, FIREFOX, {
    recursive: true,
    filter: (src) => !src.includes(`${join(DIST, '.vite')}`),
  });
  writeFileSync(
    join(FIREFOX, 'manifest.json'),
    `${JSON.stringify(firefoxManifest(manifest), null, 2)}\n`,
  );
  zip(FIREFOX, `api-lens-firefox-${manifest.version}.zip`);
} catch (e) {
  console.error(`package: ${(e as Error).message}`);
  process.exit(1);
}

// `web-ext lint` on the Firefox build: errors and warnings both fail (the issue asks for clean).
if (process.argv.includes('--lint')) {
  const bin = join(ROOT, 'node_modules/.bin/web-ext');
  const r = spawnSync(bin, ['lint', '--source-dir', FIREFOX, '--output', 'json', '--no-input'], {
    encoding: 'utf8',
  });
  let report: {
    count?: number;
    summary?: { errors: number; warnings: number; notices: number };
    errors?: unknown[];
    warnings?: unknown[];
  };
  try {
    report = JSON.parse(r.stdout);
  } catch {
    console.error(`web-ext lint did not run: ${r.stderr || r.stdout}`);
    process.exit(1);
  }
  const { errors = 0, warnings = 0, notices = 0 } = report.summary ?? {};
  console.log(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices`);
  if (errors || warnings) {
    for (const m of [...(report.errors ?? []), ...(report.warnings ?? [])] as {
      code: string;
      message: string;
      file?: string;
    }[]) {
      console.error(`  ${m.code}: ${m.message}${m.file ? ` (${m.file})` : ''}`);
    }
    process.exit(1);
  }
}
