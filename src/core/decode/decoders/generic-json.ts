import type { JsonDecoder } from '../decoder.ts';
import { PROSE_KEYS, sentencesFirst } from '../envelope.ts';
import {
  boundedEntries,
  boundedItems,
  decoded,
  httpUrl,
  isRecord,
  isRequestIdKey,
  isToken,
  type Json,
} from '../util.ts';

/**
 * Any other JSON error: a bounded walk (depth 3, first members only) over common key names, in
 * document order. Prose-valued keys give messages; a token under `error`/`reason`/`type` is a code.
 * Covers Spring `{timestamp,status,error,message,path}`, DRF `{detail}`, Twilio `{code, message,
 * more_info}`, Adyen `{errorCode, message, pspReference}`, Heroku `{id, message, url}`, Discord
 * rate limits `{message, retry_after, global}`, API gateways' `{message}`.
 */

/** Prose, or a code when the value is a token (`{"error": "invalid_grant"}`). */
const EITHER_KEYS = new Set(['error', 'reason', 'title']);
const CODE_KEYS = new Set(['code', 'error_code', 'errorcode', 'type', 'status', 'error', 'reason']);
const DOCS_KEYS = new Set([
  'documentation_url',
  'doc_url',
  'docs',
  'moreinfo',
  'more_info',
  'help_url',
  'error_uri',
  'url',
  'link',
]);
const RETRY_KEYS = new Set(['retry_after', 'retryafter', 'retryaftersec', 'retryafterseconds']);
const MAX_DEPTH = 3;
const MAX_VISITS = 200;

interface Walk {
  messages: unknown[];
  code?: string;
  docs?: string;
  requestId?: string;
  retryAfterSeconds?: number;
  visits: number;
}

function visit(node: Json, depth: number, walk: Walk): void {
  // Where this envelope's own strings landed in walk.messages (see sentencesFirst).
  const own: number[] = [];
  const say = (text: string) => own.push(walk.messages.push(text) - 1);
  walkMembers(node, depth, walk, say);
  const code = sentencesFirst(walk.messages, own, walk.code !== undefined);
  if (code !== undefined) walk.code = code;
}

function walkMembers(node: Json, depth: number, walk: Walk, say: (text: string) => void): void {
  for (const [rawKey, value] of boundedEntries(node)) {
    if (++walk.visits > MAX_VISITS) return;
    const key = rawKey.toLowerCase();
    if (typeof value === 'string') {
      const token = isToken(value.trim());
      if (PROSE_KEYS.has(key) || (EITHER_KEYS.has(key) && !token)) say(value);
      else if (CODE_KEYS.has(key) && token) walk.code ??= value;
      // A code-like title when the code is known: kept, after the sentences (sentencesFirst).
      else if (EITHER_KEYS.has(key)) {
        if (walk.code === undefined) walk.code = value;
        else say(value);
      } else if (isRequestIdKey(key)) walk.requestId ??= value;
      else if (DOCS_KEYS.has(key)) walk.docs ??= httpUrl(value);
      // Heroku's `id` is the error's code (`rate_limit`); only snake-case tokens, never resource ids.
      else if (key === 'id' && depth === 0 && /^[a-z]+(_[a-z]+)*$/.test(value)) walk.code ??= value;
    } else if (typeof value === 'number') {
      if (RETRY_KEYS.has(key)) walk.retryAfterSeconds ??= value;
      else if (CODE_KEYS.has(key) && key !== 'status') walk.code ??= String(value);
    } else if (Array.isArray(value)) {
      if (!PROSE_KEYS.has(key) && key !== 'errors') continue;
      for (const item of boundedItems(value, 20)) {
        if (typeof item === 'string') say(item);
        else if (isRecord(item) && depth < MAX_DEPTH) visit(item, depth + 1, walk);
      }
    } else if (isRecord(value) && depth < MAX_DEPTH) {
      visit(value, depth + 1, walk);
    }
  }
}

export const genericJson: JsonDecoder = {
  id: 'json',
  decode(value, ctx) {
    const walk: Walk = { messages: [], visits: 0 };
    if (typeof value === 'string') walk.messages.push(value);
    else if (isRecord(value)) visit(value, 0, walk);
    else if (Array.isArray(value)) {
      for (const item of boundedItems(value, 20))
        if (typeof item === 'string') walk.messages.push(item);
    }
    return decoded('json', ctx, walk);
  },
};
