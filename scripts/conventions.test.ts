import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Meta-tests that keep the architecture's rules true as the code grows (refined-github style). */
const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(ts|tsx)$/.test(d.name))
    .map((d) => relative(ROOT, join(d.parentPath, d.name)));
}
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
/** Source without comments, so prose that names an API (e.g. "chrome.action") is not a use of it. */
const code = (file: string) =>
  read(file)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
const isTest = (f: string) => /\.test\.tsx?$/.test(f);

describe('architecture conventions', () => {
  it('only src/platform touches webextension-polyfill or chrome.* / browser.*', () => {
    const offenders = sources('src')
      .filter((f) => !f.startsWith('src/platform/') && !isTest(f))
      .filter((f) =>
        /from 'webextension-polyfill'|\bchrome\.[a-z]|\bbrowser\.[a-z]+\./.test(code(f)),
      );
    expect(offenders).toEqual([]);
  });

  it('src/core imports nothing from the UI, the platform or Node built-ins', () => {
    const offenders = sources('src/core')
      .filter((f) => !isTest(f))
      .filter((f) =>
        /from '(preact[^']*|webextension-polyfill|node:[^']+|\.\.\/\.\.\/(platform|devtools|popup|background|cli)[^']*)'/.test(
          read(f),
        ),
      );
    expect(offenders).toEqual([]);
  });

  it('background, devtools and popup never import one another (what they share lives below them)', () => {
    const FACES = ['background', 'devtools', 'popup'];
    const offenders: string[] = [];
    for (const face of FACES) {
      for (const f of sources(`src/${face}`).filter((f) => !isTest(f))) {
        // Static, dynamic and type-only imports and re-exports alike, resolved against the file.
        for (const m of code(f).matchAll(/\b(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
          const target = relative(ROOT, join(ROOT, f, '..', m[1]!))
            .split('\\')
            .join('/');
          const other = FACES.find((o) => o !== face && target.startsWith(`src/${o}/`));
          if (other) offenders.push(`${f} imports ${target}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('network text is never rendered as HTML', () => {
    const offenders = sources('src').filter((f) =>
      /dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML/.test(read(f)),
    );
    expect(offenders).toEqual([]);
  });

  it('time is injected in src/core: no Date.now() or new Date() without an argument', () => {
    const offenders = sources('src/core')
      .filter((f) => !isTest(f))
      .filter((f) => /Date\.now\(\)|new Date\(\)/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('a module holds one job: none in src grows past 330 lines (tests and their fixtures aside)', () => {
    // A module is split near 300 lines, or sooner when it takes on a second job; 330 leaves
    // room for a comment, not for a feature.
    const offenders = sources('src')
      .filter((f) => !isTest(f) && !/(^|\/)test-[^/]+$/.test(f))
      .map((f) => ({ f, lines: read(f).split('\n').length - 1 }))
      .filter(({ lines }) => lines > 330)
      .map(({ f, lines }) => `${f}: ${lines} lines`);
    expect(offenders).toEqual([]);
  });

  it('LICENSE is the MIT licence package.json declares', () => {
    const pkg = JSON.parse(read('package.json')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(
      /^MIT License\n\nCopyright \(c\) \d{4} API Lens contributors\n/,
    );
    expect(read('LICENSE')).toContain(
      'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND',
    );
  });

  it('every dependency with an install script has a decision in allowScripts (npm ci stays quiet)', () => {
    const pkg = JSON.parse(read('package.json')) as { allowScripts?: Record<string, boolean> };
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { hasInstallScript?: boolean; version?: string }>;
    };
    const undecided = Object.entries(lock.packages)
      .filter(([path, p]) => path && p.hasInstallScript)
      .map(([path, p]) => ({
        name: path.slice(path.lastIndexOf('node_modules/') + 13),
        version: p.version,
      }))
      .filter(
        ({ name, version }) =>
          !(name in (pkg.allowScripts ?? {}) || `${name}@${version}` in (pkg.allowScripts ?? {})),
      )
      .map(({ name, version }) => `${name}@${version}`);
    expect(undecided).toEqual([]);
  });

  it('the version written into exported files is the package version', async () => {
    const pkg = JSON.parse(read('package.json')) as { version: string };
    const { VERSION } = await import('../src/core/version.ts');
    expect(VERSION).toBe(pkg.version);
  });
});
