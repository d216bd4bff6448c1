import type { BackoffOptions } from './types.ts';

export const BACKOFF_DEFAULTS: Required<BackoffOptions> = {
  baseSeconds: 1,
  factor: 2,
  capSeconds: 60,
  tries: 3,
  jitter: 'full',
};

// Upper bound on suggested tries: a schedule is advice shown to a person, not a retry loop.
const MAX_TRIES = 20;

/** FNV-1a 32-bit: a stable seed from a string (same traffic → same seed everywhere). */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny deterministic PRNG, uniform in [0, 1). Not for secrets. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function finiteOr(value: number | undefined, fallback: number, min: number): number {
  return value !== undefined && Number.isFinite(value) && value >= min ? value : fallback;
}

/**
 * Suggested retry delays in seconds: exponential (`base·factor^i`), capped at `capSeconds`,
 * `tries` long, rounded to 0.1 s. "full" jitter draws each delay uniformly from [0, delay]
 * (the AWS "Exponential Backoff and Jitter" scheme) with a PRNG seeded by `seed`, so the CLI
 * and the panel suggest the same schedule for the same traffic. Invalid options fall back to
 * the defaults of {@link BackoffOptions}.
 */
export function backoffSchedule(options: BackoffOptions, seed: string): number[] {
  const base = finiteOr(options.baseSeconds, BACKOFF_DEFAULTS.baseSeconds, 0);
  const factor = finiteOr(options.factor, BACKOFF_DEFAULTS.factor, 1);
  const cap = finiteOr(options.capSeconds, BACKOFF_DEFAULTS.capSeconds, 0);
  const tries = Math.min(MAX_TRIES, Math.floor(finiteOr(options.tries, BACKOFF_DEFAULTS.tries, 0)));
  const jitter = options.jitter ?? BACKOFF_DEFAULTS.jitter;
  const random = prng(hashSeed(seed));
  const out: number[] = [];
  for (let i = 0; i < tries; i++) {
    const delay = Math.min(cap, base * factor ** i);
    const jittered = jitter === 'full' ? random() * delay : delay;
    out.push(Math.round(jittered * 10) / 10);
  }
  return out;
}
