/**
 * `npm run bench`: throughput and memory as ratios against baselines measured in the same run
 * (the machines are shared and noisy, so absolute times mean little; ratios travel).
 *
 * 1. annotate throughput over a ~100k-entry HAR vs. plain JSON.parse of the same bodies.
 * 2. CLI `annotate` wall time and peak RSS on a ~200 MB HAR vs. read+parse+stringify+write.
 * 3. CLI `annotate` streaming a ~2 GB HAR (generated streaming into a temp dir, deleted after):
 *    MB/s against the JSON.parse + JSON.stringify MB/s of (2) (goal: ratio ≥ 1.00), and its
 *    peak RSS against the 400 MiB goal. BENCH_BIG_GB=0 skips it.
 * The last line is `annotate/parse: X.XX` (goal ≤ 1.3).
 *
 * Times are CPU time (user + system, GC threads included: process.cpuUsage here, resourceUsage
 * of each child), with wall-clock beside: on the shared two-core machine (load 5–15) wall time
 * mostly measures the other processes. The verdicts use CPU time, except the 2 GB throughput:
 * `annotate` runs on worker threads, one per core, so what it achieves is wall-clock MB/s (its
 * CPU-time MB/s is printed beside). The load average is printed with each run.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Entry } from 'har-format';
import { createEngine } from '../src/core/engine.ts';
import { generateHar } from './generate.ts';
import { measure, median } from './measure.ts';
import { openapiBench } from './openapi.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const BIG_MB = Number(process.env.BENCH_CLI_MB ?? 200);
const HUGE_GB = Number(process.env.BENCH_BIG_GB ?? 2);
const RSS_GOAL_MIB = 400;
const ROUNDS = 5;

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

function parseBodies(entries: readonly Entry[]): number {
  let n = 0;
  for (const e of entries) {
    const text = e.response.content.text;
    if (!text) continue;
    try {
      JSON.parse(text);
    } catch {
      // HTML and other text bodies: the parse attempt is the baseline's cost too
    }
    n++;
  }
  return n;
}

function annotateAll(entries: readonly Entry[]): number {
  const engine = createEngine();
  let n = 0;
  for (const e of entries) if (engine.annotate(e).v === 1) n++;
  return n;
}

function throughput() {
  const har = generateHar(ENTRIES, 7);
  const entries = har.log.entries;
  const bytes = entries.reduce((s, e) => s + (e.response.content.text?.length ?? 0), 0);
  console.log(`HAR: ${entries.length} entries, ${(bytes / 1e6).toFixed(1)} MB of bodies`);
  // Warm up both paths (JIT), then alternate rounds so drift hits both alike.
  parseBodies(entries.slice(0, 5000));
  annotateAll(entries.slice(0, 5000));
  const parse: { cpu: number; wall: number }[] = [];
  const annotate: { cpu: number; wall: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    parse.push(measure(() => parseBodies(entries)));
    annotate.push(measure(() => annotateAll(entries)));
  }
  const p = median(parse.map((x) => x.cpu));
  const a = median(annotate.map((x) => x.cpu));
  const wall = median(annotate.map((x) => x.wall)) / median(parse.map((x) => x.wall));
  console.log(
    `JSON.parse of bodies: ${(entries.length / (p / 1000)).toFixed(0)} entries/s (median of ${ROUNDS}, ${p.toFixed(0)} ms CPU)`,
  );
  console.log(
    `annotate:             ${(entries.length / (a / 1000)).toFixed(0)} entries/s (median of ${ROUNDS}, ${a.toFixed(0)} ms CPU)`,
  );
  console.log(`annotate/parse, wall-clock: ${wall.toFixed(2)}`);
  return a / p;
}

/**
 * `runChild` `runs` times, writing `out`; the run with the median (or least) wall time. Before each, dirty pages are
 * flushed (`sync`): the bench's own multi-gigabyte setup writes would otherwise throttle the
 * measured run's writes (on this VM, writing 2 GB into the page cache took 2.8 to 7.9 s).
 */
function timed(
  args: string[],
  out: string,
  runs = 1,
  pick: 'median' | 'fastest' = 'median',
): { ms: number; cpuMs: number; rssMiB: number } {
  const all = Array.from({ length: runs }, () => {
    // A new file each time: replacing or truncating one makes ext4 flush it first.
    rmSync(out, { force: true });
    spawnSync('sync');
    return runChild(args);
  });
  all.sort((a, b) => a.ms - b.ms);
  if (runs > 1)
    console.log(`  (${runs} runs: ${all.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s wall)`);
  return all[pick === 'fastest' ? 0 : Math.floor(runs / 2)]!;
}

