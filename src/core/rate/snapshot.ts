import { z } from 'zod';

/** A 429's throttle: when it came, its Retry-After, and when that ends (epoch ms). */
export const Throttled = z.object({
  at: z.number(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  until: z.number().optional(),
});

/**
 * The rate tracker's JSON snapshot (storage.session keeps it across service-worker restarts).
 * Validated on restore: a corrupt or hostile snapshot yields an empty tracker.
 */
const Pair = z.tuple([z.number().int(), z.number().int().positive()]);
export const Snapshot = z.object({
  v: z.literal(1),
  options: z.object({
    historySeconds: z.number().int().positive(),
    maxKeys: z.number().int().positive(),
    maxEndpointsPerKey: z.number().int().positive(),
  }),
  keys: z.array(
    z.object({
      key: z.string(),
      profile: z.string(),
      limit: z.number().int().nonnegative().optional(),
      windowSeconds: z.number().positive(),
      source: z.enum(['profile', 'headers']).optional(),
      headerRemaining: z.number().int().nonnegative().optional(),
      firstAt: z.number(),
      total: z.number().int().nonnegative(),
      peak: z.number().int().nonnegative(),
      throttled: Throttled.optional(),
      pollingAdvice: z.string().optional(),
      polling: z.string().optional(),
      /** Exact request times in the window (absent in snapshots older than the exact window). */
      windowTimes: z.array(z.number()).optional(),
      windowHead: z.number().int().optional(),
      windowBuckets: z.array(Pair),
      sparkHead: z.number().int().optional(),
      sparkBuckets: z.array(Pair),
      endpoints: z.array(
        z.object({
          method: z.string(),
          endpoint: z.string(),
          lastAt: z.number(),
          streakMs: z.number().nonnegative(),
          streakN: z.number().int().nonnegative(),
        }),
      ),
    }),
  ),
});
export type RateTrackerSnapshot = z.infer<typeof Snapshot>;
