import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * Finds the browsers `npm start` and `npm test` need, and installs a missing one, saying so
 * first: Debian's package through apt-get as root or with password-less sudo, otherwise a
 * download on a machine with internet. Everything outside is injected (`System`), so the
 * decisions are tested against a fake PATH and a fake package manager (provision-lib.test.ts).
 */
export interface System {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** The effective user id (undefined where there is none, e.g. Windows). */
  uid: number | undefined;
  isExecutable(path: string): boolean;
  /** Entry names of a directory; [] when it does not exist. */
  listDir(path: string): string[];
  readText(path: string): string | undefined;
  /** Runs a command to completion, its output shown unless `quiet`; returns the exit status. */
  run(
    cmd: string,
    args: readonly string[],
    opts?: { env?: Record<string, string>; quiet?: boolean },
  ): number;
  log(line: string): void;
}

export type BrowserName = 'chromium' | 'firefox';

interface BrowserSpec {
  label: string;
  envVar: string;
  /** Executable names looked up on PATH, in order. */
  names: readonly string[];
  /** Debian's package, and Ubuntu's. */
  apt: { debian: string; ubuntu: string };
  /** The download for machines without apt. */
  download: { cmd: string; args: readonly string[]; what: string };
  /** Executables a download leaves in the user's cache. */
  cached(sys: System): string[];
}

const playwrightCache = (sys: System) =>
  sys.env.PLAYWRIGHT_BROWSERS_PATH || join(sys.home, '.cache', 'ms-playwright');
const puppeteerCache = (sys: System) => join(sys.home, '.cache', 'puppeteer');

/** Newest first: cache folders are named by revision or version (chromium-1200, linux-140.0esr). */
function newestFirst(names: string[]): string[] {
  return [...names].sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
}

export const BROWSERS: Record<BrowserName, BrowserSpec> = {
  chromium: {
    label: 'Chromium',
    envVar: 'CHROMIUM_PATH',
    names: [
      'chromium',
      'chromium-browser',
      'google-chrome',
      'google-chrome-stable',
      'chrome',
      'microsoft-edge',
      'microsoft-edge-stable',
    ],
    apt: { debian: 'chromium', ubuntu: 'chromium-browser' },
    download: {
      cmd: 'npx',
      args: ['playwright', 'install', 'chromium'],
      what: "Playwright's Chromium",
    },
    // Playwright's layout: <cache>/chromium-<revision>/chrome-linux{,64}/chrome.
    cached: (sys) => {
      const root = playwrightCache(sys);
      return newestFirst(sys.listDir(root).filter((d) => /^chromium-\d+$/.test(d))).flatMap((d) =>
        ['chrome-linux64', 'chrome-linux'].map((sub) => join(root, d, sub, 'chrome')),
      );
    },
  },
  firefox: {
    label: 'Firefox',
    envVar: 'FIREFOX_PATH',
    names: ['firefox-esr', 'firefox'],
    apt: { debian: 'firefox-esr', ubuntu: 'firefox' },
    // Mozilla's own ESR build (Playwright's Firefox is patched and has no WebDriver BiDi we use).
    download: {
      cmd: 'npx',
      args: ['@puppeteer/browsers', 'install', 'firefox@esr', '--path', '<puppeteer-cache>'],
      what: "Mozilla's Firefox ESR",
    },
    // @puppeteer/browsers' layout: <cache>/firefox/<platform>-<version>/firefox/firefox.
    cached: (sys) => {
      const root = join(puppeteerCache(sys), 'firefox');
      return newestFirst(sys.listDir(root)).map((d) => join(root, d, 'firefox', 'firefox'));
    },
  },
};

export type Found = { path: string; how: string };

/** The browser already on this machine, or undefined. A set but wrong env var is an error. */
export function findBrowser(sys: System, name: BrowserName): Found | undefined {
  const spec = BROWSERS[name];
  const fromEnv = sys.env[spec.envVar];
  if (fromEnv) {
    if (sys.isExecutable(fromEnv)) return { path: fromEnv, how: spec.envVar };
    throw new Error(`${spec.envVar} is set to ${fromEnv}, but no executable is there.`);
  }
  const dirs = (sys.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const n of spec.names) {
    for (const d of dirs) {
      const p = join(d, n);
      if (sys.isExecutable(p)) return { path: p, how: 'PATH' };
    }
  }
  const cached = spec.cached(sys).find((p) => sys.isExecutable(p));
  return cached ? { path: cached, how: 'download cache' } : undefined;
}

