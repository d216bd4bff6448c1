import type { Entry } from 'har-format';
import { z } from 'zod';
import { RetryVerdict } from './annotation.ts';
import { Throttled } from './rate/tracker.ts';

/**
 * The one message contract between background, panel and popup: a map from message kind to
 * its payload and reply schemas. Every message is zod-parsed on receive, so a stale popup or a
 * foreign extension message can never reach a handler malformed.
 *
 * To add a kind: add an entry here; `MessageKind`, `Payload<K>` and `Reply<K>` follow.
 */
const TabId = z.object({ tabId: z.number().int() });
const Ok = z.object({ ok: z.boolean() });

/** One key's sliding window as the popup shows it (the core RateTracker's state, minus the sparkline). */
export const RateMeter = z.object({
  /** `profile:fingerprint`: a hash of the credential, never the credential (rate/fingerprint.ts). */
  key: z.string(),
  profile: z.string(),
  limit: z.number().int().nonnegative().optional(),
  windowSeconds: z.number().positive(),
  count: z.number().int().nonnegative(),
  remaining: z.number().int().optional(),
  source: z.enum(['profile', 'headers']).optional(),
  over: z.boolean(),
  /** Epoch ms when the oldest request leaves the window. */
  nextSlotAt: z.number().optional(),
  /** Epoch ms when the limit is reached at the current pace. */
  exhaustionAt: z.number().optional(),
  throttled: Throttled.optional(),
  pollingAdvice: z.string().optional(),
  total: z.number().int().nonnegative(),
  peak: z.number().int().nonnegative(),
});
export type RateMeter = z.infer<typeof RateMeter>;

/** A failed request, reduced to what is safe to keep: no headers, no body, query redacted. */
export const RecentError = z.object({
  at: z.number(),
  method: z.string(),
  host: z.string(),
  /** Path and query with token-like parameters redacted (har/redact.ts redactUrl). */
  path: z.string(),
  /** 0 when there was no response (network error). */
  status: z.number().int(),
  profile: z.string(),
  requestId: z.string().optional(),
  /** The documented meaning (the provider's, else RFC 9110). */
  meaning: z.string(),
  /** One-line message (har/summary.ts headline). */
  message: z.string(),
  verdict: RetryVerdict,
});
export type RecentError = z.infer<typeof RecentError>;

