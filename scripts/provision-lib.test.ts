import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ensureBrowser,
  findBrowser,
  installPlan,
  nodeSystem,
  type System,
} from './provision-lib.ts';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';

/**
 * A fake machine: a set of executable paths, an /etc/os-release, a uid, and a package manager
 * whose commands are recorded; `onRun` may make an install leave a browser behind.
 */
function fakeSystem(
  opts: {
    env?: Record<string, string>;
    files?: string[];
    osRelease?: string;
    uid?: number;
    sudoWithoutPassword?: boolean;
    onRun?: (cmd: string, args: readonly string[], files: Set<string>) => number;
  } = {},
) {
  const files = new Set(opts.files ?? []);
  const events: string[] = [];
  const sys: System = {
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', ...opts.env },
    home: '/home/u',
    uid: opts.uid ?? 1000,
    isExecutable: (p) => files.has(p),
    listDir: (dir) => {
      const prefix = `${dir}/`;
      return [
        ...new Set(
          [...files]
            .filter((f) => f.startsWith(prefix))
            .map((f) => f.slice(prefix.length).split('/')[0]!),
        ),
      ];
    },
    readText: (p) => (p === '/etc/os-release' ? opts.osRelease : undefined),
    run(cmd, args, o) {
      events.push(`run ${[cmd, ...args].join(' ')}${o?.env ? ` ${JSON.stringify(o.env)}` : ''}`);
      if (cmd === 'sudo' && args[0] === '-n') return opts.sudoWithoutPassword ? 0 : 1;
      return opts.onRun ? opts.onRun(cmd, args, files) : 0;
    },
    log: (line) => events.push(`log ${line}`),
  };
  return { sys, events, files };
}

/** A package manager that installs `pkg` to /usr/bin/<pkg>. */
const aptInstalls = (_cmd: string, args: readonly string[], files: Set<string>) => {
  const i = args.indexOf('install');
  if (i >= 0) files.add(`/usr/bin/${args[args.length - 1]}`);
  return 0;
};

describe('finding a browser', () => {
  it('takes CHROMIUM_PATH first, and refuses one that points nowhere', () => {
    const { sys } = fakeSystem({
      env: { CHROMIUM_PATH: '/opt/chrome/chrome' },
      files: ['/opt/chrome/chrome', '/usr/bin/chromium'],
    });
    expect(findBrowser(sys, 'chromium')).toEqual({
      path: '/opt/chrome/chrome',
      how: 'CHROMIUM_PATH',
    });
    const bad = fakeSystem({ env: { CHROMIUM_PATH: '/nope' }, files: ['/usr/bin/chromium'] });
    expect(() => findBrowser(bad.sys, 'chromium')).toThrow(/CHROMIUM_PATH is set to \/nope/);
  });

  it('looks for Chromium, Chrome and Edge on PATH, in PATH order', () => {
    const { sys } = fakeSystem({
      files: ['/usr/bin/microsoft-edge', '/usr/local/bin/google-chrome'],
    });
    expect(findBrowser(sys, 'chromium')?.path).toBe('/usr/local/bin/google-chrome');
    const edge = fakeSystem({ files: ['/usr/bin/microsoft-edge'] });
    expect(findBrowser(edge.sys, 'chromium')?.path).toBe('/usr/bin/microsoft-edge');
  });

  it("finds the newest Chromium in Playwright's browser cache", () => {
    const cache = '/home/u/.cache/ms-playwright';
    const { sys } = fakeSystem({
      files: [
        `${cache}/chromium-999/chrome-linux/chrome`,
        `${cache}/chromium-1200/chrome-linux64/chrome`,
        `${cache}/firefox-1/firefox/firefox`,
      ],
    });
    expect(findBrowser(sys, 'chromium')).toEqual({
      path: `${cache}/chromium-1200/chrome-linux64/chrome`,
      how: 'download cache',
    });
    const moved = fakeSystem({
      env: { PLAYWRIGHT_BROWSERS_PATH: '/pw' },
      files: ['/pw/chromium-5/chrome-linux/chrome'],
    });
    expect(findBrowser(moved.sys, 'chromium')?.path).toBe('/pw/chromium-5/chrome-linux/chrome');
  });

  it('finds Firefox ESR by FIREFOX_PATH, on PATH, or in the download cache', () => {
    expect(findBrowser(fakeSystem({ files: ['/usr/bin/firefox-esr'] }).sys, 'firefox')?.path).toBe(
      '/usr/bin/firefox-esr',
    );
    const cached = '/home/u/.cache/puppeteer/firefox/linux-140.5.0esr/firefox/firefox';
    expect(findBrowser(fakeSystem({ files: [cached] }).sys, 'firefox')?.path).toBe(cached);
    expect(findBrowser(fakeSystem().sys, 'firefox')).toBeUndefined();
  });
});