function runChild(args: string[]): { ms: number; cpuMs: number; rssMiB: number } {
  const dir = mkdtempSync(join(tmpdir(), 'apilens-rss-'));
  const rssFile = join(dir, 'rss');
  const fd = openSync(rssFile, 'w');
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', '-r', join(ROOT, 'bench/rss.cjs'), ...args],
    {
      stdio: ['ignore', 'ignore', 'pipe', fd],
    },
  );
  const ms = performance.now() - t;
  closeSync(fd);
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr.toString()}`);
  const [rssKiB, cpuMicros] = readFileSync(rssFile, 'utf8').trim().split(' ').map(Number);
  rmSync(dir, { recursive: true, force: true });
  return { ms, cpuMs: cpuMicros! / 1000, rssMiB: rssKiB! / 1024 };
}

function cli() {
  const cliPath = join(ROOT, 'dist-cli/apilens.js');
  try {
    statSync(cliPath);
  } catch {
    throw new Error(
      'dist-cli/apilens.js is missing: run `npm run build` first (npm run bench does).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'apilens-bench-'));
  try {
    const input = join(dir, 'big.har');
    // Grow the synthetic HAR until it reaches the target size.
    let n = 20_000;
    let text = '';
    // Size is linear in the entry count: rescale until within 10% of the target.
    for (let tries = 0; tries < 4; tries++) {
      text = JSON.stringify(generateHar(n, 11, 3));
      if (Math.abs(text.length / (BIG_MB * 1e6) - 1) <= 0.1) break;
      n = Math.max(1000, Math.round((n * BIG_MB * 1e6) / text.length));
    }
    writeFileSync(input, text);
    text = '';
    const size = statSync(input).size / 1e6;
    console.log(`\nCLI on a ${size.toFixed(0)} MB HAR (${n} entries):`);
    // A 2-3 s run varies by ±30% on this VM: the baseline is the fastest of five (the strictest
    // for the goals measured against it), annotate the median of three.
    const out = join(dir, 'out.har');
    const base = timed([join(ROOT, 'bench/baseline-rw.cjs'), input, out], out, 5, 'fastest');
    const run = timed([cliPath, 'annotate', input, '-o', out], out, 3);
    const one = timed([cliPath, 'annotate', input, '-o', out, '--threads', '0'], out);
    const line = (what: string, r: { ms: number; cpuMs: number; rssMiB: number }) =>
      console.log(
        `${what} ${(r.cpuMs / 1000).toFixed(1)} s CPU (${(r.ms / 1000).toFixed(1)} s wall), peak RSS ${r.rssMiB.toFixed(0)} MiB; load ${load()}`,
      );
    line('read+parse+stringify+write:', base);
    line('apilens annotate:          ', run);
    line('apilens annotate --threads 0:', one);
    console.log(
      `cli/baseline CPU time: ${(run.cpuMs / base.cpuMs).toFixed(2)} (wall ${(run.ms / base.ms).toFixed(2)})  memory: ${(run.rssMiB / base.rssMiB).toFixed(2)}`,
    );
    const baseMBs = { cpu: size / (base.cpuMs / 1000), wall: size / (base.ms / 1000) };
    console.log(
      `JSON.parse + JSON.stringify on ${size.toFixed(0)} MB: ${baseMBs.cpu.toFixed(1)} MB/s of CPU (${baseMBs.wall.toFixed(1)} MB/s wall)`,
    );
    if (HUGE_GB > 0) huge(dir, cliPath, baseMBs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes a HAR of about `bytes` bytes, one batch of generated entries at a time. */
function writeHugeHar(path: string, bytes: number): number {
  const fd = openSync(path, 'w');
  let size = 0;
  let count = 0;
  let start = Date.parse('2026-11-23T09:00:00.000Z');
  const put = (s: string) => {
    size += writeSync(fd, s);
  };
  put('{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"entries":[');
  // A bounded loop: each batch adds megabytes, so it ends after bytes / batch-size rounds.
  for (let batch = 0; size < bytes && batch < 1_000_000; batch++) {
    const { entries } = generateHar(2000, 1000 + batch, 3, start).log;
    start = Date.parse(entries.at(-1)!.startedDateTime) + 1000;
    put(entries.map((e) => `${count++ ? ',' : ''}${JSON.stringify(e)}`).join(''));
  }
  put(']}}\n');
  closeSync(fd);
  return count;
}

function huge(dir: string, cliPath: string, baseMBs: { cpu: number; wall: number }) {
  const input = join(dir, 'huge.har');
  const t = performance.now();
  const count = writeHugeHar(input, HUGE_GB * 1e9);
  const size = statSync(input).size / 1e6;
  console.log(
    `\nCLI on a ${(size / 1000).toFixed(2)} GB HAR (${count} entries, generated in ${((performance.now() - t) / 1000).toFixed(0)} s):`,
  );
  const out = join(dir, 'huge-out.har');
  const run = timed([cliPath, 'annotate', input, '-o', out], out);
  const mbs = { cpu: size / (run.cpuMs / 1000), wall: size / (run.ms / 1000) };
  const ratio = mbs.wall / baseMBs.wall;
  console.log(
    `apilens annotate: ${(run.cpuMs / 1000).toFixed(1)} s CPU (${(run.ms / 1000).toFixed(1)} s wall, ${(run.cpuMs / run.ms).toFixed(2)} cores busy), ${mbs.wall.toFixed(1)} MB/s wall (${mbs.cpu.toFixed(1)} MB/s of CPU), peak RSS ${run.rssMiB.toFixed(0)} MiB; load ${load()}`,
  );
  console.log(
    `2 GB CLI MB/s / JSON.parse+stringify MB/s (200 MB), wall: ${ratio.toFixed(2)} (per CPU second ${(mbs.cpu / baseMBs.cpu).toFixed(2)}) — goal ≥ 1.00: ${verdict(ratio >= 1)}`,
  );
  console.log(
    `2 GB CLI peak RSS: ${run.rssMiB.toFixed(0)} MiB — goal < ${RSS_GOAL_MIB} MiB: ${verdict(run.rssMiB < RSS_GOAL_MIB)}`,
  );
  rmSync(input, { force: true });
  rmSync(out, { force: true });
}

console.log(`load average at start: ${load()}`);
if (process.env.BENCH_SKIP_CLI !== '1') cli();
else console.log('CLI benchmark not run (BENCH_SKIP_CLI=1)');
if (process.env.BENCH_SKIP_OPENAPI !== '1') openapiBench(ROOT);
console.log('');
const ratio = throughput();
console.log(`load average at end: ${load()}`);
console.log(
  `annotate/parse: ${ratio.toFixed(2)} (CPU time) — goal ≤ 1.3: ${verdict(ratio <= 1.3)}`,
);