export type Plan =
  | { kind: 'apt'; pkg: string; sudo: boolean }
  | { kind: 'download'; cmd: string; args: string[]; what: string };

function distro(sys: System): 'debian' | 'ubuntu' | undefined {
  const text = sys.readText('/etc/os-release') ?? '';
  const ids = /^ID(?:_LIKE)?=.*$/gm;
  const values = (text.match(ids) ?? []).join(' ').toLowerCase();
  if (/\bubuntu\b/.test(values)) return 'ubuntu';
  if (/\bdebian\b/.test(values)) return 'debian';
  return undefined;
}

function onPath(sys: System, name: string): boolean {
  return (sys.env.PATH ?? '').split(delimiter).some((d) => d && sys.isExecutable(join(d, name)));
}

/** How to install a missing browser here (the order: root apt, sudo apt, download). */
export function installPlan(sys: System, name: BrowserName): Plan {
  const spec = BROWSERS[name];
  const os = distro(sys);
  if (os && onPath(sys, 'apt-get')) {
    const pkg = spec.apt[os];
    if (sys.uid === 0) return { kind: 'apt', pkg, sudo: false };
    // -n: never prompt; a sudo that would ask for a password fails here instead.
    if (onPath(sys, 'sudo') && sys.run('sudo', ['-n', 'true'], { quiet: true }) === 0)
      return { kind: 'apt', pkg, sudo: true };
  }
  return {
    kind: 'download',
    cmd: spec.download.cmd,
    args: spec.download.args.map((a) => (a === '<puppeteer-cache>' ? puppeteerCache(sys) : a)),
    what: spec.download.what,
  };
}

function describe(plan: Plan): string {
  if (plan.kind === 'apt')
    return `Debian's ${plan.pkg} package with ${plan.sudo ? 'sudo apt-get' : 'apt-get (as root)'}`;
  return `${plan.what} (${[plan.cmd, ...plan.args].join(' ')}; needs internet)`;
}

/** Finds the browser, or installs it (announcing how first) and finds it again. */
export function ensureBrowser(sys: System, name: BrowserName): Found {
  const found = findBrowser(sys, name);
  if (found) return found;
  const spec = BROWSERS[name];
  const plan = installPlan(sys, name);
  sys.log(
    `provision: no ${spec.label} found (${spec.envVar}, ${spec.names.join('/')} on PATH, the download cache); installing ${describe(plan)}`,
  );
  let ok: boolean;
  if (plan.kind === 'apt') {
    // sudo resets the environment but accepts VAR=value before the command.
    const apt = (...args: string[]) =>
      plan.sudo
        ? sys.run('sudo', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args])
        : sys.run('apt-get', args, { env: { DEBIAN_FRONTEND: 'noninteractive' } });
    ok = apt('update', '-qq') === 0 && apt('install', '-y', '-qq', plan.pkg) === 0;
  } else {
    ok = sys.run(plan.cmd, plan.args) === 0;
  }
  const after = ok ? findBrowser(sys, name) : undefined;
  if (after) {
    sys.log(`provision: ${spec.label} installed: ${after.path}`);
    return after;
  }
  throw new Error(
    `Could not install ${spec.label} (${describe(plan)} ${ok ? 'ran, but no browser appeared' : 'failed'}). ` +
      `Install it yourself (Debian/Ubuntu: sudo apt-get install ${spec.apt.debian}) or set ${spec.envVar}.`,
  );
}

/** This machine. */
export function nodeSystem(): System {
  return {
    env: process.env,
    home: homedir(),
    uid: process.getuid?.(),
    isExecutable(path) {
      try {
        accessSync(path, constants.X_OK);
        return statSync(path).isFile();
      } catch {
        return false;
      }
    },
    listDir(path) {
      try {
        return readdirSync(path);
      } catch {
        return [];
      }
    },
    readText(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    run(cmd, args, opts = {}) {
      const r = spawnSync(cmd, args, {
        stdio: opts.quiet ? 'ignore' : ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, ...opts.env },
      });
      return r.status ?? 1;
    },
    log: (line) => console.log(line),
  };
}
