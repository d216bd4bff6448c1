import { performance } from 'node:perf_hooks';

/**
 * CPU and wall milliseconds of `f()`. CPU time (GC threads included) is what the ratios use: on
 * a shared 2-core machine wall time mostly measures the other processes.
 */
export function measure(f: () => void): { cpu: number; wall: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const d = process.cpuUsage(c);
  return { cpu: (d.user + d.system) / 1000, wall: performance.now() - t };
}

/** The middle value (the upper one of an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