export const Last429 = z.object({
  at: z.number(),
  method: z.string(),
  host: z.string(),
  path: z.string(),
  profile: z.string(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  /** Epoch ms when Retry-After elapses. */
  until: z.number().optional(),
});
export type Last429 = z.infer<typeof Last429>;

export const BadgeLevel = z.enum(['none', 'errors', 'approaching', 'over', 'throttled']);
export type BadgeLevel = z.infer<typeof BadgeLevel>;
export const Badge = z.object({
  level: BadgeLevel,
  text: z.string(),
  color: z.string(),
  title: z.string(),
});
export type Badge = z.infer<typeof Badge>;

/** One tab's counters: everything about its traffic except the rate windows. */
export const TabCounters = z.object({
  total: z.number().int().nonnegative(),
  /** "1xx".."5xx", and "none" for requests without a response (har/summary.ts statusClass). */
  byStatusClass: z.record(z.string(), z.number().int()),
  verdicts: z.partialRecord(RetryVerdict, z.number().int()),
  errors: z.number().int().nonnegative(),
  /** Newest first. */
  recentErrors: z.array(RecentError),
  last429: Last429.optional(),
});
export type TabCounters = z.infer<typeof TabCounters>;

/** One tab's summary: what the popup renders and what "Export" writes. */
export const TabSummary = TabCounters.extend({
  v: z.literal(1),
  tabId: z.number().int(),
  /** Epoch ms the summary was computed at (rate windows are as of this instant). */
  now: z.number(),
  rates: z.array(RateMeter),
  badge: Badge,
});
export type TabSummary = z.infer<typeof TabSummary>;

export const PermissionState = z.object({
  /** Match patterns of the built-in (and user) profiles' hosts. */
  profileHosts: z.array(z.string()),
  /** Origins granted now. */
  granted: z.array(z.string()),
  /** Every profile host is granted. */
  profileHostsGranted: z.boolean(),
  /** All http/https hosts are granted. */
  allHostsGranted: z.boolean(),
});
export type PermissionState = z.infer<typeof PermissionState>;

export const SummaryExport = z.object({
  generator: z.object({ name: z.string(), version: z.string() }),
  exportedAt: z.string(),
  summary: TabSummary,
});
export type SummaryExport = z.infer<typeof SummaryExport>;

/**
 * A request the background saw through webRequest, as a HAR entry without a body
 * (background/observe.ts). Only what the panel reads is checked; the rest passes through.
 */
const ObservedShape = z.looseObject({
  startedDateTime: z.string(),
  request: z.looseObject({ method: z.string(), url: z.string() }),
  response: z.looseObject({ status: z.number() }),
});
export const ObservedEntry = z.custom<Entry>((v) => ObservedShape.safeParse(v).success);

export const MESSAGES = {
  /** The popup asks for a tab's summary; null when the tab has no observed traffic. */
  'summary:get': { payload: TabId, reply: TabSummary.nullable() },
  /** Clears one tab's state (popup "Clear"). */
  'summary:clear': { payload: TabId, reply: Ok },
  /** The tab's summary as an export document (popup "Export JSON"); null without traffic. */
  'summary:export': { payload: TabId, reply: SummaryExport.nullable() },
  /**
   * The panel asks for the requests webRequest saw in the inspected tab that started in
   * [since, until) (epoch ms): Firefox DevTools does not report some (devtools/observed.ts).
   * `unfinished`: how many more started then and have not finished yet.
   */
  'observed:get': {
    payload: TabId.extend({ since: z.number(), until: z.number() }),
    reply: z.object({ entries: z.array(ObservedEntry), unfinished: z.number().int().min(0) }),
  },
  /** Which hosts the background may observe (least privilege: optional host permissions). */
  'permissions:get': { payload: z.object({}), reply: PermissionState },
  /** User profiles or settings changed in storage: contexts reload them. */
  'settings:changed': { payload: z.object({}), reply: Ok },
} as const;

export type MessageKind = keyof typeof MESSAGES;
export type Payload<K extends MessageKind> = z.infer<(typeof MESSAGES)[K]['payload']>;
export type Reply<K extends MessageKind> = z.infer<(typeof MESSAGES)[K]['reply']>;

const Envelope = z.object({ apiLens: z.literal(1), kind: z.string(), payload: z.unknown() });

export function envelope<K extends MessageKind>(kind: K, payload: Payload<K>) {
  return { apiLens: 1 as const, kind, payload };
}

/** Parses a raw message; undefined when it is not ours or its payload is malformed. */
export function parseMessage(
  raw: unknown,
): { [K in MessageKind]: { kind: K; payload: Payload<K> } }[MessageKind] | undefined {
  const env = Envelope.safeParse(raw);
  if (!env.success || !Object.hasOwn(MESSAGES, env.data.kind)) return undefined;
  const kind = env.data.kind as MessageKind;
  const payload = MESSAGES[kind].payload.safeParse(env.data.payload);
  if (!payload.success) return undefined;
  return { kind, payload: payload.data } as never;
}

export type Handlers = {
  [K in MessageKind]?: (payload: Payload<K>) => Reply<K> | Promise<Reply<K>>;
};

/** Wires handlers to a raw receive function (platform.messaging.onMessage). */
export function dispatcher(handlers: Handlers) {
  return (raw: unknown): unknown => {
    const msg = parseMessage(raw);
    if (!msg) return undefined;
    const handler = handlers[msg.kind] as ((p: unknown) => unknown) | undefined;
    return handler?.(msg.payload);
  };
}

/** A typed request over a raw send function (platform.messaging.send); the reply is parsed too. */
export async function request<K extends MessageKind>(
  send: (m: unknown) => Promise<unknown>,
  kind: K,
  payload: Payload<K>,
): Promise<Reply<K>> {
  const reply = await send(envelope(kind, payload));
  return MESSAGES[kind].reply.parse(reply) as Reply<K>;
}
