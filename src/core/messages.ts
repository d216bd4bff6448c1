import { z } from 'zod';

/**
 * The one message contract between background, panel and popup: a map from message kind to
 * its payload and reply schemas. Every message is zod-parsed on receive, so a stale popup or a
 * foreign extension message can never reach a handler malformed.
 *
 * To add a kind: add an entry here; `MessageKind`, `Payload<K>` and `Reply<K>` follow.
 */
const TabId = z.object({ tabId: z.number().int() });

export const MESSAGES = {
  /** The popup asks for the active tab's summary. Reply: the summary (see background/summary.ts) or null. */
  'summary:get': { payload: TabId, reply: z.unknown() },
  /** Clears one tab's state (popup "Clear"). */
  'summary:clear': { payload: TabId, reply: z.object({ ok: z.boolean() }) },
  /** User profiles or settings changed in storage: contexts reload them. */
  'settings:changed': { payload: z.object({}), reply: z.object({ ok: z.boolean() }) },
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
  if (!env.success || !(env.data.kind in MESSAGES)) return undefined;
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
