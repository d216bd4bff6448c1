import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

// `npm start` without a display: the headless demo plays every scenario and writes screenshots
// and the annotated HAR. Here it runs for real, on an ephemeral port, into a temporary folder.
const ROOT = resolve(import.meta.dirname, '..');

/** Distinct byte values in a PNG's decompressed pixel data: a blank image has only a handful. */
function pngVariety(file: string): { width: number; height: number; distinct: number } {
  const buf = readFileSync(file);
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  for (let at = 8; at < buf.length; ) {
    const len = buf.readUInt32BE(at);
    const type = buf.subarray(at + 4, at + 8).toString('latin1');
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const pixels = inflateSync(Buffer.concat(idat));
  return { width, height, distinct: new Set(pixels).size };
}

test('the headless demo writes non-blank screenshots of the panel and popup, and the annotated HAR', () => {
  const out = mkdtempSync(join(tmpdir(), 'apilens-demo-'));
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/demo.mts', '--headless', '--port', '0', '--out', out],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
    },
  );
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain(`wrote to ${out}`);
  for (const name of ['panel-list', 'panel-detail', 'panel-rate', 'panel-groups', 'popup']) {
    const file = join(out, `${name}.png`);
    expect(statSync(file).size, name).toBeGreaterThan(5_000);
    const png = pngVariety(file);
    expect(png.width, name).toBeGreaterThan(300);
    expect(png.distinct, `${name} looks blank`).toBeGreaterThan(40);
  }
  const har = JSON.parse(readFileSync(join(out, 'apilens-demo.har'), 'utf8'));
  expect(har.log._apiLens).toMatchObject({ v: 1, redacted: true });
  expect(har.log.entries.length).toBeGreaterThan(100);
  const profiles = new Set(
    har.log.entries.map((e: { _apiLens: { profile: string } }) => e._apiLens.profile),
  );
  for (const p of ['aurora', 'neo4j-aura', 'hal-problem', 'evrythng'])
    expect(profiles).toContain(p);
});

test('the demo says clearly when its port is taken', async () => {
  const { createServer } = await import('node:net');
  const blocker = createServer();
  await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
  const port = (blocker.address() as { port: number }).port;
  try {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/demo.mts', '--headless', '--port', String(port)],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`demo: port ${port} is already in use; pass --port or free it`);
  } finally {
    blocker.close();
  }
});

test('the demo says clearly when no Chromium is found', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.mts', '--headless'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('demo: CHROMIUM_PATH is set to /nonexistent/chromium');
});