describe('installing a missing browser', () => {
  it('as root on Debian: says so, then apt-get update and install, non-interactive', () => {
    const { sys, events } = fakeSystem({
      uid: 0,
      osRelease: DEBIAN,
      files: ['/usr/bin/apt-get'],
      onRun: aptInstalls,
    });
    expect(ensureBrowser(sys, 'chromium')).toEqual({ path: '/usr/bin/chromium', how: 'PATH' });
    const env = JSON.stringify({ DEBIAN_FRONTEND: 'noninteractive' });
    expect(events).toEqual([
      expect.stringMatching(
        /^log provision: no Chromium found .*installing Debian's chromium package with apt-get \(as root\)/,
      ),
      `run apt-get update -qq ${env}`,
      `run apt-get install -y -qq chromium ${env}`,
      'log provision: Chromium installed: /usr/bin/chromium',
    ]);
  });

  it('with password-less sudo: the same through sudo', () => {
    const { sys, events } = fakeSystem({
      osRelease: DEBIAN,
      files: ['/usr/bin/apt-get', '/usr/bin/sudo'],
      sudoWithoutPassword: true,
      onRun: aptInstalls,
    });
    expect(ensureBrowser(sys, 'firefox').path).toBe('/usr/bin/firefox-esr');
    expect(events.filter((e) => e.startsWith('run'))).toEqual([
      'run sudo -n true',
      'run sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq',
      'run sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr',
    ]);
  });

  it("Ubuntu's package names", () => {
    const { sys } = fakeSystem({ uid: 0, osRelease: UBUNTU, files: ['/usr/bin/apt-get'] });
    expect(installPlan(sys, 'chromium')).toEqual({
      kind: 'apt',
      pkg: 'chromium-browser',
      sudo: false,
    });
    expect(installPlan(sys, 'firefox')).toEqual({ kind: 'apt', pkg: 'firefox', sudo: false });
  });

  it('without root or password-less sudo: a download, Playwright for Chromium, Mozilla ESR for Firefox', () => {
    const { sys, events } = fakeSystem({
      osRelease: DEBIAN,
      files: ['/usr/bin/apt-get', '/usr/bin/sudo'],
      onRun: (cmd, _args, files) => {
        if (cmd === 'npx')
          files.add('/home/u/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome');
        return 0;
      },
    });
    expect(ensureBrowser(sys, 'chromium').how).toBe('download cache');
    expect(events.filter((e) => e.startsWith('run'))).toEqual([
      'run sudo -n true',
      'run npx playwright install chromium',
    ]);
    expect(installPlan(fakeSystem().sys, 'firefox')).toEqual({
      kind: 'download',
      cmd: 'npx',
      args: ['@puppeteer/browsers', 'install', 'firefox@esr', '--path', '/home/u/.cache/puppeteer'],
      what: "Mozilla's Firefox ESR",
    });
  });

  it('a failed install ends in one clear error, after saying what it tried', () => {
    const { sys, events } = fakeSystem({
      uid: 0,
      osRelease: DEBIAN,
      files: ['/usr/bin/apt-get'],
      onRun: () => 100,
    });
    expect(() => ensureBrowser(sys, 'chromium')).toThrow(
      /Could not install Chromium .*failed.*sudo apt-get install chromium.*CHROMIUM_PATH/,
    );
    expect(events[0]).toMatch(/^log provision: no Chromium found/);
    expect(events).toHaveLength(2); // the update failed: no install attempted
  });

  it('installs nothing when the browser is there', () => {
    const { sys, events } = fakeSystem({
      uid: 0,
      osRelease: DEBIAN,
      files: ['/usr/bin/apt-get', '/usr/bin/chromium'],
    });
    expect(ensureBrowser(sys, 'chromium').path).toBe('/usr/bin/chromium');
    expect(events).toEqual([]);
  });
});

describe('scripts/provision.ts on this machine, with a fake PATH and a fake package manager', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('installs what is missing through apt-get (or sudo, or the download), then finds it', () => {
    dir = mkdtempSync(join(tmpdir(), 'apilens-provision-'));
    const bin = join(dir, 'bin');
    const home = join(dir, 'home');
    const log = join(dir, 'calls.log');
    mkdirSync(bin);
    mkdirSync(home);
    // Each fake logs its call; an install leaves an executable where the real one would.
    const fake = (name: string, body: string) => {
      writeFileSync(
        join(bin, name),
        `#!/bin/sh\necho "${name} $* DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> ${log}\n${body}\n`,
      );
      chmodSync(join(bin, name), 0o755);
    };
    const browser = (path: string) =>
      `mkdir -p "$(dirname "${path}")"; printf '#!/bin/sh\\n' > "${path}"; /bin/chmod +x "${path}"`;
    fake(
      'apt-get',
      `[ "$1" = install ] && for p; do last=$p; done && ${browser(`${bin}/$last`)}\nexit 0`,
    );
    fake('sudo', '[ "$1" = -n ] && shift; exec /usr/bin/env "$@"');
    fake(
      'npx',
      `case "$*" in *playwright*) ${browser(`${home}/.cache/ms-playwright/chromium-1/chrome-linux64/chrome`)};; *firefox*) ${browser(`${home}/.cache/puppeteer/firefox/linux-esr/firefox/firefox`)};; esac`,
    );
    const env: Record<string, string> = { PATH: bin, HOME: home };
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/provision.ts', 'chromium', 'firefox'],
      {
        cwd: join(import.meta.dirname, '..'),
        env,
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    // What this machine should do, decided from its real uid and /etc/os-release.
    const sys = { ...nodeSystem(), env, home };
    const plan = installPlan(sys, 'chromium');
    if (plan.kind === 'apt') {
      const via = plan.sudo ? 'sudo DEBIAN_FRONTEND=noninteractive apt-get' : 'apt-get';
      const pkgs = [plan.pkg, (installPlan(sys, 'firefox') as { pkg: string }).pkg];
      expect(calls.filter((c) => c.startsWith(`${via} `))).toEqual(
        pkgs.flatMap((p) => [
          `${via} update -qq DEBIAN_FRONTEND=${plan.sudo ? '' : 'noninteractive'}`,
          `${via} install -y -qq ${p} DEBIAN_FRONTEND=${plan.sudo ? '' : 'noninteractive'}`,
        ]),
      );
      expect(r.stdout).toContain(`installing Debian's ${pkgs[0]} package`);
      expect(r.stdout).toContain(`provision: Chromium: ${bin}/${pkgs[0]} (PATH)`);
      expect(r.stdout).toContain(`provision: Firefox: ${bin}/${pkgs[1]} (PATH)`);
    } else {
      expect(calls.map((c) => c.split(' DEBIAN')[0])).toEqual([
        'npx playwright install chromium',
        `npx @puppeteer/browsers install firefox@esr --path ${home}/.cache/puppeteer`,
      ]);
      expect(r.stdout).toContain('(download cache)');
    }
    // "Say so first": the announcement comes before the installed browser is reported.
    expect(r.stdout.indexOf('no Chromium found')).toBeLessThan(
      r.stdout.indexOf('Chromium installed'),
    );
  });
});
